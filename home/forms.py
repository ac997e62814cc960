"""The public site's form look, its error summary, and the one way a service's refusal reaches a form."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer, TemplatesSetting
from django.utils.translation import gettext_lazy as _

# The summary's id (links and tests find it by it). The summary has ``autofocus``: the page that comes back
# with errors opens at it and focuses it, with or without JavaScript, however far down the form is.
ERROR_SUMMARY_ID = "error-summary"
# A select box's empty first choice, in words instead of Django's "---------".
CHOOSE = _("Choose…")


class PortalRenderer(TemplatesSetting):
    """Renders the public site's forms with the site's own markup: the error summary, label, help, errors."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


class RequiredMessagesMixin:
    """Mix into a form (the portal's own, allauth's): each field of ``required_messages`` left empty
    says its own words."""

    # What to say when a required field is left empty, by field name ("Write your name."): a line of the
    # error summary a person can act on, instead of "This field is required." under the field's label.
    required_messages: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields  # type: ignore[attr-defined]
        for name, message in self.required_messages.items():
            if name in fields:
                fields[name].error_messages["required"] = message


class PortalFormMixin(RequiredMessagesMixin):
    """Mix into public forms: ``{{ form }}`` and ``{{ form.field.as_field_group }}`` use the site's look,
    and ``{{ form }}`` starts with the error summary."""

    default_renderer: BaseRenderer | type[BaseRenderer] | None = PortalRenderer()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields  # type: ignore[attr-defined]
        for field in fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = CHOOSE if field.empty_label is not None else None
            elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, forms.RadioSelect):
                choices = cast(Iterable[tuple[Any, Any]], field.choices)
                field.choices = [("", CHOOSE) if value == "" else (value, label) for value, label in choices]

    def summary_fields(self) -> list[forms.BoundField]:
        """The fields in the order the page shows them (the summary lists their problems so);
        a form whose template draws its fields in another order says so here."""
        return self.visible_fields()  # type: ignore[attr-defined]

    def summary_title(self) -> str | None:
        """The error summary's heading when the form asks a question rather than lists problems to fix
        (None: "There are 2 problems to fix")."""
        return None

    def non_field_error_target(self) -> str:
        """The id of the element a problem of the whole form points to ("" for none)."""
        return ""

    def names_in_summary(self, field: forms.BoundField) -> bool:
        """Whether the summary names ``field`` before each of its problems, not only where two
        fields share the words: a field whose messages do not say what they are about."""
        return False


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: what is wrong, and the id of the field to fix ("" for none)."""

    message: str
    target: str = ""


def field_anchor(field: forms.BoundField) -> str:
    """The id a summary link jumps to: the input itself, or a group's first choice."""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")


def error_summary(form: forms.BaseForm) -> list[Problem]:
    """Every problem of ``form`` once, in the order a person fixes them: the whole form's first,
    then each field's in the order the page shows the fields (``summary_fields``).

    Where the same words belong to two fields ("Enter a whole number"), each line names its field,
    so that no line of the summary repeats another; so does a field the form names always
    (``names_in_summary``: a pledge's quantities, "Winter boots EU 36: Only 4 are still needed.").
    """
    if not form.is_bound or not form.errors:
        return []
    target = form.non_field_error_target() if isinstance(form, PortalFormMixin) else ""
    lines: list[tuple[str, str, str]] = [(str(message), "", target) for message in form.non_field_errors()]
    for field in form.hidden_fields():
        lines.extend((str(message), "", "") for message in field.errors)
    fields = list(form.summary_fields() if isinstance(form, PortalFormMixin) else form.visible_fields())
    shown = {field.name for field in fields}
    fields += [field for field in form.visible_fields() if field.name not in shown]
    named: set[str] = set()
    for field in fields:
        lines.extend((str(message), str(field.label or ""), field_anchor(field)) for message in field.errors)
        if isinstance(form, PortalFormMixin) and form.names_in_summary(field):
            named.add(field_anchor(field))
    repeated = Counter(message for message, _label, _target in lines)
    problems: list[Problem] = []
    for message, label, anchor in lines:
        # "Label: message" where two fields share the words or the field asks for it; the label's own
        # end (".", ":", "?") goes.
        text = f"{label.rstrip('.:?')}: {message}" if (repeated[message] > 1 or anchor in named) and label else message
        problem = Problem(text, anchor)
        if problem not in problems:
            problems.append(problem)
    return problems


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
