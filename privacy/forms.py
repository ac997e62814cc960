from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import PortalForm


class ErasureForm(PortalForm):
    """The person confirms that they want their data erased (the page says what that means)."""

    confirmed = forms.BooleanField(label=_("I understand what is erased and what stays, and I want my data erased."))


class CompleteErasureForm(forms.Form):
    """Staff confirm that they complete a waiting erasure request."""

    confirmed = forms.BooleanField(
        label=_("Erase now: this cannot be undone."),
        help_text=_(
            "The person's records are erased or pseudonymised as the page says, the account is removed, "
            "and the person is told by e-mail."
        ),
    )
