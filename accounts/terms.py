"""allauth's and Django's own strings that the portal words differently in Latvian: the glossary
("Pieslēgties", never "Ieiet"; "Reģistrēties"; the polite "jūs"; see DEVELOPERS.md, "Words we use")
and plain grammar where the shipped translation is wrong ("lūdzu piereģistrējaties", "spiedied šeit",
"vismaz 8 rakstzīmei"). Marked here so that ``make messages`` keeps them in this app's catalogue,
which Django prefers to allauth's and django.contrib.auth's own (accounts comes first in
INSTALLED_APPS). The Latvian wording is in ``accounts/locale/lv``; tests/home/test_language.py
reads the pages back.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH_WORDING = [
    # Signing in and signing up
    gettext_noop("Sign In"),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Login"),
    gettext_noop("Invalid login."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("You are already logged in as %(user_display)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Sign in with a passkey"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Other sign-in options"),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    # Passwords
    gettext_noop("You must type the same password each time."),
    gettext_noop("Please type your current password."),
    gettext_noop("Current Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you "
        "to reset it."
    ),
    gettext_noop("Bad Token"),
    gettext_noop("The password reset token was invalid."),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  Please request a "
        '<a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    # E-mail addresses
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop(
        "This part of the site requires us to verify that\n"
        "you are who you claim to be. For this purpose, we require that you\n"
        "verify ownership of your email address. "
    ),
]

# django.contrib.auth's password rules: the shipped Latvian has the plural forms swapped
# ("vismaz 8 rakstzīmei", "vismaz 1 rakstzīmēm").
PASSWORD_RULES = [
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
