"""Uploaded documents (Wagtail documents: forms, decree texts, reports) as search documents
of type `document`, next to the pages in the same index, `_id` "document-<id>".

A document belongs in the index when the public may see it (`sites.visibility`: no view
restriction on its collection) and it is not used only by pages the public cannot see: a
file attached only to a draft or to a private page stays out until that page is public.
A document no page uses is public as its collection says.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, GroupCollectionPermission, Page, ReferenceIndex, Site

from legaldocs.models import LegalDocumentPage
from procedures.models import DossierComponent
from sites.models import Agency
from sites.roots import SiteRoots
from sites.visibility import Visibility

from . import extraction
from .codes import document_number_keys
from .indexing import content_hash, source_fields, text_fields
from .models import DocumentText
from .text import normalise

TYPE = "document"
CONTENT_TYPE = "wagtaildocs.document"
KEY_PREFIX = "document-"
# What citizens call a file and a form: "tài liệu", "mẫu đơn, tờ khai".
KIND_WORDS = "tài liệu tệp đính kèm"
FORM_WORDS = "mẫu đơn tờ khai biểu mẫu"
# Pages named in a document's summary (all of them are in `used_on`).
SUMMARY_PAGES = 3


def key(document_id: int) -> str:
    return f"{KEY_PREFIX}{document_id}"


def id_of(key_: str) -> int | None:
    """The document id of an index `_id` ("document-12" -> 12); None for a page's."""
    return int(key_[len(KEY_PREFIX) :]) if key_.startswith(KEY_PREFIX) else None


def document_model() -> type[AbstractDocument]:
    return get_document_model()


def _pages_using(document_ids: list[int] | None) -> dict[int, set[int]]:
    """Document id -> ids of the pages whose saved content (the live one for a live page)
    refers to it (Wagtail's reference index, updated when a page is saved)."""
    rows = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(document_model()),
    )
    if document_ids is not None:
        rows = rows.filter(to_object_id__in=[str(pk) for pk in document_ids])
    found: dict[int, set[int]] = defaultdict(set)
    for object_id, to_object_id in rows.values_list("object_id", "to_object_id").distinct():
        if object_id.isdigit() and to_object_id.isdigit():
            found[int(to_object_id)].add(int(object_id))
    return found


def documents_used_by(page_ids: Iterable[int]) -> list[int]:
    """Ids of the documents the pages refer to: their records change with the pages."""
    ids = [str(pk) for pk in page_ids]
    if not ids:
        return []
    rows = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(document_model()),
        object_id__in=ids,
    ).values_list("to_object_id", flat=True)
    return sorted({int(pk) for pk in rows if pk.isdigit()})


def documents_in_collection(collection_id: int) -> list[int]:
    """Ids of the documents in the collection and in those below it."""
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
    if path is None:
        return []
    rows = document_model().objects.filter(collection__path__startswith=path)
    return list(rows.values_list("pk", flat=True))


def documents_of_agency(agency_id: int) -> list[int]:
    """Ids of the documents in the collections the agency's editorial groups hold
    permissions on (its own collection and those below it)."""
    rows = GroupCollectionPermission.objects.filter(group__agency_role__agency_id=agency_id)
    ids: set[int] = set()
    for collection_id in set(rows.values_list("collection_id", flat=True)):
        ids.update(documents_in_collection(collection_id))
    return sorted(ids)


@dataclass
class Owner:
    site: Site
    agency: str | None
    agency_name: str | None


@dataclass
class Context:
    """What building many documents shares: read once for a rebuild or a sync."""

    visibility: Visibility
    owners: dict[str, Owner]  # collection path -> the agency whose collection it is
    default: Owner | None
    usage: dict[int, list[dict]] = field(default_factory=dict)  # document id -> used_on
    page_sites: dict[int, list[int]] = field(default_factory=dict)
    cited: dict[int, list[str]] = field(default_factory=dict)  # document id -> number keys
    hidden_use: set[int] = field(default_factory=set)  # used by pages, none of them public

    def owner(self, collection_path: str) -> Owner | None:
        for length in range(len(collection_path), 0, -Collection.steplen):
            found = self.owners.get(collection_path[:length])
            if found:
                return found
        return self.default


