"""Procedure filters: sector, level, agency, online_level, code, implementing_agency,
status, featured."""

from django.db.models import Q
from django.utils.translation import gettext as _

from home.compiled import TEXT_MARKER, compiled
from procedures.choices import LEVEL_FIELDS, OnlineLevel, ProcedureStatus
from procedures.models import Sector
from sites.models import Agency

from ..errors import bad_request
from ..params import parse_bool, parse_choice

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


def sector_by_slug(slug: str) -> Sector:
    query = compiled(
        "sector by slug",
        lambda slug: Sector.objects.filter(slug=slug).order_by("pk")[:1],
        TEXT_MARKER,
    )
    sector = next(iter(query.fetch(slug)), None)
    if sector is None:
        raise bad_request(_("Lĩnh vực “%(slug)s” không tồn tại.") % {"slug": slug})
    return sector


def agency_root_path(slug: str) -> str:
    agency = Agency.objects.select_related("site__root_page").filter(slug=slug).first()
    if agency is None or agency.site is None:
        raise bad_request(_("Cơ quan “%(slug)s” không tồn tại.") % {"slug": slug})
    return agency.site.root_page.path


def filter_procedures(queryset, params, site):
    if value := params.get("sector"):
        queryset = queryset.filter(sector=sector_by_slug(value))
    if value := params.get("level"):
        level = parse_choice("level", value, list(LEVEL_FIELDS))
        queryset = queryset.filter(**{LEVEL_FIELDS[level]: True})
    if value := params.get("agency"):
        queryset = queryset.filter(path__startswith=agency_root_path(value))
    if value := params.get("online_level"):
        queryset = queryset.filter(
            online_level=parse_choice("online_level", value, list(OnlineLevel.values))
        )
    if value := params.get("code"):
        # National codes match their local variants (1.001612 → 1.001612.000.00.00.H04).
        queryset = queryset.filter(Q(code__iexact=value) | Q(code__istartswith=f"{value}."))
    if value := params.get("implementing_agency"):
        queryset = queryset.filter(implementing_agency__icontains=value)
    if value := params.get("status"):
        queryset = queryset.filter(
            status=parse_choice("status", value, list(ProcedureStatus.values))
        )
    if value := params.get("featured"):
        queryset = queryset.filter(featured=parse_bool("featured", value))
    return queryset
