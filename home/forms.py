from django import forms
from django.forms.renderers import TemplatesSetting


class PortalRenderer(TemplatesSetting):
    """Renders the public site's forms with the site's own field markup (label, help, errors)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


class PortalFormMixin:
    """Mix into public forms: ``{{ form }}`` and ``{{ form.field.as_field_group }}`` use the site's look."""

    default_renderer = PortalRenderer()


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass
