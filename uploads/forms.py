import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .sniffing import content_matches_extension


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
