"""The public site's form look, and the one way a service's refusal reaches a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer, TemplatesSetting


class PortalRenderer(TemplatesSetting):
    """Renders the public site's forms with the site's own field markup (label, help, errors)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


class PortalFormMixin:
    """Mix into public forms: ``{{ form }}`` and ``{{ form.field.as_field_group }}`` use the site's look."""

    default_renderer: BaseRenderer | type[BaseRenderer] | None = PortalRenderer()


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on ``form``: beside the field it names, else at the top.

    Services refuse with ``ValidationError``; a dict names the fields at fault
    (a name the form lacks goes to the top, so no message is ever lost).
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
