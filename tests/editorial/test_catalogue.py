"""The admin's Vietnamese catalogue (locale/vi): complete for the installed Wagtail apps, the
committed .mo files compiled from the .po files as they are, placeholders kept, one glossary."""

import gettext
import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from editorial import catalogue

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdr]|%[sd]|\{[a-z_]+\}")


def translated(domain: str) -> list[polib.POEntry]:
    return polib.pofile(str(catalogue.catalogue_path(domain))).translated_entries()


def text_of(entry: polib.POEntry) -> str:
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_every_message_of_the_installed_wagtail_apps_is_translated(domain):
    po = polib.pofile(str(catalogue.catalogue_path(domain)))
    missing = catalogue.missing_translations(po, domain)
    assert not missing, (
        f"{len(missing)} messages of {domain} untranslated (manage.py update_admin_catalogue, "
        f"then translate): {missing[:20]}"
    )
    assert not po.fuzzy_entries(), [entry.msgid for entry in po.fuzzy_entries()]


def test_the_catalogue_covers_the_wagtail_admin():
    # A guard on SOURCES: the admin's own catalogue is the bulk of what editors read.
    wanted = catalogue.source_entries("django")
    assert len(wanted) > 1500
    assert (None, "Save draft") in wanted and (None, "Collections") in wanted


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_committed_mo_files_are_compiled_from_the_po_files(domain, tmp_path):
    po_path = catalogue.catalogue_path(domain)
    fresh = tmp_path / f"{domain}.mo"
    # msgfmt as compilemessages runs it: a translation that drops or invents a placeholder of
    # a python-format message is an error here rather than a KeyError in an editor's face.
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po_path)], check=True)
    with fresh.open("rb") as expected, po_path.with_suffix(".mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(expected)._catalog
        ), f"{po_path.with_suffix('.mo')} is stale: run `make messages` and commit it"


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_translations_keep_the_placeholders_and_markup(domain):
    wrong = []
    for entry in translated(domain):
        text = text_of(entry)
        allowed = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        needed = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        found = set(PLACEHOLDER.findall(text))
        tags = sorted(re.findall(r"</?[a-z]+", entry.msgid))
        if not (needed <= found <= allowed) or tags != sorted(re.findall(r"</?[a-z]+", text)):
            wrong.append((entry.msgid, text))
    assert not wrong


def test_the_admin_is_served_from_the_project_catalogue_first():
    assert settings.LOCALE_PATHS[0] == catalogue.catalogue_path("django").parents[2]


# Tone marks on the first vowel of open "oa", "oe", "uy" syllables (hóa, khỏe, hủy), as in
# docs/glossary.md; "quý", where "qu" is the consonant, keeps its mark on the "y".
OLD_TONE_MARKS = re.compile(r"(?<![qQ])(o[áàảãạéèẻẽẹ]|u[ýỳỷỹỵ])(?![a-zà-ỹ])", re.IGNORECASE)


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_one_spelling_of_tone_marks(domain):
    old = [text_of(entry) for entry in translated(domain) if OLD_TONE_MARKS.search(text_of(entry))]
    assert not old


def glossary() -> dict[str, list[str]]:
    """English term → its Vietnamese words, from the table of docs/glossary.md."""
    terms = {}
    rows = Path(settings.BASE_DIR, "docs", "glossary.md").read_text(encoding="utf-8")
    for row in re.findall(r"^\| ([^|]+) \| ([^|]+) \|", rows, re.MULTILINE):
        english, vietnamese = (cell.strip() for cell in row)
        if english.startswith(("English", "---")):
            continue
        words = [word.strip() for word in re.split(r" / |, ", vietnamese)]
        for term in re.split(r" / |, ", english):
            terms[re.sub(r"\s*\(.*\)", "", term).strip().lower()] = words
    return terms


def test_the_glossary_has_the_words_the_issue_names():
    terms = glossary()
    for english in ("page", "child page", "draft", "publish", "unpublish", "approve", "workflow"):
        assert english in terms
    assert terms["collection"] == ["bộ sưu tập"]


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_a_glossary_term_is_always_translated_with_its_words(domain):
    """A message that is a glossary term on its own ("Publish", "Collections", "draft") uses
    that term's Vietnamese words."""
    terms = glossary()
    off = []
    for entry in translated(domain):
        english = entry.msgid.lower().rstrip(".:…")
        words = terms.get(english) or terms.get(english.removesuffix("s"))
        if words and not any(word.lower() in text_of(entry).lower() for word in words):
            off.append((entry.msgid, text_of(entry), words))
    assert not off
