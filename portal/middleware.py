"""Security headers on every response: pages, the admin, static files, documents and errors."""

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware, PolicyParts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "publickey-credentials-get": ["self"]}`` → ``camera=(), publickey-credentials-get=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class SecurityHeadersMiddleware:
    """What Django's SecurityMiddleware and django-csp leave out, or never see: the
    Permissions-Policy and Cross-Origin-Resource-Policy on everything, and a strict CSP and
    X-Frame-Options on responses that come back without one (whitenoise's static files
    are answered before the inner middleware runs)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": permissions_policy(settings.PERMISSIONS_POLICY),
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
            "Content-Security-Policy": settings.FALLBACK_CONTENT_SECURITY_POLICY,
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for header, value in self.headers.items():
            response.setdefault(header, value)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the whole site, widened for the Wagtail
    admin by ``ADMIN_CONTENT_SECURITY_POLICY`` (directives it names replace the site's)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**settings.ADMIN_CONTENT_SECURITY_POLICY, **(parts.replace or {})}
        return parts
