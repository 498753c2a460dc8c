"""Lĩnh vực: the national list of sectors shared by procedures and legal documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from sites.slugs import ascii_slug


class Sector(index.Indexed, models.Model):
    """A sector of the national procedure database. National, so not scoped to a site."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    slug = models.SlugField(
        _("mã định danh"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Dùng trong địa chỉ lọc; để trống để tạo tự động từ tên."),
    )
    code = models.CharField(
        _("mã lĩnh vực"),
        max_length=50,
        blank=True,
        help_text=_("Mã lĩnh vực trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, nếu có."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("code"),
    ]

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_sector_slug(self.name)
        super().save(*args, **kwargs)


def unique_sector_slug(name: str) -> str:
    """An ASCII slug for `name` that no other sector uses ("dat-dai", "dat-dai-2", ...)."""
    base = ascii_slug(name) or "linh-vuc"
    base = base[:240]
    slug, n = base, 2
    while Sector.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
