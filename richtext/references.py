"""Rich text references to pages, documents and images, kept only when public.

Two places, one rule (`sites.visibility`): the link and embed handlers of `handlers.py`
expand database HTML for display (templates, `?rich_text_format=html`), and
`public_references` rewrites the database HTML itself before the API hands it out in any
format (`db_html`, Markdown, HTML).
A reference that is not public loses its target: the link keeps its text, the image goes.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from sites.visibility import Visibility

# linktype / embedtype -> the model its `id` names.
_LINKED = {"page": lambda: Page, "document": get_document_model}
_EMBEDDED = {"image": get_image_model}


def _hidden_spans(source: str, pattern, kind_attr: str, models: dict, visibility) -> list:
    """(start, end) of each tag of `pattern` whose referenced object is not public."""
    tags = [(match, extract_attrs(match.group(1))) for match in pattern.finditer(source)]
    wanted: dict[str, list[str]] = {}
    for _match, attrs in tags:
        if attrs.get(kind_attr) in models:
            wanted.setdefault(attrs[kind_attr], []).append(attrs.get("id", ""))
    public = {kind: visibility.public_ids(models[kind](), ids) for kind, ids in wanted.items()}
    return [
        (match.start(), match.end())
        for match, attrs in tags
        if attrs.get(kind_attr) in public
        and not (
            str(attrs.get("id", "")).isdigit() and int(attrs["id"]) in public[attrs[kind_attr]]
        )
    ]


def public_references(source: str, visibility: Visibility) -> str:
    """Database rich text with each link to a page or document that is not public turned
    into a plain `<a>` (its text stays) and each embedded image that is not public removed."""
    if "linktype=" not in source and "embedtype=" not in source:
        return source
    replacements = [
        (span, "<a>") for span in _hidden_spans(source, FIND_A_TAG, "linktype", _LINKED, visibility)
    ] + [
        (span, "")
        for span in _hidden_spans(source, FIND_EMBED_TAG, "embedtype", _EMBEDDED, visibility)
    ]
    for (start, end), replacement in sorted(replacements, reverse=True):
        source = source[:start] + replacement + source[end:]
    return source
