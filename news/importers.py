"""Importing old-portal articles into a site's news section.

`import_news_file(path, site)` decodes and parses the file (see `news.encodings` and
`news.parsing`) and creates or updates one published NewsPage under the site's
NewsIndexPage, which it creates ("Tin tức", /tin-tuc/) when missing.

Images: an image whose file is next to the article (HTML `<img src>` relative path) becomes
an image block with its caption and alt text. The old portal's text export has no image
files, only an `img` marker and the caption: the first such caption becomes the page's
`featured_image_caption` (the lead photo's slot; an editor attaches the photo later), later
ones stay in place as an italic paragraph, so no caption is lost.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText
from wagtail.utils.file import hash_filelike

from sites.provisioning import IMAGES_COLLECTION, agency_media_collection
from sites.slugs import ascii_slug, free_slug

from .encodings import NewsImportError, decode_article
from .models import NewsIndexPage, NewsPage
from .parsing import ParsedArticle, ParsedImage, parse_article

NEWS_INDEX_TITLE = "Tin tức"
NEWS_INDEX_SLUG = "tin-tuc"
HTML_SUFFIXES = {".html", ".htm"}
SLUG_MAX_LENGTH = 80


@dataclass
class ImportResult:
    title: str
    published_at: datetime
    site: Site
    action: str  # "created" or "updated"
    dry_run: bool
    created_index: bool
    paragraphs: int
    images: int
    page: NewsPage | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verbs = {
            ("created", False): _("Đã tạo"),
            ("updated", False): _("Đã cập nhật"),
            ("created", True): _("[Chạy thử] Sẽ tạo"),
            ("updated", True): _("[Chạy thử] Sẽ cập nhật"),
            ("unchanged", False): _("Không thay đổi"),
        }
        lines = [
            _(
                "%(verb)s tin «%(title)s» (%(date)s) trên %(site)s: "
                "%(paragraphs)d đoạn, %(images)d ảnh."
            )
            % {
                "verb": verbs[self.action, self.dry_run],
                "title": self.title,
                "date": self.published_at.strftime("%d/%m/%Y %H:%M"),
                "site": self.site.site_name or self.site.hostname,
                "paragraphs": self.paragraphs,
                "images": self.images,
            }
        ]
        if self.page is not None:
            lines.append(_("Địa chỉ: %(url)s") % {"url": self.page.full_url})
        if self.created_index:
            lines.append(
                _("%(verb)s trang danh sách tin «%(title)s».")
                % {
                    "verb": _("Sẽ tạo") if self.dry_run else _("Đã tạo"),
                    "title": NEWS_INDEX_TITLE,
                }
            )
        lines.extend(self.notes)
        return "\n".join(lines)


def import_news_file(path: Path | str, site: Site, *, dry_run: bool = False) -> ImportResult:
    """Import one article file (plain text or HTML) into the site's news section."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NewsImportError(
            _("Không đọc được tệp %(path)s: %(error)s")
            % {"path": path, "error": error.strerror or error}
        ) from error
    article = parse_article(decode_article(data), html=path.suffix.lower() in HTML_SUFFIXES)
    return import_article(article, site, dry_run=dry_run, base_dir=path.parent)


def import_article(
    article: ParsedArticle, site: Site, *, dry_run: bool = False, base_dir: Path | None = None
) -> ImportResult:
    """Create or update (same title and publication time on this site) one NewsPage."""
    if article.published_at is None:
        raise NewsImportError(
            _("Không tìm thấy ngày đăng (dòng dạng “Thứ tư, 17/04/2013 09:22”) trong tệp.")
        )
    root = site.root_page
    index = NewsIndexPage.objects.child_of(root).first()
    existing = (
        NewsPage.objects.descendant_of(root)
        .filter(title=article.title, published_at=article.published_at)
        .first()
    )
    result = ImportResult(
        title=article.title,
        published_at=article.published_at,
        site=site,
        action="updated" if existing else "created",
        dry_run=dry_run,
        created_index=index is None,
        paragraphs=len(article.paragraphs),
        images=len(article.images),
    )
    if dry_run:
        return result

    with transaction.atomic():
        if index is None:
            index = _create_news_index(root)
        page = existing.specific if existing else NewsPage()
        body, featured_caption, notes = _build_body(article, base_dir, _images_collection(site))
        before = _imported_state(page) if existing else None
        page.title = article.title
        page.published_at = article.published_at
        page.summary = article.summary
        page.author = article.author
        page.body = body
        page.featured_image_caption = featured_caption
        if existing is None:
            page.slug = _unique_slug(index, article.title)
            page.live = False
            page.first_published_at = article.published_at
            index.add_child(instance=page)
        if before is not None and _imported_state(page) == before:
            result.action = "unchanged"
        else:
            page.save_revision().publish()
    result.page = page
    result.notes = notes
    return result


