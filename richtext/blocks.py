from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.rich_text import RichText

from sites.visibility import Visibility

from .references import public_references
from .sanitising import clean_api_rich_text, render_rich_text


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block whose API output and rendering keep only public references
    and pass the project's sanitiser."""

    def get_api_representation(self, value, context=None):
        request = context.get("request") if context else None
        rich_text_format = APIRichText.resolve_format(
            request.GET.get("rich_text_format") if request else None
        )
        public = RichText(public_references(value.source, Visibility.for_context(context)))
        output = super().get_api_representation(public, context)
        base_url = request.build_absolute_uri("/")[:-1] if request else ""
        return clean_api_rich_text(output, rich_text_format, base_url)

    def render_basic(self, value, context=None):
        return render_rich_text(value)
