"""Checks for the number/symbol (số ký hiệu) of a Vietnamese legal document."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Issuer codes are mostly capitals (Đ and the other Vietnamese capitals appear, as in NĐ-CP,
# QĐ-UBND), with a few lower-case letters in real codes such as TTg.
_LETTERS = "A-Za-zĐđĂăÂâÊêÔôƠơƯư"
_SEGMENT = rf"[{_LETTERS}0-9]+"
# "42/2022/NĐ-CP", "60/2014/QH13", "1234/QĐ-UBND", "15/CT-TTg", "123/UBND-VX", "12a/2020/..."
NUMBER_RE = re.compile(
    rf"^\d{{1,6}}[a-z]?"  # serial number
    rf"(?:/(?:19|20)\d{{2}})?"  # year, for normative documents
    rf"/(?=[0-9]*[{_LETTERS}]){_SEGMENT}(?:[-/.]{_SEGMENT})*$"  # issuer code, with a letter
)


def normalise_number(value: str) -> str:
    """NFC, no spaces: editors often type "42 / 2022 / NĐ - CP"."""
    value = unicodedata.normalize("NFC", value).replace("\u00a0", " ")
    return re.sub(r"\s+", "", value)


def validate_document_number(value: str) -> None:
    if not NUMBER_RE.match(normalise_number(value)):
        raise ValidationError(
            _(
                "“%(value)s” không giống số ký hiệu văn bản. Nhập theo dạng số/năm/ký hiệu, "
                "ví dụ 42/2022/NĐ-CP, 25/2018/TT-BNNPTNT hoặc 1234/QĐ-UBND."
            ),
            code="invalid_document_number",
            params={"value": value},
        )
