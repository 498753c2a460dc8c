"""Pure parsers of news articles exported from the old portal: plain text and simple HTML.

They take already-decoded text (see `news.encodings.decode_article`) and touch no database.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .dates import LOCAL_TZ, parse_vietnamese_datetime
from .encodings import NewsImportError, normalise_text


@dataclass(frozen=True)
class ParsedImage:
    caption: str
    alt: str = ""
    src: str = ""


@dataclass
class ParsedArticle:
    title: str
    published_at: datetime | None
    # Paragraph strings and images, in reading order.
    blocks: list[str | ParsedImage] = field(default_factory=list)
    author: str = ""
    summary: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [block for block in self.blocks if isinstance(block, str)]

    @property
    def images(self) -> list[ParsedImage]:
        return [block for block in self.blocks if isinstance(block, ParsedImage)]


IMAGE_MARKERS = {"img", "[img]", "image", "ảnh"}
# The old portal's page furniture that follows every article, starting at its "banner".
BOILERPLATE_START = {"banner"}
BOILERPLATE_LINES = {"top", "icon", "xem chi tiết icon"}
# "T.D", "N.T.H.", "TD", "T. Dũng"-style bylines: initials, at most a short name after them.
INITIALS_RE = re.compile(r"^(?:[A-ZĐ]\.\s?){0,4}[A-ZĐ][\wÀ-ỹ]{0,12}\.?$")
SOURCE_RE = re.compile(r"^(?:Theo|Nguồn)\s*:?\s+\S.{0,80}$")


def is_byline(line: str) -> bool:
    """A short author/source line like "T.D" or "Theo Báo Bắc Ninh"."""
    line = line.strip()
    if not line or len(line) > 80:
        return False
    return bool(INITIALS_RE.match(line) and len(line) <= 20) or bool(SOURCE_RE.match(line))


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", normalise_text(line)).strip()


def parse_text_article(text: str) -> ParsedArticle:
    """Parse the old portal's plain-text export.

    Layout: the title on the first non-empty line, then the date line ("Thứ tư, 17/04/2013
    09:22"), one paragraph per line, an `img` line whose caption is the next line, the
    author's initials, and from `banner` on the portal's boilerplate. Lines of only spaces
    or NBSP separate paragraphs.
    """
    lines = [_clean(line) for line in normalise_text(text).splitlines()]
    for index, line in enumerate(lines):
        if line.lower() in BOILERPLATE_START:
            lines = lines[:index]
            break
    lines = [line for line in lines if line]
    while lines and lines[-1].lower() in BOILERPLATE_LINES:
        lines.pop()
    if not lines:
        raise NewsImportError(_("Tệp không có nội dung."))

    title, rest = lines[0], lines[1:]
    published_at = None
    if rest and (published_at := parse_vietnamese_datetime(rest[0])) is not None:
        rest = rest[1:]
    author = ""
    if rest and is_byline(rest[-1]):
        author = rest.pop()

    blocks: list[str | ParsedImage] = []
    lines_iter = iter(rest)
    for line in lines_iter:
        if line.lower() in IMAGE_MARKERS:
            caption = next(lines_iter, "")
            blocks.append(ParsedImage(caption=caption))
        else:
            blocks.append(line)
    return ParsedArticle(title=title, published_at=published_at, blocks=blocks, author=author)


def _parse_html_datetime(value: str) -> datetime | None:
    parsed = parse_datetime(value.strip())
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TZ)


def parse_html_article(html: str) -> ParsedArticle:
    """Parse a simple HTML article: `<h1>` (or `<title>`), `<time datetime>` or a Vietnamese
    date line, `<p>` paragraphs, `<figure><img alt><figcaption>`; `<p class="sapo|summary|lead">`
    is the sapo and `<p class="author">`, `<address>` or a final initials line the author."""
    soup = BeautifulSoup(normalise_text(html), "html.parser")
    heading = soup.find("h1") or soup.find("title")
    title = _clean(heading.get_text()) if heading else ""
    if not title:
        raise NewsImportError(_("Không tìm thấy tiêu đề (thẻ <h1> hoặc <title>)."))

    published_at = None
    time_tag = soup.find("time", attrs={"datetime": True})
    if time_tag is not None:
        published_at = _parse_html_datetime(time_tag["datetime"])

    root = soup.find("article") or soup.body or soup
    summary, author = "", ""
    blocks: list[str | ParsedImage] = []
    for element in root.find_all(["p", "figure", "address"]):
        if element.find_parent("figure") is not None:
            continue
        if element.name == "figure":
            img = element.find("img")
            caption_tag = element.find("figcaption")
            caption = _clean(caption_tag.get_text()) if caption_tag else ""
            if img is not None or caption:
                blocks.append(
                    ParsedImage(
                        caption=caption,
                        alt=_clean(img.get("alt", "")) if img else "",
                        src=(img.get("src") or "").strip() if img else "",
                    )
                )
            continue
        text = _clean(element.get_text(" "))
        if not text:
            continue
        classes = set(element.get("class") or [])
        if element.name == "address" or "author" in classes:
            author = text
        elif classes & {"sapo", "summary", "lead"}:
            summary = text
        elif published_at is None and not blocks and parse_vietnamese_datetime(text):
            published_at = parse_vietnamese_datetime(text)
        elif element.find("time") is not None and len(text) <= 40:
            continue  # the date line of a <time> already read
        else:
            blocks.append(text)
    if not author and blocks and isinstance(blocks[-1], str) and is_byline(blocks[-1]):
        author = blocks.pop()
    return ParsedArticle(
        title=title, published_at=published_at, blocks=blocks, author=author, summary=summary
    )


def parse_article(text: str, *, html: bool) -> ParsedArticle:
    return parse_html_article(text) if html else parse_text_article(text)
