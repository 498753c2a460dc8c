"""The blocks of a news article's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from home.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, ContentTableBlock
from richtext.blocks import RichTextBlock
from sites.visibility import Visibility


class GalleryBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("chú thích chung"), required=False, max_length=500)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "news/blocks/gallery.html"


class VideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("địa chỉ video/nội dung nhúng"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video / nhúng")
        template = "news/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("trích dẫn"))
    attribution = blocks.CharBlock(label=_("người phát biểu / nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tài liệu"))
    label = blocks.CharBlock(
        label=_("nhãn liên kết"),
        required=False,
        help_text=_("Để trống để dùng tên tài liệu."),
    )

    def get_api_representation(self, value, context=None):
        document = Visibility.for_context(context).public(value.get("document"))
        return {
            "document": {
                "id": document.pk,
                "title": document.title,
                "url": document.url,
                "file_extension": document.file_extension,
            }
            if document
            else None,
            "label": (value.get("label") or document.title) if document else "",
        }

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "news/blocks/document_link.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    table = ContentTableBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
