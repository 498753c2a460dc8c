"""StreamField input that cannot be read is a form error, not a 500.

A StreamField posts a count and numbered parts (`body-count`, `body-0-type`…) and some
blocks post JSON (tables). A request edited behind the editor's back (a missing count, a
non-number, non-JSON in a table) raised KeyError / ValueError / JSONDecodeError while the
form read it. Registered for every StreamField of the admin's model forms (`apps.py`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.base import BlockField, BlockWidget

# What the browser can send that the blocks fail to read.
UNREADABLE = (KeyError, ValueError, TypeError, IndexError, AttributeError)


class Unreadable:
    """The posted value of a StreamField that could not be read."""


class ReadSafeBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except UNREADABLE:
            return Unreadable()


class ReadSafeBlockField(BlockField):
    default_error_messages = {
        "unreadable": _(
            "Không đọc được nội dung gửi lên của trường này (có thể đã bị sửa ngoài trình "
            "soạn thảo). Hãy tải lại trang rồi nhập lại."
        ),
    }

    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", ReadSafeBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if isinstance(value, Unreadable):
            raise ValidationError(self.error_messages["unreadable"], code="unreadable")
        return super().clean(value)

    def bound_data(self, data, initial):
        # The form shown again keeps what was stored: the posted value has nothing to show.
        return initial if isinstance(data, Unreadable) else super().bound_data(data, initial)

    def has_changed(self, initial, data) -> bool:
        return isinstance(data, Unreadable) or super().has_changed(initial, data)
