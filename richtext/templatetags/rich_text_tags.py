from django import template
from django.utils.safestring import SafeString

from richtext.sanitising import render_rich_text

register = template.Library()


@register.filter
def safe_richtext(value) -> SafeString:
    """Wagtail's `richtext` filter, followed by the project's sanitiser."""
    return render_rich_text(value)
