"""The parts of a national procedure record (CSDL quốc gia về TTHC) as the pages store them.

Published records are rough: their tables were flattened into lists, so a dossier list mixes
the documents to bring with the notes written between them ("Trường hợp…", "+ …", "Lưu ý"),
and fee texts repeat their amounts. These pure functions turn such lists into rows a citizen
can read; they never invent a fact that the record does not state.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape

from .text import clean_text, paragraphs, text_to_html

# Record key -> the boolean field of the page.
SUBMISSION_METHODS = {
    "truc_tiep": "submit_in_person",
    "truc_tuyen": "submit_online",
    "buu_chinh": "submit_postal",
}

# A list marker in front of an item: "- ", "+ ", "* ", "•", "(i)", "(iv)", "a)", "đ)", "1.",
# "2)", "(3)". Markers are taken off; what follows is the item.
_MARKER = re.compile(
    r"^(?:[-+*•–]+\s*|\((?:[ivx]+|\d+|\*)\)\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s+)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-+*•–]+\s*")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_ENUMERATOR = re.compile(r"^\s*(?:[-+*]\s*)?\(?([ivx]+|[a-zđ]|\d+)\)\s*", re.IGNORECASE)
_LETTERS = "abcdđefghiklmnopqrstuvxy"
# What opens a condition or a remark rather than the name of a document.
_NOTE_OPENERS = (
    "trường hợp",
    "trong trường hợp",
    "đối với",
    "nếu ",
    "lưu ý",
    "ghi chú",
    "riêng ",
    "ngoài ra",
    "(trường hợp",
)
# What opens the name of a paper one hands in or shows.
_DOCUMENT_NOUNS = (
    "bản",
    "giấy",
    "đơn",
    "tờ khai",
    "văn bản",
    "danh sách",
    "hợp đồng",
    "quyết định",
    "nghị quyết",
    "điều lệ",
    "hồ sơ",
    "biên bản",
    "thông báo",
    "phiếu",
    "hộ chiếu",
    "thẻ",
    "căn cước",
    "chứng",
    "sổ",
    "ảnh",
    "trích lục",
    "báo cáo",
    "phương án",
    "kế hoạch",
    "mẫu",
    "một trong",
    "các giấy tờ",
    "02 bộ",
    "01 bộ",
)
_AMOUNT_PREFIX = re.compile(r"^[\d.,]+\s*(?:VNĐ|Việt Nam Đồng|đồng)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DossierItem:
    case: str
    kind: str  # DossierComponent.Kind value
    name: str
    originals: int
    copies: int
    required: bool


@dataclass(frozen=True)
class FeeItem:
    description: str
    amount: int | None
    amount_text: str


@dataclass(frozen=True)
class LegalBasisItem:
    document_number: str
    title: str
    issue_date: date | None


def strip_marker(text: str) -> str:
    """The (cleaned) item without its list marker(s) and trailing separators."""
    previous = None
    while previous != text:
        previous = text
        text = _MARKER.sub("", text, count=1).lstrip(". ")
    return text.rstrip(" ;,").strip()


def clean_case(text: str | None) -> str:
    """A group heading: "* Giấy tờ phải nộp" -> "Giấy tờ phải nộp"."""
    return strip_marker(clean_text(text or "")).rstrip(" :")


def is_note(raw_name: str, name: str, case: str, originals: int, copies: int) -> bool:
    """Whether a dossier entry is a remark for the citizen rather than a paper to bring."""
    lowered = name.lower()
    if raw_name.startswith("+"):
        return True  # sub-points of a remark above them
    if "lưu ý" in case.lower() or lowered.startswith(_NOTE_OPENERS) or name.endswith(":"):
        return True
    shown_only = "xuất trình" in case.lower()
    return (
        originals == 0
        and copies == 0
        and not shown_only
        and not lowered.startswith(_DOCUMENT_NOUNS)
    )


def _enumerator(raw_name: str) -> int | None:
    match = _ENUMERATOR.match(raw_name)
    if not match:
        return None
    token = match.group(1).lower()
    if token in _ROMAN:
        return _ROMAN[token]
    if token.isdigit():
        return int(token)
    return _LETTERS.index(token) + 1 if token in _LETTERS else None


def dossier_items(entries: list[dict]) -> list[DossierItem]:
    """Dossier rows grouped by case (in the order the cases first appear), each marked as a
    document or a note; duplicates dropped, fragments joined to the item they continue, and
    a group's documents put in the order of their enumerators "(i), (ii)…" when all have one."""
    groups: dict[str, list[tuple[int | None, DossierItem]]] = {}
    for entry in entries:
        raw_name = clean_text(str(entry.get("name") or ""))
        name = strip_marker(raw_name)
        if not name:
            continue
        case = clean_case(entry.get("case"))
        group = groups.setdefault(case, [])
        if name[0].islower() and group:
            # "có chứng thực hoặc": the flattened table split one item in two.
            position, last = group[-1]
            group[-1] = (position, _replace(last, name=f"{last.name} {name}"))
            continue
        name, originals = _split_year(name, entry.get("originals"))
        copies = _count(entry.get("copies"))
        kind = "ghi_chu" if is_note(raw_name, name, case, originals, copies) else "giay_to"
        item = DossierItem(case, kind, name, originals, copies, bool(entry.get("required", True)))
        if any(existing.name == name for _, existing in group):
            continue
        group.append((_enumerator(raw_name), item))
    items: list[DossierItem] = []
    for group in groups.values():
        documents = [pair for pair in group if pair[1].kind == "giay_to"]
        if documents and all(position is not None for position, _ in documents):
            documents.sort(key=lambda pair: pair[0])
        items += [item for _, item in documents]
        items += [item for _, item in group if item.kind == "ghi_chu"]
    return items


