"""Who did what, confined to the user's agency: the site-history report and the people the
page listings' filters offer.

Wagtail shows a non-superuser every log entry of a model they hold any permission on (so
another agency's snippet and media edits, by name), and its page listings' "owner" and
"edited by" filters offer every owner and editor of the whole tree, and the "site" filter
every site of the installation (fifty checkboxes drawn on each explorer page for an agency
editor who can only ever pick their own).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q, QuerySet, Value
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry, Site
from wagtail.permissions import policy_registry

# Any of these on an object lets its log entries show (the user may act on it).
OBJECT_ACTIONS = ["change", "delete", "choose", "publish", "view"]
PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def _permitted_ids(model, user) -> list[str]:
    """String ids of the objects of `model` the user may act on, as its permission policy
    says (site-scoped snippets: the user's sites; media: their collections)."""
    policy = policy_registry.get_by_type(model)
    permitted = policy.instances_user_has_any_permission_for(user, OBJECT_ACTIONS)
    return [str(pk) for pk in permitted.values_list("pk", flat=True)]


def viewable_log_entries(log_model, user) -> QuerySet:
    """Wagtail's `viewable_by_user`, and for entries of other models than pages only those
    about objects the user may act on (their agency's snippets, media, users)."""
    entries = log_model.objects.viewable_by_user(user)
    if user.is_superuser or issubclass(log_model, PageLogEntry):
        return entries
    allowed = Q(pk__in=[])
    for content_type_id in entries.get_content_type_ids():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        ids = _permitted_ids(model, user) if model is not None else []
        if ids:
            allowed |= Q(content_type_id=content_type_id, object_id__in=ids)
    return entries.filter(allowed)


def history_users(user) -> QuerySet:
    User = get_user_model()
    ids = set()
    for log_model in log_action_registry.get_log_entry_models():
        ids |= viewable_log_entries(log_model, user).get_user_ids()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class ConfinedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_user_choices(self):
        return history_users(self.request.user)

    def get_users_queryset(self):
        return history_users(self.request.user)


class ConfinedLogEntriesView(LogEntriesView):
    """Reports → Site history, with `viewable_log_entries` for every log model."""

    filterset_class = ConfinedSiteHistoryFilterSet

    def get_filtered_queryset(self):
        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            sub_queryset = (
                viewable_log_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        return queryset.order_by("-timestamp")


def _explorable(user) -> QuerySet:
    return policy_registry.get_by_type(Page).explorable_instances(user)


def page_owners(request) -> QuerySet:
    """The owners of the pages the user may explore."""
    owners = _explorable(request.user).order_by().values("owner_id")
    return get_user_model().objects.filter(pk__in=owners)


def page_editors(request) -> QuerySet:
    """The people who edited the pages the user may explore."""
    edits = PageLogEntry.objects.filter(
        action="wagtail.edit", page__in=_explorable(request.user).values("pk")
    )
    return get_user_model().objects.filter(pk__in=edits.order_by().values("user_id"))


def page_sites(request) -> QuerySet:
    """The sites whose home page the user holds a page permission on."""
    if request.user.is_superuser:
        return Site.objects.all()
    permitted = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        request.user, PAGE_ACTIONS
    )
    return Site.objects.filter(root_page__in=permitted.values("pk"))


def confine_page_filters() -> None:
    """Point the "owner", "edited by" and "site" filters of Wagtail's page listings
    (explorer, page type listings, form pages: every PageFilterSet shares these filter
    objects) at the people and sites of the user's own pages. Fails loudly if an upgrade
    stops sharing them."""
    confined = (("owner", page_owners), ("edited_by", page_editors), ("site", page_sites))
    for name, queryset in confined:
        shared = PageFilterSet.base_filters[name]
        for subclass in _filterset_subclasses(PageFilterSet):
            if subclass.base_filters.get(name) not in (None, shared):
                raise RuntimeError(f"{subclass.__name__}.{name} no longer shares its filter")
        shared.queryset = queryset


def _filterset_subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _filterset_subclasses(subclass)
