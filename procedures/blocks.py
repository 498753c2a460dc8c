"""StreamField blocks of a procedure page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from richtext.blocks import RichTextBlock


class StepBlock(blocks.StructBlock):
    """One step of the procedure (trình tự thực hiện); steps are rendered in order."""

    case = blocks.CharBlock(
        label=_("Trường hợp"),
        required=False,
        max_length=255,
        help_text=_("Chỉ điền khi bước này áp dụng cho một trường hợp riêng."),
    )
    title = blocks.CharBlock(label=_("Tên bước"), required=False, max_length=255)
    body = RichTextBlock(
        label=_("Nội dung"), features=["bold", "italic", "ol", "ul", "link", "document-link"]
    )

    class Meta:
        icon = "list-ol"
        label = _("Bước thực hiện")


STEP_BLOCKS = [("step", StepBlock())]