def _owners() -> tuple[dict[str, Owner], Owner | None]:
    """The agencies' collections (those their editorial groups hold permissions on, as
    `sites.provisioning` grants them), by path."""
    agencies = {
        agency.pk: agency
        for agency in Agency.objects.filter(site__isnull=False).select_related("site")
    }
    rows = GroupCollectionPermission.objects.filter(group__agency_role__isnull=False)
    owners = {}
    for path, agency_id in rows.values_list("collection__path", "group__agency_role__agency_id"):
        agency = agencies.get(agency_id)
        if agency is not None:
            owners.setdefault(path, Owner(agency.site, agency.slug, agency.name))
    default_site = Site.objects.filter(is_default_site=True).first()
    default = None
    if default_site is not None:
        portal = next((a for a in agencies.values() if a.site_id == default_site.pk), None)
        default = Owner(default_site, portal and portal.slug, portal and portal.name)
    return owners, default


def _type_label(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return f"{model._meta.app_label}.{model.__name__}" if model else ""


def build_context(document_ids: Iterable[int] | None = None) -> Context:
    """Owners, and the public pages using each of `document_ids` (None: every document)."""
    visibility = Visibility.anonymous()
    owners, default = _owners()
    context = Context(visibility, owners, default)
    using = _pages_using(document_ids)
    page_ids = {pk for pks in using.values() for pk in pks}
    pages = visibility.filter_pages(Page.objects.filter(pk__in=page_ids))
    public = {page.pk: page for page in pages.order_by("path")}
    url_cache = SimpleNamespace()
    # Of two sites on one root page, the last in `Site.objects`' order, as this always took.
    roots = SiteRoots.above((page.path for page in public.values()), last_wins=True)
    slugs = dict(Agency.objects.filter(site__isnull=False).values_list("site_id", "slug"))
    components = defaultdict(list)
    forms = DossierComponent.objects.filter(page_id__in=public, form_template__isnull=False)
    for document_id, page_id, name in forms.values_list("form_template_id", "page_id", "name"):
        components[(document_id, page_id)].append(normalise(name))
    legal = LegalDocumentPage.objects.filter(pk__in=public)
    numbers = {
        pk: document_number_keys(number, kind)
        for pk, number, kind in legal.values_list("pk", "number", "document_type")
    }
    for document_id, pks in using.items():
        entries, sites, cited = [], [], []
        for page in sorted((public[pk] for pk in pks if pk in public), key=lambda p: p.path):
            entry = {
                "id": page.pk,
                "title": normalise(page.title),
                "url": page.get_full_url(url_cache),
                "type": _type_label(page.content_type_id),
            }
            if names := components.get((document_id, page.pk)):
                entry["components"] = names
            holding = roots.holding(page.path)
            if holding:
                # Its own site, the nearest root: wards publish procedures of the same title.
                site = roots.site_of(page.path)
                entry["site"] = {
                    "slug": slugs.get(site.pk) or site.hostname,
                    "hostname": site.hostname,
                    "name": site.site_name or site.hostname,
                }
            entries.append(entry)
            sites += [holding_site.pk for holding_site in holding]
            cited += numbers.get(page.pk, [])
        if not entries:
            context.hidden_use.add(document_id)
        context.usage[document_id] = entries
        context.page_sites[document_id] = sites
        context.cited[document_id] = list(dict.fromkeys(cited))
    return context


def is_public(document: AbstractDocument, context: Context) -> bool:
    return context.visibility.media(document) and document.pk not in context.hidden_use


def public_documents(document_ids: Iterable[int] | None = None) -> QuerySet:
    """The documents (of `document_ids`, or all) whose collection the public may see,
    with their collection; `is_public` decides the rest."""
    rows = document_model().objects.select_related("collection")
    hidden = Visibility.anonymous().hidden_collections
    if hidden:
        rows = rows.exclude(collection_id__in=hidden)
    if document_ids is not None:
        rows = rows.filter(pk__in=list(document_ids))
    return rows.order_by("pk")


def source_of(document: AbstractDocument) -> str:
    """Which file the text was read from: its hash when Wagtail computed one, its name."""
    return (document.file_hash or f"name:{document.file.name}")[:255]


def refresh_text(document: AbstractDocument) -> DocumentText:
    """The document's text, read from its file (bounded, `search.extraction`) unless the
    text of this very file is kept already."""
    kept = DocumentText.objects.filter(document=document).first()
    if kept is not None and kept.source == source_of(document):
        return kept
    result = extraction.extract_file(document.file, document.file.name)
    kept, _ = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "source": source_of(document),
            "status": result.status,
            "text": result.text,
            "detail": result.detail,
            "seconds": result.seconds,
        },
    )
    return kept


