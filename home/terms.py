"""Django's own form messages, worded for the portal's forms (their lines in the error summary
read as sentences a person can act on). Marked here so that ``make messages`` keeps them in
home's catalogue, which Django prefers to its own (home comes before Django's apps in
INSTALLED_APPS); the Latvian wording is in ``home/locale/lv``."""

from django.utils.translation import gettext_noop

DJANGO_WORDING = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
]
