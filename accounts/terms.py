"""allauth's own strings that the portal words differently in Latvian (the glossary in the
team's Latvian notes: "Pieslēgties", never "Ieiet"). Marked here so that ``make messages`` keeps
them in this app's catalogue, which Django prefers to allauth's own (accounts comes first in
INSTALLED_APPS)."""

from django.utils.translation import gettext_noop

ALLAUTH_WORDING = [
    gettext_noop("Sign In"),
    gettext_noop("Successfully signed in as %(name)s."),
]
