"""The project's Vietnamese catalogue of the admin (locale/vi/LC_MESSAGES): which packages'
messages it translates, and how it follows their upgrades.

Wagtail's own Vietnamese catalogue covers a fraction of the admin, in words that differ from
screen to screen, so the project translates every message of the Wagtail apps it installs
(docs/glossary.md); `LOCALE_PATHS` comes first, so these translations win. Of Django and the
other libraries only the messages their own Vietnamese catalogue lacks are added.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

DOMAINS = ("django", "djangojs")
PLURAL_FORMS = "nplurals=1; plural=0;"


@dataclass(frozen=True)
class Source:
    module: str
    domain: str = "django"
    # "all": every message; "gaps": those the package's own Vietnamese catalogue lacks.
    scope: str = "all"
    # The catalogue read for the msgids; a package without an English one has others.
    template_language: str = "en"

    @property
    def locale_dir(self) -> Path:
        return Path(importlib.import_module(self.module).__file__).parent / "locale"

    def template(self) -> polib.POFile:
        return polib.pofile(
            str(self.locale_dir / self.template_language / "LC_MESSAGES" / f"{self.domain}.po")
        )

    def own_translations(self) -> set[tuple[str | None, str]]:
        path = self.locale_dir / "vi" / "LC_MESSAGES" / f"{self.domain}.po"
        if not path.exists():
            return set()
        return {key(entry) for entry in polib.pofile(str(path)).translated_entries()}


SOURCES = [
    *(
        Source(module)
        for module in (
            "wagtail",
            "wagtail.admin",
            "wagtail.users",
            "wagtail.images",
            "wagtail.documents",
            "wagtail.snippets",
            "wagtail.sites",
            "wagtail.embeds",
            "wagtail.search",
            "wagtail.contrib.forms",
            "wagtail.contrib.redirects",
            "wagtail.contrib.settings",
            "wagtail.contrib.table_block",
            "wagtail.contrib.typed_table_block",
            "taggit",
        )
    ),
    Source("wagtail.admin", domain="djangojs"),
    Source("django_filters", template_language="de"),
    # Wagtail calls humanize's naturaltime ("5 minutes ago"); the app is not installed, so
    # its own catalogue is never loaded.
    Source("django.contrib.humanize"),
    Source("django.conf", scope="gaps"),
    # The users and groups screens: all of it, in the glossary's words (Django's own says
    # "người sử dụng", "cho phép" for permissions).
    Source("django.contrib.auth"),
    Source("django.contrib.contenttypes", scope="gaps"),
]


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def catalogue_path(domain: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / f"{domain}.po"


def source_entries(domain: str) -> dict[tuple[str | None, str], polib.POEntry]:
    """Every message the catalogue of `domain` must translate, with its flags and where the
    packages use it."""
    wanted: dict[tuple[str | None, str], polib.POEntry] = {}
    for source in SOURCES:
        if source.domain != domain:
            continue
        skip = source.own_translations() if source.scope == "gaps" else set()
        for entry in source.template():
            if entry.obsolete or not entry.msgid or key(entry) in skip:
                continue
            found = wanted.setdefault(
                key(entry),
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    flags=[flag for flag in entry.flags if flag != "fuzzy"],
                ),
            )
            found.occurrences.extend(
                (f"{source.module}:{path}", line) for path, line in entry.occurrences[:3]
            )
    return wanted


def missing_translations(catalogue: polib.POFile, domain: str) -> list[str]:
    """The msgids of `domain` the catalogue does not translate."""
    translated = {key(entry) for entry in catalogue.translated_entries()}
    return [msgid for (_ctx, msgid) in source_entries(domain) if (_ctx, msgid) not in translated]


def update(domain: str) -> tuple[polib.POFile, int, int]:
    """Merge the packages' current messages into the catalogue, as makemessages does for the
    project's own: new ones are added untranslated, gone ones become obsolete. Returns the
    catalogue and the numbers added and retired."""
    path = catalogue_path(domain)
    catalogue = polib.pofile(str(path)) if path.exists() else polib.POFile(wrapwidth=100)
    catalogue.metadata = {
        "Project-Id-Version": "bacninh-cms",
        "Language": "vi",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    wanted = source_entries(domain)
    existing = {key(entry): entry for entry in catalogue}
    added = retired = 0
    for entry_key, entry in wanted.items():
        current = existing.get(entry_key)
        if current is None:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: ""}
            catalogue.append(entry)
            added += 1
        else:
            current.obsolete = False
            current.msgid_plural = entry.msgid_plural
            current.occurrences = entry.occurrences
            current.flags = sorted(set(entry.flags) | ({"fuzzy"} & set(current.flags)))
    for entry_key, entry in existing.items():
        if entry_key not in wanted and not entry.obsolete:
            entry.obsolete = True
            retired += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return catalogue, added, retired
