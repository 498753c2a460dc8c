"""The pages endpoint: Wagtail's, scoped by `site=` as well as Host, with content filters."""

import threading
from collections import OrderedDict
from functools import cache, lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import JSONField, QuerySet, TextField
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.utils import page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from home.blocks import API_RENDITIONS
from home.bundled import bundle
from home.compiled import MARKER, CompiledQuery
from home.renditions import read_renditions
from news.models import NewsPage
from procedures.models import ProcedurePage

from ..caching import is_cacheable
from ..errors import bad_request
from ..fields import AbsoluteImageRenditionField, SitePageSerializer
from ..filters import ContentFilter, FieldsFilter, all_filter_params
from ..listing import compiled_listing
from ..pagination import ids_query, window_query
from ..scoping import public_pages, requested_site
from ..site_data import moved_page_url
from ..tables import KeptPerVersion, visibility
from .base import DETAIL_PARAMETERS, APIViewSetMixin

# The foreign keys the API shows (listings and details), joined instead of one query each,
# and the images among them, whose renditions a response reads in one cache read.
JOINED = {NewsPage: ["featured_image"], ProcedurePage: ["sector"]}
IMAGES = {NewsPage: "featured_image"}
# Columns a listing reads only when it shows them: a page type's text, JSON and stream
# columns (most of a row's width), and Wagtail's editorial bookkeeping on every page.
HEAVY_FIELDS = (TextField, JSONField, StreamField)
EDITORIAL_PAGE_FIELDS = (
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "translation_key",
    "seo_title",
    "search_description",
    "show_in_menus",
)


