"""What the home pages show from the other content apps."""

from wagtail.models import Site

from procedures.models import ProcedurePage
from procedures.queries import featured_procedures as _featured_procedures

FEATURED_PROCEDURES_LIMIT = 6


def featured_procedures(site: Site, limit: int = FEATURED_PROCEDURES_LIMIT) -> list[ProcedurePage]:
    """Live, public, in-force procedures of the site marked featured."""
    return list(_featured_procedures(site, limit=limit))
