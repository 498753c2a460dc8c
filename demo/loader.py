"""Builds the demo installation: the provincial portal, seven departments and two wards,
each provisioned like a real agency, with one account per editorial role.

Every step is get-or-create, so running the loader again changes nothing.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site

from demo.content import ContentReport, load_content
from sites.models import Agency, AgencyGroup
from sites.provisioning import provision_agency_site

DEMO_DOMAIN = "bacninh.localhost"
Kind = Agency.Kind


@dataclass(frozen=True)
class DemoAgency:
    slug: str
    name: str
    kind: str
    short_name: str = ""

    @property
    def hostname(self) -> str:
        return DEMO_DOMAIN if self.kind == Kind.PORTAL else f"{self.slug}.{DEMO_DOMAIN}"


DEMO_AGENCIES = [
    DemoAgency("portal", "Cổng thông tin điện tử tỉnh Bắc Ninh", Kind.PORTAL, "Cổng tỉnh"),
    DemoAgency("stttt", "Sở Thông tin và Truyền thông", Kind.DEPARTMENT, "Sở TT&TT"),
    DemoAgency("skhdt", "Sở Kế hoạch và Đầu tư", Kind.DEPARTMENT, "Sở KH&ĐT"),
    DemoAgency("stc", "Sở Tài chính", Kind.DEPARTMENT, "STC"),
    DemoAgency("sgtvt", "Sở Giao thông Vận tải", Kind.DEPARTMENT, "Sở GTVT"),
    DemoAgency("stp", "Sở Tư pháp", Kind.DEPARTMENT, "STP"),
    DemoAgency("sxd", "Sở Xây dựng", Kind.DEPARTMENT, "SXD"),
    DemoAgency("snv", "Sở Nội vụ", Kind.DEPARTMENT, "SNV"),
    DemoAgency("pkinhbac", "Phường Kinh Bắc", Kind.COMMUNE_WARD, "P. Kinh Bắc"),
    DemoAgency("pvocuong", "Phường Võ Cường", Kind.COMMUNE_WARD, "P. Võ Cường"),
]

ROLE_SUFFIXES = {
    AgencyGroup.Role.EDITOR: "editor",
    AgencyGroup.Role.CHIEF_EDITOR: "chief",
    AgencyGroup.Role.SITE_ADMIN: "admin",
}


@dataclass
class DemoResult:
    sites: list[Site]
    usernames: list[str]
    admin_username: str
    created_sites: int
    content: ContentReport | None = None


def ensure_user(username: str, password: str, **fields) -> tuple[object, bool]:
    """Get or create a user; an existing user's password and fields are left alone."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@{DEMO_DOMAIN}", **fields}
    )
    if created:
        user.set_password(password)
        user.save()
    return user, created


@transaction.atomic
def load_sites_and_accounts(
    port: int, password: str, slugs: Collection[str] | None = None
) -> DemoResult:
    """The demo sites and their accounts; `slugs` picks some of them (the browser tests load
    only what they need). The portal always comes first: the others hang under it."""
    sites, usernames, created_sites = [], [], 0
    portal = None
    for spec in DEMO_AGENCIES:
        if slugs is not None and spec.kind != Kind.PORTAL and spec.slug not in slugs:
            continue
        reorganised = Agency.objects.filter(slug=spec.slug).exclude(status=Agency.Status.ACTIVE)
        reorganised = reorganised.select_related("site").first()
        if reorganised is not None:
            # Merged into another (make reorganise-demo): its site is kept for redirects
            # only; giving it back its accounts or content would undo the merge.
            sites.append(reorganised.site)
            continue
        result = provision_agency_site(
            name=spec.name,
            slug=spec.slug,
            hostname=spec.hostname,
            port=port,
            kind=spec.kind,
            short_name=spec.short_name,
            parent=portal.agency if portal and spec.kind != Kind.PORTAL else None,
            is_default=spec.kind == Kind.PORTAL,
        )
        portal = portal or result
        created_sites += "site" in result.created
        sites.append(result.site)
        for role, suffix in ROLE_SUFFIXES.items():
            username = f"{spec.slug}-{suffix}"
            user, _ = ensure_user(
                username,
                password,
                first_name=AgencyGroup.Role(role).label,
                last_name=spec.short_name or spec.name,
            )
            user.groups.add(result.groups[role])
            usernames.append(username)
    ensure_user("admin", password, is_staff=True, is_superuser=True)
    return DemoResult(
        sites=sites, usernames=usernames, admin_username="admin", created_sites=created_sites
    )


@transaction.atomic
def load_demo(port: int, password: str) -> DemoResult:
    result = load_sites_and_accounts(port, password)
    active = set(Agency.objects.filter(status=Agency.Status.ACTIVE).values_list("slug", flat=True))
    sites = {
        spec.slug: site
        for spec, site in zip(DEMO_AGENCIES, result.sites, strict=True)
        if spec.slug in active
    }
    result.content = load_content(sites)
    return result
