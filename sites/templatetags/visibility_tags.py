"""The public filter (sites.visibility) in templates: what a page refers to is rendered only
when the visitor may see it."""

from collections.abc import Mapping

from django import template

from sites.visibility import Visibility

register = template.Library()


@register.simple_tag(takes_context=True)
def public(context, obj):
    """`{% public page.featured_image as image %}`: the object, or None when the visitor
    may not see it (a draft, a restricted page, a private collection's media)."""
    return Visibility.for_context(context).public(obj)


@register.simple_tag(takes_context=True)
def public_items(context, items, field: str) -> list:
    """`{% public_items page.attachments.all "document" as attachments %}`: the items
    whose `field` (an attribute, or a key of a block's value) the visitor may see."""
    visibility = Visibility.for_context(context)
    return [
        item
        for item in items
        if visibility.allows(item.get(field) if isinstance(item, Mapping) else getattr(item, field))
    ]
