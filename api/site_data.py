"""Representations of sites, their settings, menus and redirects for the API."""

from django.http import HttpRequest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from home.blocks import image_api_data
from sites.models import SiteSettings

from .fields import site_data
from .scoping import public_pages

MENU_DEPTH = 3


def _link_blocks(stream) -> list[dict]:
    items = []
    for block in stream:
        value = dict(block.value)
        icon = value.pop("icon", None)
        if icon is not None or "icon" in block.value:
            value["icon"] = image_api_data(icon, "")
        items.append(value)
    return items


def settings_data(site: Site) -> dict:
    settings = SiteSettings.for_site(site)
    return {
        "display_name": settings.display_name or site.site_name,
        "logo": image_api_data(settings.logo, settings.display_name or site.site_name),
        "contact": {
            "address": settings.address,
            "phone": settings.phone,
            "email": settings.email,
            "hotline": settings.hotline,
            "working_hours": settings.working_hours,
        },
        "footer_links": _link_blocks(settings.footer_links),
        "social_links": _link_blocks(settings.social_links),
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
        "status": agency.status,
    }


def full_site_data(site: Site) -> dict:
    from .models import FrontendConfig

    config = FrontendConfig.objects.filter(site=site).first()
    return {
        **site_data(site),
        "port": site.port,
        "is_default_site": site.is_default_site,
        "root_page_id": site.root_page_id,
        "frontend_url": config.frontend_url if config else "",
        "agency": agency_data(site),
        "settings": settings_data(site),
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


def redirects_data(site: Site) -> list[dict]:
    redirects = Redirect.objects.filter(site__in=[site]) | Redirect.objects.filter(
        site__isnull=True
    )
    items = []
    for redirect in redirects.select_related("redirect_page").order_by("old_path"):
        target = redirect.link
        if redirect.redirect_page is not None and not redirect.redirect_page.live:
            continue  # a redirect to an unpublished page would leak its URL
        items.append(
            {
                "id": redirect.pk,
                "old_path": redirect.old_path,
                "target": target,
                "is_permanent": redirect.is_permanent,
                "all_sites": redirect.site_id is None,
            }
        )
    return items
