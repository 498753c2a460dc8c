from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[dict]:
    """The current site's top-level menu pages (published, public), each flagged `current`
    when the page being shown is that section or lies within it."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    shown = context.get("page")
    items = site.root_page.get_children().live().public().in_menu().specific()
    return [
        {"page": item, "current": bool(shown and shown.path.startswith(item.path))}
        for item in items
    ]


@register.simple_tag(takes_context=True)
def breadcrumb(context) -> list:
    """The live, public ancestors of the page being shown, from its site's home page down
    (the page itself excluded); empty on a home page."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    if site is None or page is None or page.depth <= site.root_page.depth:
        return []
    return list(
        page.get_ancestors()
        .filter(depth__gte=site.root_page.depth, path__startswith=site.root_page.path)
        .live()
        .public()
        .specific()
    )
