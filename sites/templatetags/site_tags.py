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
