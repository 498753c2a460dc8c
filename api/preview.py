"""Signed, short-lived preview tokens, each bound to one page."""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from wagtail.models import Page

SALT = "api.preview"


class PreviewTokenError(Exception):
    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(page: Page) -> str:
    return signing.dumps({"page": page.pk}, salt=SALT, compress=True)


def page_id_for_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.API_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewTokenError(expired=True) from None
    except signing.BadSignature:
        raise PreviewTokenError(expired=False) from None
    return int(data["page"])


def draft_for_token(token: str) -> Page | None:
    """The page's latest revision (the draft) as an object, or None if it was deleted."""
    page = Page.objects.filter(pk=page_id_for_token(token)).first()
    if page is None:
        return None
    return page.specific.get_latest_revision_as_object()


def page_type_name(page: Page) -> str:
    return f"{page._meta.app_label}.{type(page).__name__}"


def frontend_preview_url(frontend_url: str, page: Page) -> str:
    query = urlencode(
        {"token": make_token(page), "id": page.pk, "content_type": page_type_name(page)}
    )
    separator = "&" if "?" in frontend_url else "?"
    return f"{frontend_url}{separator}{query}"
