"""What the home pages show from the other content apps."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Page, Site

FEATURED_PROCEDURES_LIMIT = 6


def featured_procedures(site: Site, limit: int = FEATURED_PROCEDURES_LIMIT) -> list[Page]:
    """Live public procedures of the site marked `featured`.

    Looked up through the app registry, so the home page keeps rendering on a tree where the
    procedures app has no `ProcedurePage` (yet).
    """
    try:
        procedure_model = apps.get_model("procedures", "ProcedurePage")
        procedure_model._meta.get_field("featured")
    except (LookupError, FieldDoesNotExist):
        return []
    return list(
        procedure_model.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(featured=True)
        .order_by("title")[:limit]
    )
