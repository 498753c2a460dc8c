"""The admin form every page type of the project builds on."""

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def ascii_slug(text: str) -> str:
    """A URL slug without diacritics: "Hội nghị Đảng bộ" → "hoi-nghi-dang-bo".

    Django's `slugify` drops "đ" (it has no decomposition) and Wagtail's admin script drops
    most Vietnamese vowels, so both are given the transliterated text."""
    return slugify(anyascii(text))[:255].strip("-")


class PageForm(WagtailAdminPageForm):
    """Pages get ASCII slugs, as the importers give them: citizens share and type these URLs,
    and an accented slug travels as percent-escapes. The admin's script fills the slug in as
    the title is typed (with accents); it is transliterated here, before Wagtail checks that
    it is free among the page's siblings."""

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug.isascii():
            return slug
        slug = ascii_slug(slug)
        if not slug:
            raise ValidationError(_("Đường dẫn cần có ít nhất một chữ cái hoặc chữ số."))
        return slug
