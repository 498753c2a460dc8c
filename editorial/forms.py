"""Image and document forms (`WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`):
the upload checks of `uploads.forms`, offering the agency's "Hình ảnh" or "Tài liệu"
collection first, not the root."""

from uploads.forms import DocumentForm as CheckedDocumentForm
from uploads.forms import ImageForm as CheckedImageForm

from .services import upload_collection


class DefaultUploadCollectionMixin:
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is None or self.is_bound or self.instance.pk or "collection" not in self.fields:
            return
        default = upload_collection(user, self._meta.model)
        if default is not None:
            self.initial["collection"] = default.pk


class ImageForm(DefaultUploadCollectionMixin, CheckedImageForm):
    pass


class DocumentForm(DefaultUploadCollectionMixin, CheckedDocumentForm):
    pass
