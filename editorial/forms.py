"""Image and document forms (`WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`):
the upload checks of `uploads.forms`, offering the agency's "Hình ảnh" or "Tài liệu"
collection first, not the root. The login form (`WAGTAILADMIN_USER_LOGIN_FORM`)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

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


class LoginForm(WagtailLoginForm):
    """Wagtail's, with its password field labelled (unlabelled, Django shows the field's
    name, "Password", untranslated) and its wrong-password message starting with a capital
    (in Vietnamese it starts with the username field's lower-case name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self) -> forms.ValidationError:
        message = self.error_messages["invalid_login"] % {
            "username_field": self.username_field.verbose_name
        }
        return forms.ValidationError(capfirst(message), code="invalid_login")
