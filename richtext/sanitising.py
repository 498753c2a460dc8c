"""The last step before rich text leaves the system (API and templates): whatever wrote it
(the editor, an importer, a script, a restored backup), only the HTML that Wagtail's rich
text features produce survives. No script, event handler, style sheet or `javascript:` URL."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from wagtail.api.rich_text import APIRichText
from wagtail.rich_text import RichText, expand_db_html

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s", "sup", "sub",
    "ol", "ul", "li", "a", "hr", "blockquote", "code", "img", "figure", "figcaption", "div",
    "iframe",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "id", "title", "target"},
    "img": {"src", "alt", "width", "height", "class"},
    # Embeds (video): Wagtail wraps the provider's iframe in a sized div.
    "div": {"class", "style"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Internal links keep their markup as it is; the portal's own links need no rel.
_COMMON = {
    "clean_content_tags": {"script", "style"},
    "url_schemes": URL_SCHEMES,
    "filter_style_properties": {"padding-bottom"},
    "link_rel": None,
}
_cleaner = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, **_COMMON)
# Database HTML (`?rich_text_format=db_html`) keeps Wagtail's own references to pages,
# documents, images and embeds, which the front-end resolves itself.
_db_cleaner = nh3.Cleaner(
    tags=TAGS | {"embed"},
    attributes={
        **ATTRIBUTES,
        "a": {"href", "id", "linktype"},
        "embed": {"embedtype", "id", "format", "alt", "url"},
    },
    **_COMMON,
)


def clean_html(html: str) -> str:
    """Display HTML reduced to what rich text may contain."""
    return _cleaner.clean(html)


# A root-relative href or src in cleaned HTML (nh3 writes attributes double-quoted).
_ROOT_RELATIVE = re.compile(r'(<[a-z]+\s[^>]*?\b(?:href|src)=")/(?!/)')


def clean_api_rich_text(output, rich_text_format: str, base_url: str = ""):
    """An API rich text value in the format the client asked for, cleaned if it is HTML.
    Markdown comes from Wagtail's feature-limited converter and passes as it is.

    `base_url` (the API request's origin) makes root-relative links such as documents'
    absolute: a headless front-end on another host would otherwise resolve them to itself."""
    if not isinstance(output, str):
        return output
    if rich_text_format == APIRichText.FORMAT_HTML:
        cleaned = _cleaner.clean(output)
        return _ROOT_RELATIVE.sub(rf"\g<1>{base_url}/", cleaned) if base_url else cleaned
    if rich_text_format == APIRichText.FORMAT_DB_HTML:
        return _db_cleaner.clean(output)
    return output


def render_rich_text(value: str | RichText | None) -> SafeString:
    """Database rich text (a field's string or a block's RichText) as safe display HTML."""
    if value is None:
        return mark_safe("")
    source = value.source if isinstance(value, RichText) else value
    return mark_safe(clean_html(expand_db_html(source)))
