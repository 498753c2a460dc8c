"""The explorer's cells drawn once per state and kept in this process.

Drawing a row of the explorer costs about 2 ms of Django template rendering (its title cell
with buttons and menu, status, date), most of an explorer request. Each cell here is keyed by
everything its template reads, worked out for this request: the page's own values (title,
live, status, lock, children, URL), the user's answers on it (whether they may edit it, which
buttons they get: what Wagtail's own button hooks ask of the permission tester, or the buttons
themselves when other hooks add some), the language, the time zone and, for the date, the
"… ago" text. Nothing is keyed by a version or invalidated: a publish, an edit, a lock, a
move, a workflow step or a change of permissions changes what the key is made of, so the next
request looks up another key. Two users share a cell only when everything it shows for them is
the same, and then so is its HTML.

The keys follow Wagtail's templates as of REVIEWED_WAGTAIL: with another Wagtail, or with any
of those templates changed or overridden, cells are drawn as Wagtail draws them (and
tests/editorial/test_explorer_rows.py fails until the keys are reviewed again).
"""

import copy
import hashlib
import logging
import threading
from collections.abc import Callable, Hashable, Iterable
from functools import cache

import wagtail
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin import wagtail_hooks as admin_hooks
from wagtail.admin.templatetags.wagtailadmin_tags import (
    page_listing_buttons,
    test_page_is_public,
    timesince_simple,
)
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    NavigateToChildrenColumn,
    PageStatusColumn,
    PageTitleColumn,
    PageTypeColumn,
)
from wagtail.admin.widgets.button import (
    BaseButton,
    Button,
    ButtonWithDropdown,
    ButtonWithDropdownFromHook,
    ListingButton,
)
from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import pageurl

from sites.roots import indexed_root_paths

logger = logging.getLogger(__name__)

REVIEWED_WAGTAIL = "8.0.1"
# Every template a cell below draws, directly or through an include, tag or button.
CELL_TEMPLATES = (
    "wagtailadmin/bulk_actions/listing_checkbox_cell.html",
    "wagtailadmin/pages/listing/_page_title_cell.html",
    "wagtailadmin/pages/listing/_page_title_explore.html",
    "wagtailadmin/pages/listing/_privacy_indicator.html",
    "wagtailadmin/pages/listing/_locked_indicator.html",
    "wagtailadmin/shared/buttons.html",
    "wagtailadmin/shared/button.html",
    "wagtailadmin/pages/listing/_button_with_dropdown.html",
    "wagtailadmin/shared/button_with_dropdown.html",
    "wagtailadmin/shared/dropdown/dropdown.html",
    "wagtailadmin/shared/icon.html",
    "wagtailadmin/tables/date_cell.html",
    "wagtailadmin/shared/human_readable_date.html",
    "wagtailadmin/tables/cell.html",
    "wagtailadmin/pages/listing/_page_status_cell.html",
    "wagtailadmin/shared/page_status_tag.html",
    "wagtailadmin/shared/status_tag.html",
    "wagtailadmin/pages/listing/_navigation_explore.html",
)
# sha256 of those templates' sources as REVIEWED_WAGTAIL ships them (templates_digest()).
REVIEWED_DIGEST = "3a6beeec7554c494d1d94376d5a0d7fcfb463d48f27f8fe62efdd8229a283b9a"

# A title cell is some 2–3 kB, the others under 1 kB: some 15 MB a process at most.
LIMIT = 10000


def templates_digest() -> str:
    """The digest of the cell templates as this process resolves them (an override counts)."""
    digest = hashlib.sha256()
    for name in CELL_TEMPLATES:
        digest.update(name.encode() + b"\0" + get_template(name).template.source.encode() + b"\0")
    return digest.hexdigest()


@cache
def reviewed() -> bool:
    """Whether the keys below were written for the Wagtail and templates this process runs."""
    if wagtail.__version__ != REVIEWED_WAGTAIL or templates_digest() != REVIEWED_DIGEST:
        logger.warning("explorer cells drawn without the memo: Wagtail or its templates changed")
        return False
    return True


