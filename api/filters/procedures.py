"""Procedure filters: sector, level, agency, online_level, code, implementing_agency,
status, featured."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from home.compiled import TEXT_MARKER, compiled
from procedures.choices import LEVEL_FIELDS, OnlineLevel, ProcedureStatus
from procedures.models import Sector
from sites.models import Agency

from ..errors import bad_request
from ..params import parse_bool, parse_choice
from .lookups import filter_by, named

PARAMS = [
    "sector",
    "level",
    "agency",
    "online_level",
    "code",
    "implementing_agency",
    "status",
    "featured",
]
# How a compiled listing (api.listing) takes each resolved value: in a marker's place, or
# as part of the query's shape. Text matched by pattern is left to querysets.
MARKED = {"sector": "id"}
SHAPED = {"level", "online_level", "status", "featured"}


def sector_id(request: HttpRequest, slug: str) -> int:
    """The id of the sector with this slug (a 400 when there is none)."""

    def find() -> int | None:
        query = compiled(
            "sector by slug",
            lambda slug: Sector.objects.filter(slug=slug).order_by("pk").values_list("pk")[:1],
            TEXT_MARKER,
        )
        return next((pk for (pk,) in query.fetch(slug)), None)

    found = named(request, ("sector", slug), find)
    if found is None:
        raise bad_request(_("Lĩnh vực “%(slug)s” không tồn tại.") % {"slug": slug})
    return found


def agency_root_path(slug: str) -> str:
    agency = Agency.objects.select_related("site__root_page").filter(slug=slug).first()
    if agency is None or agency.site is None:
        raise bad_request(_("Cơ quan “%(slug)s” không tồn tại.") % {"slug": slug})
    return agency.site.root_page.path


def resolve_procedures(request: HttpRequest, site) -> dict:
    """The request's procedure filters as values (a 400 for any invalid one)."""
    params = request.GET
    values = {}
    if value := params.get("sector"):
        values["sector"] = sector_id(request, value)
    if value := params.get("level"):
        values["level"] = parse_choice("level", value, list(LEVEL_FIELDS))
    if value := params.get("agency"):
        values["agency"] = agency_root_path(value)
    if value := params.get("online_level"):
        values["online_level"] = parse_choice("online_level", value, list(OnlineLevel.values))
    if value := params.get("code"):
        values["code"] = value
    if value := params.get("implementing_agency"):
        values["implementing_agency"] = value
    if value := params.get("status"):
        values["status"] = parse_choice("status", value, list(ProcedureStatus.values))
    if value := params.get("featured"):
        values["featured"] = parse_bool("featured", value)
    return values


# The values that are one lookup each.
LOOKUPS = {
    "sector": "sector_id",
    "agency": "path__startswith",
    "online_level": "online_level",
    "implementing_agency": "implementing_agency__icontains",
    "status": "status",
    "featured": "featured",
}


def apply_procedures(queryset, values: dict):
    queryset = filter_by(queryset, values, LOOKUPS)
    if "level" in values:
        queryset = queryset.filter(**{LEVEL_FIELDS[values["level"]]: True})
    if "code" in values:
        # National codes match their local variants (1.001612 → 1.001612.000.00.00.H04).
        code = values["code"]
        queryset = queryset.filter(Q(code__iexact=code) | Q(code__istartswith=f"{code}."))
    return queryset