class PagesViewSet(APIViewSetMixin, PagesAPIViewSet):
    base_serializer_class = SitePageSerializer
    filter_backends = [
        FieldsFilter,
        ContentFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(all_filter_params())
    detail_query_parameters = DETAIL_PARAMETERS | {"site"}
    meta_fields = [*PagesAPIViewSet.meta_fields, "site"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "site"]
    # A linked page (parent, legal basis, replaced by…) is a link: it needs its address.
    nested_default_fields = [*PagesAPIViewSet.nested_default_fields, "html_url"]

    @cached_property
    def scope_site(self):
        """The addressed site; None means all sites (`site=*`)."""
        return requested_site(self.request)

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents it, which makes Python's JSON encoder fall back from
        # its C implementation to a pure-Python one (and the response a third larger).
        return {**super().get_renderer_context(), "indent": None}

    def get_root_page(self):
        if self.scope_site is None:
            raise bad_request(_("child_of=root cần một trang thông tin cụ thể, không dùng site=*."))
        return self.scope_site.root_page

    def get_base_queryset(self):
        return public_pages(self.request, self.scope_site)

    def get_serializer_context(self):
        # Wagtail puts the base queryset in every serializer's context for its parent field,
        # which SitePageParentField replaces: built only if something asks for it. The
        # fields' public checks need the tables this process keeps per version.
        visibility(self.request)
        context = super(PagesAPIViewSet, self).get_serializer_context()
        context["base_queryset"] = SimpleLazyObject(self.get_base_queryset)
        return context

    def get_queryset(self):
        if self.request.GET.get("type") == "":
            raise bad_request(
                _("Tham số type để trống: bỏ nó đi hoặc ghi loại trang, ví dụ type=news.NewsPage.")
            )
        # Built once per request (a listing asks for it again to pick its serializer).
        if not hasattr(self, "_queryset"):
            self._queryset = self._build_queryset()
        return self._queryset

    def _build_queryset(self):
        # One page type: its own queryset under the same public conditions (Wagtail selects
        # it by `pk IN (the public pages)`, a subquery PostgreSQL plans on every request).
        try:
            models = page_models_from_string(self.request.GET.get("type") or "") or ()
        except (LookupError, ValueError):
            models = ()  # Wagtail's own get_queryset answers 400
        if len(models) == 1:
            queryset = public_pages(self.request, self.scope_site, models[0])
        else:
            queryset = super().get_queryset()
        return _joined(queryset)

    def get_serializer_class(self):
        # Asked for twice per listing (for the columns it shows, then for the serializer).
        if not hasattr(self, "_serializer_class"):
            self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def filter_queryset(self, queryset):
        # A listing's filters and window, compiled once per shape when they can be.
        if getattr(self, "action", None) == "listing_view":
            listing = compiled_listing(self, self.request, queryset, window_query, ids_query)
            if listing is not None:
                return listing
        return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        if isinstance(rows, QuerySet):
            rows = list(self.shape_rows(rows))
        # A list of pages (search results are neither a list nor a queryset).
        return self._with_renditions(rows) if isinstance(rows, list) else rows

    def shape_rows(self, rows: QuerySet) -> QuerySet:
        """A listing's rows without the columns the response does not show: the text and
        JSON columns of the page type's own table (steps, bodies: read, decompressed and
        parsed for nothing) and Wagtail's editorial columns (EDITORIAL_PAGE_FIELDS: a dozen
        values to convert and set on every object)."""
        if rows.model is Page:
            return rows
        shown = set(self.get_serializer_class().Meta.fields)
        unshown = [
            field.name
            for field in rows.model._meta.local_concrete_fields
            if isinstance(field, HEAVY_FIELDS) and field.name not in shown
        ]
        unshown += [name for name in EDITORIAL_PAGE_FIELDS if name not in shown]
        if "locale" in shown:  # its language code, read with the rows
            rows = rows.select_related("locale")
        return rows.defer(*unshown)

    def _with_renditions(self, pages: list) -> list:
        """Read the renditions the response shows of the pages' images (IMAGES), all in one
        cache read."""
        serializer_class = self.get_serializer_class()
        image_field = IMAGES.get(serializer_class.Meta.model)
        if image_field is None:
            return pages
        specs = [
            field.filter_spec
            for field in serializer_class._declared_fields.values()
            if isinstance(field, AbsoluteImageRenditionField) and field.source == image_field
        ]
        if image_field in serializer_class.Meta.fields:
            specs += API_RENDITIONS.values()  # its nested representation
        images = [image for page in pages if (image := getattr(page, image_field))]
        read_renditions(images, *dict.fromkeys(specs))
        return pages

    def get_object(self):
        """The public page at `pk`, specific, with the foreign keys it shows, in one query
        once this process knows the page's type (Wagtail reads the base page, then the
        specific page, then each key)."""
        if not hasattr(self, "_cached_object"):
            page = self._find_public_page(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
            if page is None:
                raise Http404("not found")
            self.check_object_permissions(self.request, page)
            self._cached_object = page  # before: the serializer class is chosen by its type
            self._with_renditions([page])
        return self._cached_object

    def _find_public_page(self, pk: int) -> Page | None:
        plain = set(self.request.GET) <= self.detail_query_parameters
        compiled = plain and is_cacheable(self.request)
        model = _page_types.get(pk)
        if model is None:
            # A page this process has not served yet: its type first (a public one only).
            if compiled:
                type_ids = _public_type_query(self.request, self.scope_site).fetch(pk)
            else:
                queryset = self.filter_queryset(self.get_queryset())
                type_ids = queryset.filter(pk=pk).values_list("content_type_id", flat=True)[:1]
            if not type_ids:
                return None
            model = ContentType.objects.get_for_id(type_ids[0]).model_class()
            if model is None:  # a page type whose app is gone
                return None
            _page_types[pk] = model
            if not compiled:  # found among the public pages just now
                return _joined(model._default_manager.filter(pk=pk)).first()
        if compiled:
            found = _public_page_query(self.request, self.scope_site, model).fetch(pk)
            return found[0] if found else None
        if plain:
            candidates = public_pages(self.request, self.scope_site, model)
        else:
            # The request's filters, applied to the public pages as Wagtail applies them.
            queryset = self.filter_queryset(self.get_queryset())
            candidates = model._default_manager.filter(pk__in=queryset.filter(pk=pk))
        return _joined(candidates.filter(pk=pk)).first()

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        for name, serializer in overrides.items():
            if type(serializer) is ImageRenditionField:
                overrides[name] = AbsoluteImageRenditionField(
                    serializer.filter_spec, serializer.preserve_svg, source=serializer.source
                )
        return overrides

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        # The same request shape gets the same class: Wagtail builds a new one (and its nested
        # ones) for every request.
        key = (cls, router, model, _hashable(fields_config), show_details, nested)
        return _serializer_class(key)

    @classmethod
    def _build_serializer_class(cls, key):
        _cls, router, model, fields_config, show_details, nested = key
        return super()._get_serializer_class(
            router, model, _listed(fields_config), show_details=show_details, nested=nested
        )

    def find_view(self, request):
        try:
            return super().find_view(request)
        except Http404:
            # An old address (a moved page, a merged site): where its redirect leads.
            if "html_path" not in request.GET or self.scope_site is None:
                raise
            url = moved_page_url(
                request, request.wagtailapi_router, self.scope_site, request.GET["html_path"]
            )
            if url is None:
                raise
            query = request.GET.copy()
            for name in ("html_path", "site"):
                query.pop(name, None)
            separator = "&" if "?" in url else "?"
            extra = f"{separator}{query.urlencode()}" if query else ""
            return HttpResponsePermanentRedirect(url + extra)

    def find_object(self, queryset, request):
        if "html_path" not in request.GET:
            return super(PagesAPIViewSet, self).find_object(queryset, request)
        if self.scope_site is None:
            raise bad_request(_("find cần một trang thông tin cụ thể, không dùng site=*."))
        return find_by_html_path(queryset, request, self.scope_site)


def find_by_html_path(queryset, request, site):
    """The public page at `html_path` on `site`, routed the way the site serves it."""
    components = [part for part in request.GET["html_path"].split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.specific.route(request, components)
    except Http404:
        return None
    return page if queryset.filter(pk=page.pk).exists() else None


class _PageTypes:
    """Page id → page model, the most recently used kept: a page never changes its type."""

    LIMIT = 50_000

    def __init__(self):
        self._models: OrderedDict[int, type] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, pk: int) -> type | None:
        with self._lock:
            model = self._models.get(pk)
            if model is not None:
                self._models.move_to_end(pk)
            return model

    def __setitem__(self, pk: int, model: type) -> None:
        with self._lock:
            self._models[pk] = model
            if len(self._models) > self.LIMIT:
                self._models.popitem(last=False)


_page_types = _PageTypes()


# Anonymous callers' detail lookups, compiled once per content version, site and page type:
# the public conditions are the same for every anonymous caller under one version.
_public_page_queries: KeptPerVersion[CompiledQuery] = KeptPerVersion(2000)


def _public_page_query(request, site, model) -> CompiledQuery:
    """The public page of type `model` on `site` (None: any site) by id."""

    def build() -> CompiledQuery:
        queryset = public_pages(request, site, model).filter(pk=MARKER).order_by()
        return CompiledQuery(_joined(bundle(queryset, _relations(model))))

    return _public_page_queries.get(request, (site.pk if site else None, model), build)


def _public_type_query(request, site) -> CompiledQuery:
    """The type (content type id) of the public page on `site` (None: any site) by id."""

    def build() -> CompiledQuery:
        queryset = public_pages(request, site).filter(pk=MARKER).order_by()
        return CompiledQuery(queryset.values_list("content_type_id", flat=True))

    return _public_page_queries.get(request, (site.pk if site else None, "type"), build)


@cache
def _relations(model) -> list[str]:
    """The inline children, many-to-many relations and tags among a page type's API fields:
    a detail reads them with the page (home.bundled)."""
    names = []
    for api_field in getattr(model, "api_fields", None) or ():
        try:
            field = model._meta.get_field(api_field.name)
        except FieldDoesNotExist:
            continue  # a property
        if field.one_to_many or field.many_to_many:
            names.append(api_field.name)
    return names


def _joined(queryset):
    related = JOINED.get(queryset.model)
    return queryset.select_related(*related) if related else queryset


def _hashable(fields_config):
    return tuple(
        (name, negated, _hashable(sub) if sub else sub) for name, negated, sub in fields_config
    )


def _listed(fields_config):
    return [(name, negated, _listed(sub) if sub else sub) for name, negated, sub in fields_config]


@lru_cache(maxsize=512)
def _serializer_class(key):
    """Serializer classes by request shape (a bad shape raises, and nothing is kept)."""
    return key[0]._build_serializer_class(key)