def file_size(document: AbstractDocument) -> int | None:
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:  # the file is gone from the storage
        return None


def _summary(used_on: list[dict]) -> str:
    """What the file is, in words: the form of which dossier component of which procedure,
    or the pages it is attached to (each named once: a procedure of many wards)."""
    forms = [
        f"Mẫu đơn, tờ khai: {name} – {entry['title']}"
        for entry in used_on
        for name in entry.get("components", [])
    ]
    if forms:
        return "; ".join(list(dict.fromkeys(forms))[:SUMMARY_PAGES])
    if used_on:
        titles = dict.fromkeys(entry["title"] for entry in used_on)
        return f"Tệp đính kèm của: {'; '.join(list(titles)[:SUMMARY_PAGES])}"
    return ""


def build_document(document: AbstractDocument, text: DocumentText | None, context: Context):
    """The index body of a public document (fields: `search.documents.ContentDocument`)."""
    owner = context.owner(document.collection.path)
    used_on = context.usage.get(document.pk, [])
    extension = extraction.extension_of(document.file.name)
    is_form = any(entry.get("components") for entry in used_on)
    keywords = " ".join(
        part
        for part in (
            KIND_WORDS,
            FORM_WORDS if is_form else "",
            extension.upper(),
            owner.agency_name if owner else "",
        )
        if part
    )
    size = file_size(document)
    site = owner.site if owner else None
    when: date | datetime | None = document.created_at
    # Found from its owner's site and from every site whose pages use it.
    site_ids = [site.pk] if site else []
    site_ids = list(dict.fromkeys([*site_ids, *context.page_sites.get(document.pk, [])]))
    source = source_fields(
        document_id=document.pk,
        type=TYPE,
        content_type=CONTENT_TYPE,
        **text_fields(
            document.title, _summary(used_on), text.text if text is not None else "", keywords
        ),
        cited_keys=context.cited.get(document.pk, []),
        url=f"{site.root_url}{document.url}" if site else document.url,
        site_id=site_ids,
        site_slug=(owner.agency or site.hostname) if site else None,
        site_hostname=site.hostname if site else None,
        site_name=(site.site_name or site.hostname) if site else None,
        agency=owner.agency if owner else None,
        file_name=document.filename,
        file_type=extension,
        file_size=size,
        text_status=text.status if text is not None else None,
        used_on=used_on,
        date=when,
        year=when.year if when else None,
    )
    source["content_hash"] = content_hash(source)
    return source


def searchable_documents(
    document_ids: Iterable[int] | None = None,
) -> Iterator[tuple[AbstractDocument, DocumentText | None, Context]]:
    """(document, its kept text, the shared context) of each document that belongs in the
    index (of `document_ids`, or all)."""
    ids = list(document_ids) if document_ids is not None else None
    context = build_context(ids)
    documents = [d for d in public_documents(ids) if is_public(d, context)]
    texts = DocumentText.objects.in_bulk([d.pk for d in documents])
    for document in documents:
        yield document, texts.get(document.pk), context


def read_texts(document_ids: Iterable[int] | None = None) -> int:
    """Read and keep the text of each document that belongs in the index (of
    `document_ids`, or all) whose file has not been read yet; how many were read."""
    count = 0
    for document, text, _context in searchable_documents(document_ids):
        if text is None or text.source != source_of(document):
            refresh_text(document)
            count += 1
    return count


def count_searchable() -> int:
    """How many document records a rebuild writes."""
    return sum(1 for _found in searchable_documents())
