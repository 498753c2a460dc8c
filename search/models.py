"""Abbreviations and synonyms the portal's admins edit (expanded at query time)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .text import fold, normalise


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

    def folded_phrases(self) -> list[str]:
        return [fold(phrase) for phrase in self.phrase_list()]
