"""The searchable text of a StreamField, read from its stored JSON.

Wagtail's `get_searchable_content` works on a stream's Python values: to flatten a news
body it fetches every image, document and page the body refers to (only to skip them) and
wraps every paragraph in a RichText. That conversion was a fifth of a rebuild's Python
time. The common blocks give the same text from their stored form here; any other block
is converted and asked by Wagtail itself, so the text is always Wagtail's
(`tests/search/test_streams.py` compares the two on every page type).
"""

from django.utils.encoding import force_str
from wagtail import blocks
from wagtail.blocks import StreamValue

from .markup import text_for_indexing

_NOTHING = blocks.Block.get_searchable_content  # chooser, embed, URL, email… blocks


def _plain_text(block: blocks.Block, raw: object) -> list[str]:
    return [force_str(raw)] if block.search_index else []


def _rich_text(block: blocks.Block, raw: object) -> list[str]:
    return [text_for_indexing(force_str(raw))] if block.search_index else []


def _struct(block: blocks.StructBlock, raw: object) -> list[str]:
    if not block.search_index:
        return []
    if not isinstance(raw, dict):
        return _by_wagtail(block, raw)
    content: list[str] = []
    for name, child in block.child_blocks.items():
        if name in raw:
            content += block_content(child, raw[name])
        else:
            # As StructBlock.to_python does: the child's default, a Python value.
            content += child.get_searchable_content(child.get_default())
    return content


def _list(block: blocks.ListBlock, raw: object) -> list[str]:
    if not block.search_index:
        return []
    content: list[str] = []
    for item in raw or []:
        # {"type": "item", "value", "id"} since Wagtail 2.16, a bare value before.
        value = item["value"] if block._item_is_in_block_format(item) else item
        content += block_content(block.child_block, value)
    return content


def _stream(block: blocks.StreamBlock, raw: object) -> list[str]:
    if not block.search_index:
        return []
    content: list[str] = []
    for item in raw or []:
        # Unknown block types are dropped, as StreamBlock.to_python drops them.
        child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
        if child is not None:
            content += block_content(child, item.get("value"))
    return content


def _by_wagtail(block: blocks.Block, raw: object) -> list[str]:
    return block.get_searchable_content(block.to_python(raw))


# Keyed by the class that defines the block's get_searchable_content: a subclass that
# overrides it is converted and asked by Wagtail.
_FROM_RAW = {
    blocks.CharBlock.get_searchable_content: _plain_text,
    blocks.TextBlock.get_searchable_content: _plain_text,
    blocks.RichTextBlock.get_searchable_content: _rich_text,
    blocks.StructBlock.get_searchable_content: _struct,
    blocks.ListBlock.get_searchable_content: _list,
    blocks.StreamBlock.get_searchable_content: _stream,
}


def block_content(block: blocks.Block, raw: object) -> list[str]:
    """`block.get_searchable_content(block.to_python(raw))`, without the conversion where
    the stored form gives the same text."""
    method = type(block).get_searchable_content
    if method is _NOTHING:
        return []
    return _FROM_RAW.get(method, _by_wagtail)(block, raw)


def stream_content(stream: StreamValue) -> list[str]:
    """What the StreamField's `get_searchable_content` returns for `stream`."""
    if not stream.stream_block.search_index:
        return []
    content: list[str] = []
    for i, raw in enumerate(stream._raw_data):
        bound = stream._bound_blocks[i]
        if bound is not None:  # already converted (or built in Python): Wagtail's own way
            content += bound.block.get_searchable_content(bound.value)
        else:
            content += block_content(stream.stream_block.child_blocks[raw["type"]], raw["value"])
    return content
