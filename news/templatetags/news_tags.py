from datetime import datetime

from django import template

from news.dates import format_vietnamese_datetime

register = template.Library()


@register.filter
def vietnamese_datetime(value: datetime | None) -> str:
    """{{ page.published_at|vietnamese_datetime }} → "Thứ tư, 17/04/2013 09:22"."""
    if not value:
        return ""
    return format_vietnamese_datetime(value)
