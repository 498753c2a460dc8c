"""Look-ups other apps use to show procedures (e.g. the home page's featured list)."""

from django.db.models import QuerySet
from wagtail.models import Site

from .choices import ProcedureStatus
from .models import ProcedurePage


def featured_procedures(site: Site, limit: int = 6) -> QuerySet[ProcedurePage]:
    """Live, public, in-force procedures of `site` marked featured, by title."""
    return (
        ProcedurePage.objects.descendant_of(site.root_page)
        .live()
        .public()
        .filter(featured=True, status=ProcedureStatus.IN_FORCE)
        .select_related("sector")
        .order_by("title")[:limit]
    )
