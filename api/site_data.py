"""Representations of sites, their settings, menus and redirects for the API."""

from urllib.parse import urlparse

from django.http import HttpRequest
from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from home.blocks import image_api_data
from sites.models import SiteSettings
from sites.visibility import Visibility

from .fields import site_data
from .links import page_api_url
from .scoping import public_pages
from .tables import site_index

MENU_DEPTH = 3


def _link_blocks(stream, request: HttpRequest, visibility: Visibility) -> list[dict]:
    items = []
    for block in stream:
        value = dict(block.value)
        icon = value.pop("icon", None)
        if icon is not None or "icon" in block.value:
            value["icon"] = image_api_data(icon, "", request, visibility)
        items.append(value)
    return items


def settings_data(site: Site, request: HttpRequest) -> dict:
    settings = SiteSettings.for_site(site)
    visibility = Visibility.for_request(request)
    name = settings.display_name or site.site_name
    return {
        "display_name": name,
        "logo": image_api_data(settings.logo, name, request, visibility),
        "contact": {
            "address": settings.address,
            "phone": settings.phone,
            "email": settings.email,
            "hotline": settings.hotline,
            "working_hours": settings.working_hours,
        },
        "footer_links": _link_blocks(settings.footer_links, request, visibility),
        "social_links": _link_blocks(settings.social_links, request, visibility),
        "alert": {
            "active": settings.alert_is_active(),
            "message": settings.alert_message,
            "url": settings.alert_url,
            "starts_at": settings.alert_starts_at.isoformat() if settings.alert_starts_at else None,
            "ends_at": settings.alert_ends_at.isoformat() if settings.alert_ends_at else None,
        },
    }


def agency_data(site: Site) -> dict | None:
    agency = getattr(site, "agency", None)
    if agency is None:
        return None
    return {
        "id": agency.pk,
        "slug": agency.slug,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "kind_display": agency.get_kind_display(),
        "status": agency.status,
        "status_display": agency.get_status_display(),
    }


def full_site_data(site: Site, request: HttpRequest) -> dict:
    from .models import FrontendConfig

    config = FrontendConfig.objects.filter(site=site).first()
    return {
        **site_data(site),
        "port": site.port,
        "is_default_site": site.is_default_site,
        "root_page_id": site.root_page_id,
        "frontend_url": config.frontend_url if config else "",
        "agency": agency_data(site),
        "settings": settings_data(site, request),
    }


def menu_tree(request: HttpRequest, site: Site) -> list[dict]:
    """The navigation tree: public `show_in_menus` pages below the site's root."""
    root = site.root_page
    pages = (
        public_pages(request, site)
        .filter(show_in_menus=True, depth__gt=root.depth, depth__lte=root.depth + MENU_DEPTH)
        .order_by("path")
    )
    nodes: dict[str, dict] = {}
    tree: list[dict] = []
    for page in pages:
        node = menu_node(page, site)
        parent = nodes.get(page.path[: -Page.steplen])
        if page.depth == root.depth + 1:
            tree.append(node)
        elif parent is not None:
            parent["children"].append(node)
        else:
            continue  # an ancestor is hidden from menus, so its subtree is too
        nodes[page.path] = node
    return tree


def menu_node(page: Page, site: Site) -> dict:
    relative = page.url_path[len(site.root_page.url_path) - 1 :]
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "html_path": relative,
        "url": site.root_url + relative,
        "children": [],
    }


def normalised_paths(old_path: str) -> list[str]:
    """The stored forms `old_path` may match, as Wagtail's redirect middleware tries them:
    normalised (no trailing slash, sorted query), decoded or not, then without the query."""
    normalised = Redirect.normalise_path(old_path, decode_unicode=False)
    candidates = [uri_to_iri(normalised), normalised]
    without_query = urlparse(normalised).path
    candidates += [uri_to_iri(without_query), without_query]
    return list(dict.fromkeys(candidates))


def find_redirect(redirects, old_path: str) -> Redirect | None:
    """The redirect (among a site's `redirects`) that a request for `old_path` follows; the
    site's own wins over one for all sites."""
    if "\x00" in old_path:
        return None
    for path in normalised_paths(old_path):
        found = redirects.filter(old_path=path).order_by("site_id").first()
        if found is not None:
            return found
    return None


def moved_page_url(request: HttpRequest, router, site: Site, html_path: str) -> str | None:
    """The API detail URL of the public page an old path of `site` now redirects to (a page
    moved away, a merged agency's site): what `find` answers for an old address."""
    found = find_redirect(site_redirects(site), html_path)
    if found is None or found.redirect_page_id is None:
        return None
    page = public_pages(request, None).filter(pk=found.redirect_page_id).first()
    if page is None:
        return None
    return page_api_url({"request": request, "router": router}, page)


def site_redirects(site: Site):
    return Redirect.get_for_site(site).select_related("redirect_page").order_by("old_path", "pk")


def redirect_data(context: dict, redirect: Redirect) -> dict:
    """A redirect as a front-end's 404 handler uses it: where to, and with which status."""
    page = redirect.redirect_page
    target_page = html_path = None
    target = redirect.redirect_link or None
    if page is not None:
        route = redirect.redirect_page_route_path
        target = page.full_url.rstrip("/") + route if route else page.full_url
        site = site_index(context["request"]).of_path(page.path)
        if site is not None and target and target.startswith(site.root_url):
            html_path = target[len(site.root_url) :]
        target_page = {
            "id": page.pk,
            "title": page.title,
            "meta": {
                "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}",
                "detail_url": page_api_url(context, page),
                "html_url": page.full_url,
            },
        }
    return {
        "id": redirect.pk,
        "old_path": redirect.old_path,
        "target": target,
        "target_page": target_page,
        "target_html_path": html_path,
        "is_permanent": redirect.is_permanent,
        "status_code": 301 if redirect.is_permanent else 302,
        "all_sites": redirect.site_id is None,
    }
