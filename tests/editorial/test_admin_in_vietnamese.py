"""Every admin screen an editor, a chief editor and a site admin can open, rendered as they see
it with an English browser, has no text left in Wagtail's (or Django's) English.

The screens are the probe tests' URL lists (tests/security/test_permission_probes.py): every
admin URL without arguments, and every URL with an object id, filled with the ids of the
role's own agency's objects. A new admin view is checked without editing this file.
"""

import json
import re
from datetime import timedelta
from functools import cache

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from editorial import catalogue
from tests.security.test_permission_probes import (
    TRANSIENT,
    admin_routes_with_ids,
    admin_routes_without_args,
    kind_of,
    url_for,
    world,  # noqa: F401  (the probes' two agencies, reused as a fixture)
)
from tests.sites.conftest import ROLES

pytestmark = pytest.mark.django_db

ATTRIBUTES = ("title", "aria-label", "placeholder")
# Messages that Vietnamese writes as English does: a language named in its own language (the
# account's choice of language), brand names, abbreviations, file types and units.
ALLOWED = {
    "English",
    "Wagtail",
    "URL",
    "ID",
    "Email",
    "IPv4",
    "IPv6",
    "CSV",
    "XLSX",
    "%(size)d byte",
}
# Python values rendered as text are never right in front of an editor.
PYTHON_VALUES = re.compile(r"\b(None|True|False)\b")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdr]|%[sd]|\{[a-z_]+\}")
# Markup inside a message ("Locked by <b>you</b>"), and the length of the longest message.
INLINE = ["b", "strong", "em", "a", "span", "code"]
MAX_MESSAGE = 300


def normalise(text: str) -> str:
    return " ".join(text.split())


@cache
def english() -> tuple[frozenset[str], re.Pattern]:
    """Wagtail's and Django's English msgids as they appear on screen: the literal ones, and
    one pattern for those with placeholders (whose literal words are worth matching)."""
    literal, patterns = set(), []
    for source in catalogue.SOURCES:
        for entry in source.template():
            if entry.msgid in ALLOWED:
                continue
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                text = normalise(BeautifulSoup(msgid, "html.parser").get_text(" "))
                if not PLACEHOLDER.search(text):
                    if re.search(r"[A-Za-z]{2}", text):
                        literal.add(text)
                elif re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", text)):
                    parts = PLACEHOLDER.split(text)
                    patterns.append(".+?".join(re.escape(part) for part in parts))
    return frozenset(literal), re.compile("|".join(f"(?:{p})" for p in patterns))


def screen_texts(html: str) -> set[str]:
    """The visible text of a screen (text nodes, and whole elements that hold inline markup,
    where a message is split by <b> or <a>) and its title/aria-label/placeholder attributes."""
    soup = BeautifulSoup(html, "html.parser")
    for invisible in soup(["script", "style", "noscript"]):
        invisible.decompose()
    for counter in soup.select("[hidden]"):
        # A hidden counter's placeholder that script fills in before showing it.
        if PYTHON_VALUES.fullmatch(normalise(counter.get_text())):
            counter.decompose()
    texts = set()
    for node in soup.find_all(string=True):
        if isinstance(node, NavigableString) and node.strip():
            texts.add(normalise(node))
            parent = node.parent
            if parent is not None and parent.find(INLINE, recursive=False):
                whole = normalise(parent.get_text(" "))
                if len(whole) <= MAX_MESSAGE:
                    texts.add(whole)
    for tag in soup.find_all(True):
        texts.update(normalise(tag[name]) for name in ATTRIBUTES if tag.has_attr(name))
    return {text for text in texts if text}


def untranslated(html: str) -> set[str]:
    literal, pattern = english()
    return {
        text
        for text in screen_texts(html)
        if text in literal or pattern.fullmatch(text) or PYTHON_VALUES.search(text)
    }


def html_of(response) -> str | None:
    """The HTML of a screen, or of a chooser/modal (JSON with its HTML)."""
    content_type = response.get("Content-Type", "")
    if "text/html" in content_type:
        return response.content.decode()
    if "json" in content_type:
        try:
            data = json.loads(response.content)
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("html"), str):
            return data["html"]
    return None


def admin_screens(objects, agency) -> list[tuple[str, str]]:
    """(URL name, URL) of every admin screen: listings and forms, then every view of one of
    the agency's objects."""
    screens = [(route.name, reverse(route.name)) for route in admin_routes_without_args()]
    for route in admin_routes_with_ids():
        kind = kind_of(route)
        if route.name in TRANSIENT or kind is None:
            continue
        url = url_for(route, kind, objects, agency)
        if url is not None:
            screens.append((route.name, url))
    return screens


def test_an_untranslated_string_is_found():
    """The check itself: Wagtail's English, split by markup or with its values filled in,
    and Python values, are found; Vietnamese, brand names and user content are not."""
    found = untranslated(
        "<main><button aria-label='Toggle sidebar'>x</button><p>Save draft</p>"
        "<p>Locked by <b>you</b> at <b>1/1/2026</b></p><p>Page 'Giới thiệu' moved.</p>"
        "<span title='Lưu bản nháp'>Lưu bản nháp</span><p>Wagtail</p><p>Tin BIMAT7731</p>"
        "<p>Tiêu đề 1-8 of 8 None</p><script>var s = 'Save draft';</script></main>"
    )
    assert found == {
        "Toggle sidebar",
        "Save draft",
        "Locked by",  # a message of its own too
        "Locked by you at 1/1/2026",
        "Page 'Giới thiệu' moved.",
        "Tiêu đề 1-8 of 8 None",
    }


def busy(agency) -> None:
    """Screens as they are on a working day: a news item waiting for review, a page locked
    by the chief, a revision scheduled, so that the review queue, lock and schedule texts
    render too."""
    editor, chief = agency.users["editor"], agency.users["chief"]
    draft = Page.objects.get(pk=agency.draft.pk).specific
    draft.save_revision(user=editor)
    agency.result.workflow.start(draft, editor)
    page = Page.objects.get(pk=agency.page.pk).specific
    page.locked, page.locked_by, page.locked_at = True, chief, timezone.now()
    page.save()
    page.save_revision(user=chief, approved_go_live_at=timezone.now() + timedelta(days=1))


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_screen_of_a_role_is_in_vietnamese(client, world, role):  # noqa: F811
    # The probes' "other" agency is the one whose objects they fill the URLs with: here the
    # role's own, with an English browser.
    _, agency, objects = world
    busy(agency)
    client.force_login(agency.users[role])
    found: dict[str, set[str]] = {}
    rendered = 0
    for name, url in admin_screens(objects, agency):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        html = html_of(response) if response.status_code == 200 else None
        if html is None:
            continue
        rendered += 1
        if strings := untranslated(html):
            found[f"{name} {url}"] = strings
    assert rendered > 60, f"only {rendered} screens rendered for {role}"
    assert not found, f"{role}: {sum(map(len, found.values()))} English strings: {found}"
