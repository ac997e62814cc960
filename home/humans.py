"""Is a person filling in this form? Two quiet checks on the public forms (pledge, mentor
application, sign-up) that people never notice:

- a honeypot: a field hidden from people (and from screen readers) that bots fill in. The
  view answers a filled one with a page that looks like success, and stores and sends nothing;
- a signed timestamp of when the form was shown. Sent sooner than a person can fill it in
  (``HUMAN_FORM_MIN_SECONDS``), or so long after (``HUMAN_FORM_MAX_AGE``) that it is more likely
  replayed than typed, the form is refused with a message, and everything typed stays in it.

Mix ``HumanFormMixin`` into the form (before the form class); the view asks
``form.caught_by_honeypot`` before anything else.
"""

import copy
import time
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_shown"
STAMP_SALT = "home.humans.form-shown"

TOO_FAST = _("The form was sent faster than a person can fill it in. Please check it and send it again.")
TOO_OLD = _(
    "The form was open for a long time, so we could not take it as it was. "
    "Everything you entered is still here: please check it and send it again."
)


def stamp(at: float | None = None) -> str:
    """The signed moment a form was shown (seconds since the epoch; now unless ``at`` is given)."""
    return signing.Signer(salt=STAMP_SALT).sign(str(int(time.time() if at is None else at)))


def stamp_age(value: str) -> float | None:
    """Seconds since the form with this stamp was shown, or None when we did not sign it."""
    try:
        shown = int(signing.Signer(salt=STAMP_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - shown


class HoneypotInput(forms.TextInput):
    """A text box people never see: visually hidden, hidden from screen readers, out of the tab order.

    It counts as a hidden widget, so every form template puts it among the hidden fields,
    without the field markup of a visible one; it draws its own label for bots that read them.
    """

    def __init__(self, label: Any = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "tabindex": "-1", **(attrs or {})})
        self.label = label

    @property
    def is_hidden(self) -> bool:
        return True

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        field = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or ""
        return format_html(
            '<div class="visually-hidden" aria-hidden="true"><label for="{}">{}</label>{}</div>',
            field_id,
            self.label,
            field,
        )


if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object


class HumanFormMixin(_Form):
    """The honeypot and the timestamp, added to any form (a plain form, a model form, allauth's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this empty"), required=False, widget=HoneypotInput(label=_("Leave this empty"))
        )
        self.fields[STAMP_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial[STAMP_FIELD] = stamp()

    @property
    def caught_by_honeypot(self) -> bool:
        """Something was typed into the field no person sees (in any copy of it that was sent)."""
        if not self.is_bound:
            return False
        name = self.add_prefix(HONEYPOT_FIELD)
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
        return any(str(value or "").strip() for value in values)

    def clean_form_shown(self) -> str:  # named after STAMP_FIELD
        value = self.data.get(self.add_prefix(STAMP_FIELD)) or ""
        age = stamp_age(str(value))
        if age is not None and age < settings.HUMAN_FORM_MIN_SECONDS:
            # The same stamp stays in the form: sent again a moment later, it passes.
            self.add_error(None, forms.ValidationError(TOO_FAST, code="too_fast"))
        elif age is None or age > settings.HUMAN_FORM_MAX_AGE:
            self._renew_stamp()
            self.add_error(None, forms.ValidationError(TOO_OLD, code="too_old"))
        return str(value)

    def _renew_stamp(self) -> None:
        """The form comes back with a new stamp, so that sending it again (as the message asks) works."""
        data: Any = copy.copy(self.data)  # a QueryDict's copy can be changed
        data[self.add_prefix(STAMP_FIELD)] = stamp()
        self.data = data
