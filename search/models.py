"""What editors tell the search: synonyms and abbreviations (admins), and best bets (each
site's editors)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from sites.models import SiteScopedModel

from .text import normalise


class SearchSynonym(models.Model):
    """A group of equivalent phrases, e.g. "UBND" = "Ủy ban nhân dân".

    A query that contains one phrase of the group also matches pages that use another.
    """

    phrases = models.TextField(
        _("các cụm từ tương đương"),
        help_text=_(
            "Mỗi dòng một cụm từ, ví dụ: UBND / Ủy ban nhân dân. Viết hoa, dấu không quan trọng."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    panels = [FieldPanel("phrases"), FieldPanel("note")]

    class Meta:
        verbose_name = _("từ đồng nghĩa tìm kiếm")
        verbose_name_plural = _("từ đồng nghĩa tìm kiếm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return " = ".join(self.phrase_list())

    def phrase_list(self) -> list[str]:
        return [normalise(line) for line in self.phrases.splitlines() if normalise(line)]


class BestBet(SiteScopedModel):
    """A page an editor pins to the top of their site's search for some queries ("best
    bet"). The portal's editors pin for the whole province, with pages of any site."""

    queries = models.TextField(
        _("từ khóa"),
        help_text=_(
            "Mỗi dòng một từ khóa người dân hay gõ, ví dụ: làm giấy khai sinh. "
            "Viết hoa, dấu và các từ như “thủ tục”, “ở đâu” không quan trọng."
        ),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ hiện trước khi nhiều trang cùng từ khóa.")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("queries"),
        PageChooserPanel("page"),
        FieldPanel("sort_order"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("kết quả ưu tiên")
        verbose_name_plural = _("kết quả ưu tiên")
        ordering = ["site_id", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{' / '.join(self.query_list())} → {self.page}"

    def query_list(self) -> list[str]:
        return [normalise(line) for line in self.queries.splitlines() if normalise(line)]

    def clean(self) -> None:
        super().clean()
        if not self.site_id or not self.page_id:
            return
        site = self.site
        if not site.is_default_site and not self.page.path.startswith(site.root_page.path):
            raise ValidationError({"page": _("Chỉ chọn được trang của chính trang thông tin này.")})
        if not self.query_list():
            raise ValidationError({"queries": _("Nhập ít nhất một từ khóa.")})


class DocumentText(models.Model):
    """The text read from a document's file (`search.extraction`), kept so that a sync that
    only changes where the document is used does not read the file again. `source` tells
    which file it was read from: a replaced file is read anew."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    source = models.CharField(max_length=255)
    status = models.CharField(max_length=20)
    text = models.TextField(blank=True)
    detail = models.CharField(max_length=300, blank=True)
    seconds = models.FloatField(default=0)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nội dung tệp đã đọc")
        verbose_name_plural = _("nội dung tệp đã đọc")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.status}"
