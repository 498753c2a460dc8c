"""The citizen's forms, shared by the API and the server-rendered pages: one set of rules,
one set of Vietnamese messages."""

import os
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from procedures.models import Sector
from uploads.sniffing import content_matches_extension, image_decodes

from .abuse import contact_keys, form_token_problem
from .models import ConsultationQuestion

PHONE = re.compile(r"^\+?[0-9][0-9 .-]{7,16}[0-9]$")
ATTACHMENT_TYPES = {"pdf": None, "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
TOKEN_MESSAGES = {
    "invalid": _("Biểu mẫu không hợp lệ; vui lòng tải lại trang và gửi lại."),
    "expired": _("Biểu mẫu đã mở quá lâu; vui lòng tải lại trang và gửi lại."),
    "too_fast": _("Biểu mẫu được gửi quá nhanh; vui lòng kiểm tra lại nội dung và gửi lại."),
}


class GuardedForm(forms.Form):
    """The anti-abuse fields of everything a citizen sends: the honeypot and the signed,
    dated form token."""

    # Left empty by people (hidden from them); bots fill every field.
    website = forms.CharField(label=_("Để trống ô này"), required=False)
    form_token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": TOKEN_MESSAGES["invalid"]},
    )

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise ValidationError(_("Không gửi được biểu mẫu này."), code="honeypot")
        return ""

    def clean_form_token(self) -> str:
        token = self.cleaned_data["form_token"]
        problem = form_token_problem(token)
        if problem:
            raise ValidationError(TOKEN_MESSAGES[problem], code=problem)
        return token

    def contacts(self) -> list[str]:
        """The rate-limit keys of the people behind a valid submission
        (`abuse.check_rate_limits`)."""
        raise NotImplementedError


class CitizenForm(GuardedForm):
    """Identity, contact, consent and the anti-abuse fields of every citizen's submission."""

    field_order = ["name", "email", "phone", "consent", "website", "form_token"]

    name = forms.CharField(label=_("Họ và tên"), max_length=100)
    email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=254)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=20)
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cơ quan xử lý dữ liệu cá nhân trên nhằm trả lời và liên hệ với tôi "
            "(Nghị định 13/2023/NĐ-CP)."
        ),
        error_messages={
            "required": _("Cần đồng ý xử lý dữ liệu cá nhân để cơ quan có thể trả lời.")
        },
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Vui lòng nhập họ và tên."), code="required")
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Số điện thoại không hợp lệ (ví dụ: 0912 345 678)."), code="invalid"
            )
        return phone

    def contacts(self) -> list[str]:
        return contact_keys(self.cleaned_data["email"], self.cleaned_data["phone"])

    def clean(self) -> dict:
        data = super().clean()
        given = data.get("email") or data.get("phone")
        if not given and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", _("Cần ít nhất một cách liên hệ: thư điện tử hoặc điện thoại."))
        return data


def check_attachment(file: UploadedFile) -> None:
    """PDF, JPEG or PNG, at most PARTICIPATION["MAX_ATTACHMENT_BYTES"], whose bytes are what
    its extension says (uploads.sniffing) and, for an image, that decodes to the end."""
    limit = settings.PARTICIPATION["MAX_ATTACHMENT_BYTES"]
    if file.size > limit:
        raise ValidationError(
            _("Tệp đính kèm vượt quá %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    extension = os.path.splitext(file.name)[1].lstrip(".").lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(_("Chỉ nhận tệp PDF, JPG hoặc PNG."), code="invalid_extension")
    image_format = ATTACHMENT_TYPES[extension]
    if image_format is None:
        matches = content_matches_extension(extension, file)
    else:
        from PIL import Image

        try:
            with Image.open(file) as image:
                matches = image.format == image_format
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            matches = False
        file.seek(0)
        matches = matches and image_decodes(file)
    if not matches:
        raise ValidationError(
            _("Nội dung tệp không khớp với phần mở rộng .%(extension)s hoặc tệp bị hỏng."),
            code="content_mismatch",
            params={"extension": extension},
        )


class ReplyForm(GuardedForm):
    """The details a citizen adds when the agency asked for more (by the tracking code),
    limited per the question's contacts."""

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question

    text = forms.CharField(
        label=_("Thông tin bổ sung"), min_length=10, max_length=5000, widget=forms.Textarea
    )

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def contacts(self) -> list[str]:
        return contact_keys(self.question.email, self.question.phone)


class QuestionForm(CitizenForm):
    agency = forms.SlugField(
        label=_("Gửi tới cơ quan"),
        required=False,
        help_text=_("Trên cổng tỉnh: mã cơ quan nhận câu hỏi; để trống để cổng tỉnh chuyển."),
    )
    sector = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("Lĩnh vực không tồn tại.")},
    )
    topic = forms.CharField(label=_("Tiêu đề"), max_length=200)
    text = forms.CharField(
        label=_("Nội dung câu hỏi"), widget=forms.Textarea, min_length=20, max_length=5000
    )
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, JPG, PNG)"), required=False)

    field_order = [
        "agency", "sector", "topic", "text", "attachment",
        "name", "email", "phone", "consent", "website", "form_token",
    ]  # fmt: skip

    def clean_attachment(self) -> UploadedFile | None:
        file = self.cleaned_data.get("attachment")
        if file:
            check_attachment(file)
        return file


class CommentForm(CitizenForm):
    organisation = forms.CharField(
        label=_("Cơ quan, tổ chức (nếu có)"), max_length=255, required=False
    )
    question = forms.ModelChoiceField(
        label=_("Về nội dung"),
        queryset=ConsultationQuestion.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Nội dung xin ý kiến không thuộc dự thảo này.")},
    )
    text = forms.CharField(
        label=_("Ý kiến góp ý"), widget=forms.Textarea, min_length=10, max_length=10000
    )

    field_order = [
        "question", "text", "name", "organisation", "email", "phone",
        "consent", "website", "form_token",
    ]  # fmt: skip

    def __init__(self, *args, consultation=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if consultation is not None:
            self.fields["question"].queryset = consultation.questions.all()


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """Field → messages, as the API returns them ("__all__" for the form's own)."""
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }
