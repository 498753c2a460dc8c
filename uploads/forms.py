import os
import struct

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .sniffing import content_matches_extension, image_decodes


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (`WAGTAILDOCS_DOCUMENT_FORM_BASE`) that also refuses a file
    whose content is not what its extension says; Wagtail checks the extension only."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # Editing a document's title or tags without a new file: nothing to check.
        if not isinstance(file, UploadedFile):
            return file
        extension = os.path.splitext(file.name)[1].lstrip(".").lower()
        if not content_matches_extension(extension, file):
            raise ValidationError(
                _(
                    "Nội dung tệp không khớp với phần mở rộng .%(extension)s. "
                    "Hãy tải lên đúng tệp gốc."
                ),
                code="content_mismatch",
                params={"extension": extension},
            )
        return file


TRUNCATED_IMAGE = _("Tệp ảnh bị hỏng hoặc không trọn vẹn (tải lên bị cắt ngang?). Hãy tải lại.")


class DecodedImageField(WagtailImageField):
    """Wagtail's image field that also refuses an image that does not decode to its end: a
    cut-off GIF, PNG or JPEG has a whole header, and used to fail (a 500) while Wagtail
    counted its frames or made its first thumbnail."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except (OSError, SyntaxError, EOFError, struct.error) as error:
            raise ValidationError(TRUNCATED_IMAGE, code="truncated_image") from error
        raster = file is not None and getattr(file, "content_type", "") != "image/svg+xml"
        if raster and not image_decodes(file):
            raise ValidationError(TRUNCATED_IMAGE, code="truncated_image")
        return file


class ImageForm(BaseImageForm):
    """Wagtail's image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`, also behind the multiple
    uploader) with `DecodedImageField` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("file")
        if stock is not None:
            self.fields["file"] = DecodedImageField(
                label=stock.label, required=stock.required, widget=stock.widget
            )
