"""Validation: every problem of the batch, before anything is written."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..models import Agency
from .specs import BatchProvisioningError, RowError, SiteSpec

MAX_PORT = 65535


def _text_errors(number: int, spec: SiteSpec) -> list[RowError]:
    errors = []
    limits = {"name": 255, "slug": 50, "hostname": 255, "short_name": 100}
    for name, limit in limits.items():
        value = getattr(spec, name)
        if not isinstance(value, str) or (name != "short_name" and not value.strip()):
            errors.append(RowError(number, name, _("Thiếu giá trị.")))
        elif len(value) > limit:
            errors.append(RowError(number, name, _("Dài quá %(limit)s ký tự.") % {"limit": limit}))
    if isinstance(spec.slug, str) and spec.slug:
        try:
            validate_slug(spec.slug)
        except ValidationError:
            errors.append(
                RowError(number, "slug", _("Chỉ dùng chữ không dấu, số, gạch nối, gạch dưới."))
            )
    if not isinstance(spec.port, int) or isinstance(spec.port, bool):
        errors.append(RowError(number, "port", _("Cổng phải là số nguyên.")))
    elif not 1 <= spec.port <= MAX_PORT:
        errors.append(RowError(number, "port", _("Cổng phải từ 1 đến 65535.")))
    if spec.kind not in Agency.Kind.values:
        errors.append(
            RowError(
                number,
                "kind",
                _("Loại '%(kind)s' không hợp lệ (chọn một trong: %(choices)s).")
                % {"kind": spec.kind, "choices": ", ".join(Agency.Kind.values)},
            )
        )
    return errors


def _validate(specs: Sequence[SiteSpec]) -> dict[str, Agency]:
    """Raise BatchProvisioningError listing every invalid or conflicting spec. Returns the
    existing agencies by slug (the specs' own and the parents they name)."""
    errors: list[RowError] = []
    slugs = {spec.slug for spec in specs if isinstance(spec.slug, str)}
    parent_slugs = {spec.parent for spec in specs if isinstance(spec.parent, str)}
    agencies = {
        agency.slug: agency
        for agency in Agency.objects.filter(slug__in=slugs | parent_slugs).select_related("site")
    }
    addresses = {(spec.hostname, spec.port) for spec in specs}
    hosts = {spec.hostname for spec in specs}
    site_of_address = {
        (hostname, port): pk
        for pk, hostname, port in Site.objects.filter(hostname__in=hosts).values_list(
            "pk", "hostname", "port"
        )
        if (hostname, port) in addresses
    }
    root_children = Page.get_first_root_node().get_children()
    root_slugs = set(root_children.filter(slug__in=slugs).values_list("slug", flat=True))
    first_of_slug: dict[str, int] = {}
    first_of_address: dict[tuple[str, int], int] = {}
    first_of_name: dict[str, int] = {}
    for number, spec in enumerate(specs, start=1):
        row_errors = _text_errors(number, spec)
        errors.extend(row_errors)
        if row_errors:
            continue
        existing = agencies.get(spec.slug)
        if spec.slug in first_of_slug:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("Trùng mã định danh với dòng %(row)s.") % {"row": first_of_slug[spec.slug]},
                )
            )
        address = (spec.hostname, spec.port)
        if address in first_of_address:
            errors.append(
                RowError(
                    number,
                    "hostname",
                    _("Trùng tên miền %(host)s:%(port)s với dòng %(row)s.")
                    % {"host": spec.hostname, "port": spec.port, "row": first_of_address[address]},
                )
            )
        elif existing is not None and existing.site_id:
            if (existing.site.hostname, existing.site.port) != address:
                errors.append(
                    RowError(
                        number,
                        "hostname",
                        _("Cơ quan %(slug)s đã có trang tại %(host)s:%(port)s.")
                        % {
                            "slug": spec.slug,
                            "host": existing.site.hostname,
                            "port": existing.site.port,
                        },
                    )
                )
        elif address in site_of_address:
            errors.append(
                RowError(
                    number,
                    "hostname",
                    _("Tên miền %(host)s:%(port)s đã thuộc về một trang khác.")
                    % {"host": spec.hostname, "port": spec.port},
                )
            )
        if existing is None and spec.name in first_of_name:
            # Both would claim the same groups and collection, named after the agency.
            errors.append(
                RowError(
                    number,
                    "name",
                    _("Trùng tên cơ quan với dòng %(row)s.") % {"row": first_of_name[spec.name]},
                )
            )
        if existing is None and spec.slug in root_slugs:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("Đã có trang gốc với đường dẫn '%(slug)s'.") % {"slug": spec.slug},
                )
            )
        if (
            isinstance(spec.parent, str)
            and spec.parent not in agencies
            and spec.parent not in first_of_slug
        ):
            errors.append(
                RowError(
                    number,
                    "parent",
                    _("Không có cơ quan với mã '%(slug)s' (ở dòng trước hoặc đã có).")
                    % {"slug": spec.parent},
                )
            )
        first_of_slug.setdefault(spec.slug, number)
        first_of_address.setdefault(address, number)
        first_of_name.setdefault(spec.name, number)
    if errors:
        raise BatchProvisioningError(errors)
    return agencies
