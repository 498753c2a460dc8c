"""The Content Security Policy, with the one exception the Wagtail admin needs."""

from dataclasses import replace

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# Wagtail's admin writes some inline <script>s (the page editor, reports) without nonces.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class AdminAwareCSPMiddleware(CSPMiddleware):
    """settings.CONTENT_SECURITY_POLICY everywhere; under the admin, inline scripts too."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return parts
        update = dict(parts.update or {})
        update["script-src"] = [*update.get("script-src", []), UNSAFE_INLINE]
        return replace(parts, update=update)
