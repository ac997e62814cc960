"""Benchmarks: ``make bench`` (``python -m bench``) and the one-process measures beside it (README.md)."""


def donor_csrf():
    """A browser's CSRF secret of its own, which is also a valid form token (Django takes an unmasked
    one): each donor is a browser, as the per-browser pledge limit counts them."""
    from django.middleware.csrf import CSRF_ALLOWED_CHARS
    from django.utils.crypto import get_random_string

    return get_random_string(32, CSRF_ALLOWED_CHARS)
