"""The administrative procedure page (thủ tục hành chính)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from sites.models import SiteSettings
from sites.page_permissions import PagePermissionsMixin
from sites.roots import site_root_path
from sites.slugs import AsciiSlugMixin

from ..blocks import STEP_BLOCKS
from ..choices import LEVEL_FIELDS, Level, OnlineLevel, ProcedureStatus, TimeUnit
from ..forms import ProcedurePageForm
from ..serializers import OnlineSubmissionUrlField, SectorSerializer


class ProcedurePage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """One administrative procedure, following the record of the national database."""

    code = models.CharField(
        _("mã thủ tục"),
        max_length=64,
        db_index=True,
        help_text=_(
            "Mã trên Cơ sở dữ liệu quốc gia, ví dụ 1.001612; mã địa phương có thêm hậu tố, "
            "ví dụ 1.001612.000.00.00.H04. Không trùng với thủ tục khác trên cùng trang."
        ),
    )
    full_name = models.TextField(
        _("tên đầy đủ"),
        blank=True,
        help_text=_(
            "Chỉ điền khi tên thủ tục dài quá 255 ký tự; khi đó tiêu đề trang là tên rút gọn."
        ),
    )
    sector = models.ForeignKey(
        "procedures.Sector",
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    level_ministry = models.BooleanField(_("cấp bộ"), default=False)
    level_province = models.BooleanField(_("cấp tỉnh"), default=False)
    level_commune = models.BooleanField(_("cấp xã"), default=False)
    implementing_agency = models.CharField(
        _("cơ quan thực hiện"),
        max_length=500,
        help_text=_("Ví dụ: UBND cấp xã, Sở Xây dựng."),
    )
    implementing_body = models.TextField(
        _("cơ quan có thẩm quyền quyết định"),
        blank=True,
        help_text=_("Cơ quan hoặc người có thẩm quyền giải quyết, nếu khác cơ quan thực hiện."),
    )
    where_to_submit = RichTextField(_("địa điểm tiếp nhận hồ sơ"), blank=True)
    steps = StreamField(STEP_BLOCKS, verbose_name=_("trình tự thực hiện"), blank=True)
    submit_in_person = models.BooleanField(_("nộp trực tiếp"), default=True)
    submit_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    submit_postal = models.BooleanField(_("nộp qua bưu chính"), default=False)
    dossier_sets = models.PositiveSmallIntegerField(
        _("số bộ hồ sơ"), null=True, blank=True, default=1
    )
    dossier_note = RichTextField(
        _("ghi chú về hồ sơ"),
        blank=True,
        help_text=_("Thành phần hồ sơ dạng văn bản, khi chưa tách được thành từng giấy tờ."),
    )
    processing_time_value = models.PositiveIntegerField(
        _("thời hạn giải quyết"), null=True, blank=True
    )
    processing_time_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=TimeUnit.choices,
        default=TimeUnit.WORKING_DAYS,
    )
    processing_time_note = models.TextField(_("ghi chú về thời hạn"), blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    fees_none = models.BooleanField(
        _("không thu phí, lệ phí"),
        default=False,
        help_text=_(
            "Chỉ đánh dấu khi văn bản quy định thủ tục không thu phí, lệ phí. Nếu chưa có thông "
            "tin về phí, để trống: trang sẽ ghi “Chưa cập nhật”."
        ),
    )
    fees_note = RichTextField(_("ghi chú về phí, lệ phí"), blank=True)
    conditions = RichTextField(_("yêu cầu, điều kiện thực hiện"), blank=True)
    legal_basis_note = RichTextField(
        _("ghi chú về căn cứ pháp lý"),
        blank=True,
        help_text=_("Căn cứ pháp lý dạng văn bản; các văn bản cụ thể nhập ở danh sách phía trên."),
    )
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    national_portal_url = models.URLField(
        _("địa chỉ trên Cổng Dịch vụ công quốc gia"),
        max_length=500,
        blank=True,
        help_text=_(
            "Ví dụ: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=…"
        ),
    )
    announcing_decision = models.CharField(
        _("quyết định công bố"),
        max_length=255,
        blank=True,
        help_text=_("Số quyết định công bố thủ tục, ví dụ 163/QĐ-BTP."),
    )
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.IN_FORCE,
    )
    replaced_by = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    featured = models.BooleanField(
        _("nổi bật"), default=False, help_text=_("Hiển thị trên trang chủ của trang thông tin.")
    )

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ProcedurePageForm

    general_panels = [
        TitleFieldPanel("title", heading=_("Tên thủ tục")),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("sector")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("level_ministry"),
                        FieldPanel("level_province"),
                        FieldPanel("level_commune"),
                    ]
                )
            ],
            heading=_("Cấp thực hiện"),
            help_text=_("Chọn ít nhất một cấp."),
        ),
        FieldPanel("implementing_agency"),
        FieldPanel("implementing_body"),
        FieldPanel("applicants"),
        FieldPanel("result"),
        FieldPanel("featured"),
    ]
    dossier_panels = [
        FieldPanel("where_to_submit"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("submit_in_person"),
                        FieldPanel("submit_online"),
                        FieldPanel("submit_postal"),
                    ]
                )
            ],
            heading=_("Cách thức thực hiện"),
        ),
        FieldPanel("steps"),
        InlinePanel("dossier_components", heading=_("Thành phần hồ sơ"), label=_("Giấy tờ")),
        FieldPanel("dossier_sets"),
        FieldPanel("dossier_note"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("processing_time_value"), FieldPanel("processing_time_unit")]
                ),
                FieldPanel("processing_time_note"),
            ],
            heading=_("Thời hạn giải quyết"),
        ),
    ]
    fee_and_law_panels = [
        FieldPanel("fees_none"),
        InlinePanel("fees", heading=_("Phí, lệ phí"), label=_("Khoản thu")),
        FieldPanel("fees_note"),
        FieldPanel("conditions"),
        InlinePanel("legal_basis", heading=_("Căn cứ pháp lý"), label=_("Văn bản")),
        FieldPanel("legal_basis_note"),
    ]
    status_panels = [
        FieldPanel("online_level"),
        FieldPanel("national_portal_url"),
        FieldPanel("announcing_decision"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("status")]),
        FieldPanel("replaced_by"),
        FieldPanel("notes"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(general_panels, heading=_("Thông tin chung")),
            ObjectList(dossier_panels, heading=_("Trình tự, hồ sơ")),
            ObjectList(fee_and_law_panels, heading=_("Phí, điều kiện, căn cứ")),
            ObjectList(status_panels, heading=_("Trực tuyến, hiệu lực")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            ObjectList(Page.settings_panels, heading=_("Cài đặt")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("full_name"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.SearchField("implementing_agency"),
        index.SearchField("applicants"),
        index.SearchField("notes"),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.FilterField("sector"),
        index.FilterField("level_ministry"),
        index.FilterField("level_province"),
        index.FilterField("level_commune"),
        index.FilterField("online_level"),
        index.FilterField("status"),
        index.FilterField("featured"),
    ]

    api_fields = [
        APIField("code"),
        APIField("full_name"),
        APIField("sector", serializer=SectorSerializer()),
        APIField("levels"),
        APIField("level_ministry"),
        APIField("level_province"),
        APIField("level_commune"),
        APIField("implementing_agency"),
        APIField("implementing_body"),
        APIField("where_to_submit"),
        APIField("steps"),
        APIField("submit_in_person"),
        APIField("submit_online"),
        APIField("submit_postal"),
        APIField("dossier_components"),
        APIField("dossier_sets"),
        APIField("dossier_note"),
        APIField("processing_time_value"),
        APIField("processing_time_unit"),
        APIField("processing_time_note"),
        APIField("applicants"),
        APIField("result"),
        APIField("fees_none"),
        APIField("fees"),
        APIField("fees_note"),
        APIField("conditions"),
        APIField("legal_basis"),
        APIField("legal_basis_note"),
        APIField("online_level"),
        APIField("national_portal_url"),
        APIField("online_submission_url", serializer=OnlineSubmissionUrlField()),
        APIField("announcing_decision"),
        APIField("effective_date"),
        APIField("status"),
        APIField("replaced_by"),
        APIField("notes"),
        APIField("featured"),
    ]

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        indexes = [
            # A sector's procedures on one site (the API's `sector=` listings) are joined to
            # the site's pages by id: read from the index alone, not from the wide rows.
            models.Index(fields=["sector", "page_ptr"], name="procedure_sector_page"),
        ]

    @property
    def name(self) -> str:
        """The official name: the full name when the title had to be shortened."""
        return self.full_name or self.title

    @property
    def levels(self) -> list[str]:
        """The level keys ("bo", "tinh", "xa") this procedure is carried out at."""
        return [level for level, field in LEVEL_FIELDS.items() if getattr(self, field)]

    def get_levels_display(self) -> list[str]:
        return [str(Level(level).label) for level in self.levels]

    @property
    def has_online_service(self) -> bool:
        return self.online_level != OnlineLevel.NONE and self.submit_online

    @property
    def online_submission_url(self) -> str | None:
        return self.online_submission_url_for(None)

    def online_submission_url_for(self, request: HttpRequest | None) -> str | None:
        """Where a citizen submits online: the procedure's own record on the national portal,
        else the site's online public service portal; None when there is no online service."""
        if not self.has_online_service:
            return None
        if self.national_portal_url:
            return self.national_portal_url
        # The site's id from the root paths the page (or the request) already knows.
        url_parts = self.get_url_parts(request)
        if url_parts is None:
            return None
        return SiteSettings.online_service_url_of(url_parts[0], request)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if not self.levels:
            errors["level_province"] = ValidationError(_("Chọn ít nhất một cấp thực hiện."))
        if self.status == ProcedureStatus.REPLACED and self.replaced_by_id is None:
            errors["replaced_by"] = ValidationError(
                _("Thủ tục đã được thay thế: chọn thủ tục thay thế nó.")
            )
        if self.replaced_by_id is not None and self.replaced_by_id == self.pk:
            errors["replaced_by"] = ValidationError(_("Thủ tục không thể thay thế chính nó."))
        if self.code and self._code_taken_on_site():
            errors["code"] = ValidationError(
                _("Mã thủ tục %(code)s đã tồn tại trên trang này."),
                code="duplicate_code",
                params={"code": self.code},
            )
        if errors:
            raise ValidationError(errors)

    def _code_taken_on_site(self) -> bool:
        root_path = self._site_root_path()
        if root_path is None:
            return False
        return (
            ProcedurePage.objects.filter(path__startswith=root_path, code=self.code)
            .exclude(pk=self.pk)
            .exists()
        )

    def _site_root_path(self) -> str | None:
        """Tree path of the root page of the site this page is (or will be) on."""
        # A page being created in the admin has no path yet; its form passes the parent.
        parent = getattr(self, "_validation_parent", None)
        path = self.path or (parent.path if parent is not None else "")
        if not path:
            return None
        return site_root_path(path)
