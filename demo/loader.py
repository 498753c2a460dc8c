"""Builds the demo installation: the provincial portal and agency sub-sites.

Every step is get-or-create, so running the loader again changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage


@dataclass(frozen=True)
class DemoSite:
    slug: str
    hostname: str
    name: str
    intro: str
    is_default: bool = False


PORTAL = DemoSite(
    slug="portal",
    hostname="bacninh.localhost",
    name="Cổng thông tin điện tử tỉnh Bắc Ninh",
    intro="Thông tin chính thức của chính quyền tỉnh Bắc Ninh dành cho người dân và doanh nghiệp.",
    is_default=True,
)
DEMO_SITES = [
    PORTAL,
    DemoSite(
        slug="stttt",
        hostname="stttt.bacninh.localhost",
        name="Sở Thông tin và Truyền thông",
        intro="Trang thông tin của Sở Thông tin và Truyền thông tỉnh Bắc Ninh.",
    ),
]


@dataclass
class DemoResult:
    sites: list[Site]
    admin_username: str
    created_sites: int


def _portal_root() -> Page:
    """The default site's root page, taken over for the portal on a fresh install."""
    default = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if default is not None:
        return default.root_page.specific
    root = Page.get_first_root_node()
    return root.add_child(instance=HomePage(title=PORTAL.name, slug="home"))


def ensure_site(spec: DemoSite, port: int) -> tuple[Site, bool]:
    """Get or create the Site and its HomePage for `spec`; True when it was created."""
    site = Site.objects.filter(hostname=spec.hostname).first()
    if site is not None:
        return site, False
    if spec.is_default:
        home = _portal_root()
        home.title = home.draft_title = spec.name
        home.intro = spec.intro
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    else:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=spec.name, slug=spec.slug, intro=spec.intro))
        home.save_revision().publish()
        site = Site()
    site.hostname = spec.hostname
    site.port = port
    site.site_name = spec.name
    site.root_page = home
    site.save()
    return site, True


def ensure_superuser(username: str, password: str) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@bacninh.localhost", "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(password)
        user.save()


@transaction.atomic
def load_demo(port: int, password: str) -> DemoResult:
    created = 0
    sites = []
    for spec in DEMO_SITES:
        site, was_created = ensure_site(spec, port)
        created += was_created
        sites.append(site)
    ensure_superuser("admin", password)
    return DemoResult(sites=sites, admin_username="admin", created_sites=created)
