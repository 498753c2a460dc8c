"""The inbox's action forms (Vietnamese labels)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from procedures.models import ProcedurePage

from .choices import CommentStatus


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 8}))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Thông tin cần công dân bổ sung"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do đóng"), widget=forms.Textarea(attrs={"rows": 3}))


class EraseForm(forms.Form):
    note = forms.CharField(
        label=_("Căn cứ xóa"),
        help_text=_("Ví dụ: theo yêu cầu của công dân ngày 05/12/2026."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReassignForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Chuyển tới cơ quan"), queryset=Site.objects.none())
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, current: Site | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(agency__status="active").select_related("agency")
        if current is not None:
            sites = sites.exclude(pk=current.pk)
        self.fields["site"].queryset = sites.order_by("agency__name")
        self.fields["site"].label_from_instance = lambda site: site.agency.name


class PublishForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề trang hỏi đáp"),
        max_length=255,
        help_text=_("Câu ngắn nêu nội dung hỏi; không ghi tên, địa chỉ của người hỏi."),
    )
    procedure_codes = forms.CharField(
        label=_("Mã thủ tục liên quan"),
        required=False,
        help_text=_("Các mã thủ tục hành chính, cách nhau bởi dấu phẩy."),
    )

    def __init__(self, *args, site: Site | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.root_path = site.root_page.path if site is not None else "\x00"

    def clean_procedure_codes(self) -> list[ProcedurePage]:
        codes = [code.strip() for code in self.cleaned_data["procedure_codes"].split(",")]
        codes = [code for code in codes if code]
        found: dict[str, ProcedurePage] = {}
        # The same code is on many sites (every ward's): the agency's own page first.
        for page in ProcedurePage.objects.live().public().filter(code__in=codes):
            if page.code not in found or page.path.startswith(self.root_path):
                found[page.code] = page
        missing = [code for code in codes if code not in found]
        if missing:
            raise forms.ValidationError(
                _("Không tìm thấy thủ tục: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        return [found[code] for code in dict.fromkeys(codes)]


class CommentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *CommentStatus.choices],
        required=False,
    )
