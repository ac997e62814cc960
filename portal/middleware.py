"""Security headers on every response: pages, the admin, static files, documents and errors."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts

from accounts.staff import is_admin_path


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
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for header, value in self.headers.items():
            response.setdefault(header, value)
        if not response.get("Content-Type", "").startswith("text/html"):
            # HTML gets its policy from ContentSecurityPolicyMiddleware (which leaves Django's
            # debug pages alone). A file opened on its own (an SVG, a PDF, a document Wagtail
            # serves with "default-src 'none'") may run, load and frame nothing.
            response[HEADER] = settings.FALLBACK_CONTENT_SECURITY_POLICY
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the whole site, widened for the Wagtail
    admin by ``ADMIN_CONTENT_SECURITY_POLICY`` (directives it names replace the site's)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if self.is_admin(request):
            # A page previewed in the admin was rendered through the whole middleware stack
            # for its own address (Wagtail's preview request), so it comes back with the
            # public policy, which forbids the admin to frame it: the admin's policy applies.
            response.headers.pop(HEADER, None)
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and self.is_admin(request):
            parts.replace = {**settings.ADMIN_CONTENT_SECURITY_POLICY, **(parts.replace or {})}
        return parts

    @staticmethod
    def is_admin(request: HttpRequest) -> bool:
        return is_admin_path(request.path_info)
