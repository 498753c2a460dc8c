"""StreamField blocks shared by the content pages: images with captions, tables, and the
blocks of the standard (about/contact) page."""

from copy import copy

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from richtext.blocks import RichTextBlock
from sites.visibility import Visibility

from .compiled import rows_by_id
from .renditions import renditions_of

# Renditions offered to API clients; the front-ends pick one per viewport.
API_RENDITIONS = {"thumbnail": "fill-400x225", "medium": "width-800", "large": "width-1600"}

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def image_api_data(
    image,
    alt: str = "",
    request: HttpRequest | None = None,
    visibility: Visibility | None = None,
) -> dict | None:
    """An image as API clients need it: id, title, alt text and a few renditions, whose URLs
    are absolute on the request's origin when there is a request (a headless front-end lives
    elsewhere, so a root-relative URL would point at it); None when there is none or
    `visibility` (if given) does not allow it."""
    if image is None or (visibility is not None and not visibility.allows(image)):
        return None
    try:
        found = renditions_of(image, *API_RENDITIONS.values())
    except Exception:  # a missing or broken source file: the renditions that can be made
        found = {}
        for spec in API_RENDITIONS.values():
            try:
                found[spec] = image.get_rendition(spec)
            except Exception:  # this one cannot; the API still answers
                continue
    renditions = {}
    for name, spec in API_RENDITIONS.items():
        if spec in found:
            url = found[spec].url
            renditions[name] = {
                "url": request.build_absolute_uri(url) if request else url,
                "width": found[spec].width,
                "height": found[spec].height,
            }
    return {"id": image.pk, "title": image.title, "alt": alt, "renditions": renditions}


class ImageBlock(ImageChooserBlock):
    """Wagtail's image chooser block, whose images in a page are read with one query compiled
    once (home.compiled), not an `in_bulk` compiled for every page shown."""

    def bulk_to_python(self, values):
        ids = list(dict.fromkeys(value for value in values if isinstance(value, int)))
        found = {image.pk: image for image in rows_by_id(self.model_class.objects.all(), ids)}
        seen, result = set(), []
        for value in values:
            image = found.get(value)
            if image is not None and value in seen:
                image = copy(image)  # a distinct object for each use, as Wagtail's
            seen.add(value)
            result.append(image)
        return result


def _request(context: dict | None) -> HttpRequest | None:
    return context.get("request") if context else None


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("ảnh"))
    alt_text = blocks.CharBlock(
        label=_("văn bản thay thế"),
        max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=500)

    def get_api_representation(self, value, context=None):
        visibility = Visibility.for_context(context)
        return {
            "image": image_api_data(
                value.get("image"), value.get("alt_text", ""), _request(context), visibility
            ),
            "alt_text": value.get("alt_text", ""),
            "caption": value.get("caption", ""),
        }

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "home/blocks/captioned_image.html"


class ContentTableBlock(TableBlock):
    """A table with an optional header row and a caption (rendered as <caption>)."""

    class Meta:
        icon = "table"
        label = _("Bảng")


class LeaderBlock(blocks.StructBlock):
    photo = ImageBlock(label=_("ảnh chân dung"), required=False)
    full_name = blocks.CharBlock(label=_("họ và tên"), max_length=255)
    position = blocks.CharBlock(label=_("chức vụ"), max_length=255)
    phone = blocks.CharBlock(label=_("điện thoại"), max_length=50, required=False)
    email = blocks.EmailBlock(label=_("thư điện tử"), required=False)

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["photo"] = image_api_data(
            value.get("photo"),
            value.get("full_name", ""),
            _request(context),
            Visibility.for_context(context),
        )
        return data

    class Meta:
        icon = "user"
        label = _("Lãnh đạo")
        template = "home/blocks/leader.html"


class ContactBlock(blocks.StructBlock):
    address = blocks.CharBlock(label=_("địa chỉ"), max_length=255, required=False)
    phone = blocks.CharBlock(label=_("điện thoại"), max_length=50, required=False)
    email = blocks.EmailBlock(label=_("thư điện tử"), required=False)
    working_hours = blocks.TextBlock(label=_("giờ làm việc"), required=False)
    map_url = blocks.URLBlock(label=_("liên kết bản đồ"), required=False)

    class Meta:
        icon = "site"
        label = _("Thông tin liên hệ")
        template = "home/blocks/contact.html"


class StandardBodyBlock(blocks.StreamBlock):
    paragraph = RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    table = ContentTableBlock()
    leader = LeaderBlock()
    contact = ContactBlock()