def _imported_state(page: NewsPage) -> tuple:
    """What an import writes, without the block ids that differ on every build."""
    blocks = [(block["type"], block["value"]) for block in page.body.get_prep_value()]
    return (
        page.title,
        page.published_at,
        page.summary,
        page.author,
        page.featured_image_caption,
        blocks,
    )


def _create_news_index(root: Page) -> NewsIndexPage:
    index = NewsIndexPage(title=NEWS_INDEX_TITLE, slug=NEWS_INDEX_SLUG, live=False)
    root.add_child(instance=index)
    index.save_revision().publish()
    return index


def _unique_slug(parent: Page, title: str) -> str:
    base = ascii_slug(title)
    if len(base) > SLUG_MAX_LENGTH:  # cut between words, not inside one
        base = base[: SLUG_MAX_LENGTH + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "tin"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    return free_slug(base, taken)


def _paragraph(html: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{html}</p>"))


def _images_collection(site: Site) -> Collection | None:
    """The site's agency's "Hình ảnh" collection, where its editors' uploads go too; None
    (the root collection) for a site without an agency."""
    try:
        agency = site.agency
    except ObjectDoesNotExist:
        return None
    return agency_media_collection(agency, IMAGES_COLLECTION)


def _build_body(
    article: ParsedArticle, base_dir: Path | None, collection: Collection | None = None
) -> tuple[list, str, list[str]]:
    body: list = []
    featured_caption = ""
    notes: list[str] = []
    for block in article.blocks:
        if isinstance(block, str):
            body.append(_paragraph(escape(block)))
            continue
        image = _load_image(block, base_dir, collection)
        if image is not None:
            body.append(
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": block.alt or block.caption or article.title,
                        "caption": block.caption,
                    },
                )
            )
        elif not featured_caption and block.caption:
            featured_caption = block.caption
            notes.append(_("Chưa có tệp ảnh: chú thích được lưu ở phần ảnh đại diện."))
        elif block.caption:
            body.append(_paragraph(f"<i>{escape(block.caption)}</i>"))
            notes.append(_("Chưa có tệp ảnh: chú thích được giữ thành đoạn in nghiêng."))
    return body, featured_caption, notes


def _load_image(image: ParsedImage, base_dir: Path | None, collection: Collection | None):
    """The Wagtail image of a local file next to the article, in `collection`; an identical
    file imported there before is reused. Remote URLs are not fetched."""
    if not image.src or base_dir is None or "://" in image.src or image.src.startswith("//"):
        return None
    base = base_dir.resolve()
    candidate = (base / image.src).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    title = image.alt or image.caption or candidate.stem
    return image_from_bytes(candidate.read_bytes(), candidate.name, title, collection)


def image_from_bytes(
    content: bytes, name: str, title: str, collection: Collection | None = None
) -> AbstractImage:
    """A Wagtail image of `content` in `collection` (the root collection when None), or the
    one already made of an identical file there. Never another collection's: it belongs to
    another agency, whose editors may delete it or keep it private."""
    file_hash = hash_filelike(io.BytesIO(content))
    image_model = get_image_model()
    target = collection or Collection.get_first_root_node()
    existing = image_model.objects.filter(file_hash=file_hash, collection=target).first()
    if existing is not None:
        return existing
    new_image = image_model(
        title=title[:255],
        file=ImageFile(io.BytesIO(content), name=name),
        # Set here: only the admin's upload form fills them in, and the hash is the dedup key.
        file_hash=file_hash,
        file_size=len(content),
    )
    new_image.collection = target
    new_image.save()
    return new_image
