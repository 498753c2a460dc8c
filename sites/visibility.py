"""The one rule of what the public sees, used wherever output is made.

A page is public when it is live, lies below a site's root page (reachable) and neither it
nor a page above it has a view restriction the caller does not pass. An image or a document
is public when neither its collection nor one above it has a view restriction the caller
does not pass. The API, the HTML front-end, the rich text links, the search documents and the
webhooks all ask a `Visibility`; a reference that is not public is left out
(docs/security.md, "Only public things reach the public").

A `Visibility` reads the restrictions and the site roots once (two or three small queries)
and then answers for loaded objects without a query; ids are checked in batches.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from .roots import ancestor_paths

_REQUEST_ATTRIBUTE = "_public_visibility"


@dataclass(frozen=True)
class OutsideSites:
    """The pages below no site's root, in as few filters as the tree allows: the pages above
    the roots (by id) and the subtrees beside them (by path prefix). With every site's home
    under the tree's root, that is the root and the odd page beside the homes, however many
    sites there are; a filter naming every site's root grew with them (docs/site-lookups.md)."""

    above_ids: tuple[int, ...]
    beside_paths: tuple[str, ...]


def outside_sites(site_paths: Iterable[str]) -> OutsideSites:
    """One query: the children of the pages above the roots (and the tree's top pages)."""
    roots = frozenset(site_paths)

    def below_a_root(path: str) -> bool:
        return any(prefix in roots for prefix in ancestor_paths(path))

    above = {
        prefix for path in roots for prefix in ancestor_paths(path)[:-1] if not below_a_root(prefix)
    }
    step = Page.steplen
    children = [Q(path__startswith=path, depth=len(path) // step + 1) for path in above]
    rows = Page.objects.filter(reduce(or_, children, Q(depth=1))).values_list("pk", "path")
    return OutsideSites(
        above_ids=tuple(sorted(pk for pk, path in rows if path in above)),
        beside_paths=tuple(sorted(p for _pk, p in rows if p not in above and p not in roots)),
    )


class Visibility:
    """What one caller may see: `Visibility.for_request(request)` (restrictions the visitor
    passed count: a password entered, a login) or `Visibility.anonymous()`."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request
        self._page_restrictions: list[PageViewRestriction] | None = None
        self._hidden_paths: tuple[str, ...] | None = None
        self._site_paths: tuple[str, ...] | None = None
        self._site_path_set: frozenset[str] | None = None
        self._outside_sites: OutsideSites | None = None
        self._hidden_collections: frozenset[int] | None = None
        self._known: dict[tuple[str, int], bool] = {}

    @classmethod
    def anonymous(cls) -> "Visibility":
        return cls(None)

    @classmethod
    def for_request(cls, request: HttpRequest | None) -> "Visibility":
        """The request's visibility, built once per request."""
        if request is None:
            return cls.anonymous()
        visibility = getattr(request, _REQUEST_ATTRIBUTE, None)
        if visibility is None:
            visibility = cls(request)
            setattr(request, _REQUEST_ATTRIBUTE, visibility)
        return visibility

    @classmethod
    def for_context(cls, context: Mapping | None) -> "Visibility":
        """From a serializer's or a template's context (its `request`, if any)."""
        request = context.get("request") if context is not None else None
        return cls.for_request(request)

    def preload(
        self,
        *,
        page_restrictions: list[PageViewRestriction] | None = None,
        site_paths: Iterable[str] | None = None,
        outside: OutsideSites | None = None,
        hidden_paths: tuple[str, ...] | None = None,
        hidden_collections: frozenset[int] | None = None,
    ) -> None:
        """Tables the caller already holds (the API keeps them per content version), not to
        be read again; `outside` with the `site_paths` it was made of; `hidden_*` only for
        a caller who passes no restriction."""
        if page_restrictions is not None:
            self._page_restrictions = page_restrictions
        if site_paths is not None:
            self._site_paths = tuple(site_paths)
            self._site_path_set = None
            self._outside_sites = outside
        if hidden_paths is not None:
            self._hidden_paths = hidden_paths
        if hidden_collections is not None:
            self._hidden_collections = hidden_collections

    # What is hidden, read once.

    def _passes(self, restriction) -> bool:
        return self.request is not None and restriction.accept_request(self.request)

    @property
    def page_restrictions(self) -> list[PageViewRestriction]:
        if self._page_restrictions is None:
            self._page_restrictions = list(PageViewRestriction.objects.select_related("page"))
        return self._page_restrictions

    @property
    def hidden_paths(self) -> tuple[str, ...]:
        """Tree paths of the restricted pages the caller does not pass."""
        if self._hidden_paths is None:
            self._hidden_paths = tuple(
                restriction.page.path
                for restriction in self.page_restrictions
                if not self._passes(restriction)
            )
        return self._hidden_paths

    @property
    def site_paths(self) -> tuple[str, ...]:
        if self._site_paths is None:
            self._site_paths = tuple(Site.objects.values_list("root_page__path", flat=True))
        return self._site_paths

    @property
    def outside_sites(self) -> OutsideSites:
        if self._outside_sites is None:
            self._outside_sites = outside_sites(self.site_paths)
        return self._outside_sites

    @property
    def hidden_collections(self) -> frozenset[int]:
        """Ids of the collections (with those below them) the caller may not see."""
        if self._hidden_collections is None:
            paths = [
                restriction.collection.path
                for restriction in CollectionViewRestriction.objects.select_related("collection")
                if not self._passes(restriction)
            ]
            below = reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))
            ids = Collection.objects.filter(below).values_list("pk", flat=True) if paths else []
            self._hidden_collections = frozenset(ids)
        return self._hidden_collections

    # Answers for loaded objects (no query once the above are read).

    def page_path_is_public(self, path: str) -> bool:
        return self._below_a_site_root(path) and not path.startswith(self.hidden_paths)

    def _below_a_site_root(self, path: str) -> bool:
        # Along the path's ancestors, not a test of every site's root.
        if self._site_path_set is None:
            self._site_path_set = frozenset(self.site_paths)
        return any(prefix in self._site_path_set for prefix in ancestor_paths(path))

    def page(self, page: Page) -> bool:
        return bool(page.live) and self.page_path_is_public(page.path)

    def media(self, obj: AbstractImage | AbstractDocument) -> bool:
        return obj.collection_id not in self.hidden_collections

    def allows(self, obj: Model | None) -> bool:
        """Whether `obj` (a page, an image, a document) may be shown; other objects are not
        this rule's concern and pass."""
        if obj is None:
            return False
        if isinstance(obj, Page):
            return self.page(obj)
        if isinstance(obj, AbstractImage | AbstractDocument):
            return self.media(obj)
        return True

    def public(self, obj: Model | None) -> Model | None:
        """`obj` when it may be shown, else None."""
        return obj if self.allows(obj) else None

    # Querysets and ids, in batches.

    def filter_pages(self, queryset: QuerySet, site: Site | None = None) -> QuerySet:
        """`queryset` (of pages) narrowed to the public ones; to those of `site` if given."""
        queryset = queryset.filter(live=True)
        for path in self.hidden_paths:
            queryset = queryset.exclude(path__startswith=path)
        if site is not None:
            return queryset.filter(path__startswith=site.root_page.path)
        if not self.site_paths:
            return queryset.none()
        # Plain id and prefix filters: Wagtail's search backends translate them, not
        # expressions.
        outside = self.outside_sites
        if outside.above_ids:
            queryset = queryset.exclude(id__in=outside.above_ids)
        for path in outside.beside_paths:
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def public_ids(self, model: type[Model], ids: Iterable[int | str]) -> set[int]:
        """Which of `ids` (of pages, images or documents of `model`) are public: one query
        for the ids not asked before."""
        kind = "page" if issubclass(model, Page) else model._meta.label_lower
        wanted = {int(pk) for pk in ids if str(pk).isdigit()}
        unknown = [pk for pk in wanted if (kind, pk) not in self._known]
        if unknown:
            for pk in unknown:
                self._known[(kind, pk)] = False
            if kind == "page":
                rows = Page.objects.filter(pk__in=unknown, live=True).values_list("pk", "path")
                for pk, path in rows:
                    self._known[(kind, pk)] = self.page_path_is_public(path)
            else:
                rows = model._default_manager.filter(pk__in=unknown).values_list(
                    "pk", "collection_id"
                )
                for pk, collection_id in rows:
                    self._known[(kind, pk)] = collection_id not in self.hidden_collections
        return {pk for pk in wanted if self._known[(kind, pk)]}


def deleted_with_a_page(origin) -> bool:
    """Whether a delete signal's `origin` is the deletion of a page (or pages): the view
    restrictions deleted with them change nothing the page's own delete does not."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return isinstance(model, type) and issubclass(model, Page)