def _split_year(name: str, originals) -> tuple[str, int]:
    """Flattened tables glued a date's year to the count beside it: "… ngày 01/01/" with
    20261 originals is "… ngày 01/01/2026" with 1."""
    text = str(originals) if isinstance(originals, int) else ""
    if name.endswith("/") and len(text) >= 5 and text[:2] in {"19", "20"}:
        return name + text[:4], _count(int(text[4:]))
    return name, _count(originals)


def _replace(item: DossierItem, **changes) -> DossierItem:
    return DossierItem(**{**item.__dict__, **changes})


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def fee_items(entries: list[dict], fees_none: bool) -> list[FeeItem]:
    """Fee rows. The amount is kept when the record states one; the text keeps what it says
    beyond the amount. When the record says there is no fee, rows that only repeat that are
    dropped and rows with conditions stay."""
    items: list[FeeItem] = []
    for entry in entries:
        raw_amount = entry.get("amount_vnd")
        amount = raw_amount if isinstance(raw_amount, int) and raw_amount > 0 else None
        text = clean_text(str(entry.get("text") or ""))
        text = re.sub(r"\(\((.*)\)\)", r"(\1)", text)
        if amount is not None:
            text = _AMOUNT_PREFIX.sub("", text).strip()
            if text.startswith("(") and text.endswith(")"):
                text = text[1:-1].strip()
        if fees_none and amount is None and text.lower() in {"", "miễn phí", "không"}:
            continue
        description = clean_text(str(entry.get("description") or "")) or "Phí, lệ phí"
        if amount is None and not text:
            continue
        items.append(FeeItem(description, amount, text))
    return items


def legal_basis_items(entries: list[dict]) -> list[LegalBasisItem]:
    """Legal basis rows, one per document number (the first title wins)."""
    items: list[LegalBasisItem] = []
    seen: set[str] = set()
    for entry in entries:
        number = clean_text(str(entry.get("number") or ""))
        title = clean_text(str(entry.get("title") or ""))
        if not (number or title) or (number and number in seen):
            continue
        seen.add(number)
        items.append(LegalBasisItem(number, title or number, _date(entry.get("date"))))
    return items


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def step_blocks(steps: list[str]) -> list[dict[str, str]]:
    """StreamField values for the steps: each "- …" item starts a step, "+ …" items are the
    points of the step above them. "Bước 2: …" becomes the step's title."""
    blocks: list[dict[str, list[str] | str]] = []
    for raw in steps:
        text = clean_text(str(raw), multiline=True)
        if not text:
            continue
        if text.startswith("+") and blocks:
            blocks[-1]["points"].append(_BULLET.sub("", text))
            continue
        body = _BULLET.sub("", text)
        title = ""
        match = re.match(r"^(Bước\s+\d+)\s*[:.\-–]\s*", body, re.IGNORECASE)
        if match:
            title, body = match.group(1), body[match.end() :]
        blocks.append({"title": title, "body": body, "points": []})
    return [
        {"case": "", "title": block["title"], "body": _step_html(block["body"], block["points"])}
        for block in blocks
    ]


def _step_html(body: str, points: list[str]) -> str:
    html = text_to_html(body)
    if points:
        items = "".join(
            "<li>" + "<br>".join(escape(part) for part in paragraphs(point)) + "</li>"
            for point in points
        )
        html += f"<ul>{items}</ul>"
    return html