def enabled() -> bool:
    """EDITORIAL_ROW_MEMO = False in the settings draws every cell as Wagtail does."""
    return getattr(settings, "EDITORIAL_ROW_MEMO", True) and reviewed()


class CellMemo:
    """Drawn cells under their keys, at most `limit` of them (all dropped past it: keys of
    states gone by are never asked again)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._cells: dict[Hashable, SafeString] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, draw: Callable[[], SafeString]) -> SafeString:
        html = self._cells.get(key)
        if html is None:
            html = draw()
            with self._lock:
                if len(self._cells) >= self.limit:
                    self._cells.clear()
                self._cells[key] = html
        return html

    def clear(self) -> None:
        with self._lock:
            self._cells.clear()

    def __len__(self) -> int:
        return len(self._cells)


MEMO = CellMemo(LIMIT)


class MemoCellMixin:
    """For a column: its cells drawn through MEMO, under `cell_key` (None: drawn as usual)."""

    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        raise NotImplementedError

    def render_cell_html(self, instance: Page, parent_context) -> SafeString:
        if not enabled():
            return super().render_cell_html(instance, parent_context)
        key = self.cell_key(instance, parent_context)
        if key is None:
            return super().render_cell_html(instance, parent_context)
        key = (type(self).__qualname__, self.name, self.classname, get_language(), *key)
        draw = super().render_cell_html
        return MEMO.get(key, lambda: draw(instance, parent_context))


def _button_key(button: BaseButton) -> tuple | None:
    """What button.html or button_with_dropdown.html reads of a button; None for a kind of
    button whose drawing may read more (another class or template)."""
    kind = type(button)
    if kind in (Button, ListingButton, BaseButton):
        if button.template_name != BaseButton.template_name:
            return None
        return (
            kind.__name__,
            bool(button.show),
            str(button.label),
            None if button.url is None else str(button.url),
            str(button.classname),
            button.icon_name,
            str(button.base_attrs_string),
        )
    if kind in (ButtonWithDropdownFromHook, ButtonWithDropdown):
        if button.template_name != kind.template_name:
            return None
        children = tuple(_button_key(child) for child in sorted(button.dropdown_buttons))
        if None in children:
            return None
        return (
            kind.__name__,
            bool(button.show),
            str(button.label),
            str(button.aria_label),
            str(button.classname),
            button.icon_name,
            str(button.base_attrs_string),
            children,
        )
    return None


# What Wagtail's own listing buttons ask the permission tester (wagtail.admin.wagtail_hooks).
WAGTAIL_BUTTON_QUESTIONS = (
    "can_edit",
    "can_add_subpage",
    "can_move",
    "can_copy",
    "can_delete",
    "can_unpublish",
    "can_view_revisions",
    "can_reorder_children",
)


def _only_wagtails_buttons(request: HttpRequest) -> bool:
    """Whether only Wagtail's own hooks choose a row's buttons; asked once per request."""
    try:
        return request._editorial_only_wagtails_buttons
    except AttributeError:
        request._editorial_only_wagtails_buttons = (
            hooks.get_hooks("register_page_listing_buttons") == [admin_hooks.page_listing_buttons]
            and hooks.get_hooks("register_page_listing_more_buttons")
            == [admin_hooks.page_listing_more_buttons]
            and not hooks.get_hooks("construct_page_listing_buttons")
        )
        return request._editorial_only_wagtails_buttons


def _buttons_key(page: Page, request: HttpRequest, next_url: str | None) -> tuple | None:
    """The buttons of a row as `{% page_listing_buttons %}` chooses them."""
    next_url = next_url or request.path
    if _only_wagtails_buttons(request):
        # Wagtail's "more" menu, from what its items ask (building them costs 0.4 ms a row):
        # the page's title (the menu's label), live URL and draft, the user's answers.
        perms = page.permissions_for_user(request.user)
        return (
            "wagtail",
            next_url,
            page.get_admin_display_title(),
            page.url if page.live else None,
            bool(page.has_unpublished_changes and page.is_previewable()),
            *(getattr(perms, question)() for question in WAGTAIL_BUTTON_QUESTIONS),
        )
    if hooks.get_hooks("construct_page_listing_buttons"):
        return None  # such a hook may read anything from the template's context
    chosen = page_listing_buttons({"request": request}, page, request.user, next_url=next_url)
    keys = tuple(_button_key(button) for button in chosen["buttons"])
    return None if None in keys else keys


class MemoPageTitleColumn(MemoCellMixin, PageTitleColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        request = parent_context["request"]
        user = request.user
        buttons = _buttons_key(instance, request, parent_context.get("actions_next_url"))
        if buttons is None:
            return None
        site_root = instance.is_site_root()
        perms = parent_context.get("perms")
        site_perms = (
            tuple(bool(perms and perms["wagtailcore"][name]) for name in SITE_PERMS)
            if site_root
            else None
        )
        show_locale = bool(parent_context.get("show_locale_labels"))
        parent = getattr(instance, "annotated_parent_page", None)
        return (
            instance.pk,
            site_root,
            site_perms,
            instance.is_leaf(),
            instance.get_admin_display_title(),
            instance.permissions_for_user(user).can_edit(),
            str(instance.locale.get_display_name()) if show_locale else None,
            test_page_is_public({"request": request}, instance),
            bool(instance.locked),
            instance.locked_by_id == user.pk,
            None if parent is None else (parent.pk, parent.get_admin_display_title()),
            buttons,
        )


SITE_PERMS = ("add_site", "change_site", "delete_site")


class MemoPageStatusColumn(MemoCellMixin, PageStatusColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        live = bool(instance.live)
        url = pageurl({"request": parent_context.get("request")}, instance) if live else None
        return (live, str(instance.status_string), url)


class MemoDateColumn(MemoCellMixin, DateColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        value = self.get_value(instance)
        if value is None:
            return (None,)
        # "… ago" moves on with the clock: the text is part of the key. A cell drawn just as
        # it changed is kept under the earlier text, which no later request asks again.
        return (
            type(value).__name__,
            value,
            timezone.get_current_timezone_name(),
            str(timesince_simple(value)),
        )


class MemoPageTypeColumn(MemoCellMixin, PageTypeColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        value = self.get_value(instance)
        return (type(value).__name__, str(value))


class MemoNavigateToChildrenColumn(MemoCellMixin, NavigateToChildrenColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        navigable = instance.is_navigable()
        may_add = (
            None
            if navigable
            else instance.permissions_for_user(parent_context["request"].user).can_add_subpage()
        )
        return (instance.pk, instance.get_admin_display_title(), navigable, may_add)


class MemoBulkActionsColumn(MemoCellMixin, BulkActionsColumn):
    def cell_key(self, instance: Page, parent_context) -> tuple | None:
        return (self.obj_type, instance.pk, bool(instance.live))


def share_site_root_paths(pages: Iterable[Page], request: HttpRequest) -> None:
    """Each row's "view live" button asks `page.url`, which reads every site's root path from
    the cache (unpickled, some 0.2 ms) for each page, then tests each: the request's one
    reading serves all, each page given the root paths of its own sites."""
    paths = indexed_root_paths(request)
    for page in pages:  # the listing's page, already read
        # Wagtail's own per-object memo, which its URL methods read without a request.
        page._wagtail_cached_site_root_paths = paths.relevant(page.url_path)


MEMO_COLUMNS: dict[type, type] = {
    BulkActionsColumn: MemoBulkActionsColumn,
    PageTitleColumn: MemoPageTitleColumn,
    DateColumn: MemoDateColumn,
    PageTypeColumn: MemoPageTypeColumn,
    PageStatusColumn: MemoPageStatusColumn,
    NavigateToChildrenColumn: MemoNavigateToChildrenColumn,
}


def memo_column(column: BaseColumn) -> BaseColumn:
    """The same column (same name, label, sort key, width, class) with its cells kept; a
    column of another kind as it is."""
    memo_class = MEMO_COLUMNS.get(type(column))
    if memo_class is None:
        return column
    memo = copy.copy(column)
    memo.__class__ = memo_class
    memo.header = Column.Header(memo)  # the header draws its own column
    return memo
