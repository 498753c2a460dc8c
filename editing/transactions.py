"""Every admin request that writes runs in one transaction, rolled back when it fails.

Wagtail's page create writes the page row, then its first revision, then logs: a failure in
between left a page without a revision in the tree. Wrapped here, a 5xx leaves nothing
behind, and what the request queues in the database (search syncs, webhook deliveries)
commits or rolls back with it.
"""

from django.db import transaction
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
ADMIN_PREFIX = "/admin/"


class AtomicAdminWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS or not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        with transaction.atomic():
            # An exception in the view reaches here as a 500 response (Django converts it
            # inside the middleware chain), so the rollback is decided by the status.
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
