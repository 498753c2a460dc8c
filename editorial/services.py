"""What an editor's day starts from: the pages they write, where they go, and where uploads land."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Page, Site
from wagtail.permissions import policy_registry

from sites.provisioning import DOCUMENTS_COLLECTION, IMAGES_COLLECTION
from sites.queries import sites_for_user

# The pages an agency publishes every week, each under its section of the site
# (sites.provisioning.SECTIONS): (page type, its section's type, the task, its icon).
TASKS = [
    ("news.NewsPage", "news.NewsIndexPage", _("Viết tin mới"), "doc-full"),
    ("procedures.ProcedurePage", "procedures.ProcedureIndexPage", _("Thêm thủ tục"), "list-ul"),
    (
        "legaldocs.LegalDocumentPage",
        "legaldocs.LegalDocumentIndexPage",
        _("Đăng văn bản"),
        "doc-full-inverse",
    ),
]
# The child collections of an agency's collection (sites.provisioning).
UPLOAD_COLLECTIONS = {
    "wagtailimages.image": IMAGES_COLLECTION,
    "wagtaildocs.document": DOCUMENTS_COLLECTION,
}


@dataclass(frozen=True)
class QuickAction:
    label: str
    url: str
    icon: str
    section: Page  # where the new page goes


@dataclass(frozen=True)
class SiteActions:
    site: Site
    actions: list[QuickAction]


def working_sites(user: AbstractBaseUser) -> QuerySet[Site]:
    """The sites whose editors the user is among: superusers work on the portal (the default
    site) unless they also belong to an agency's groups."""
    if user.is_superuser:
        return Site.objects.filter(is_default_site=True)
    return sites_for_user(user)


def _section(site: Site, model: type[Page]) -> Page | None:
    root = site.root_page
    return (
        model.objects.descendant_of(root, inclusive=False).order_by("path").first()
        if root is not None
        else None
    )


def quick_actions(user: AbstractBaseUser) -> list[SiteActions]:
    """For each of the user's sites, the tasks they may do there, each opening the editor of
    a new page in that site's section ("Viết tin mới" → a news item under its "Tin tức")."""
    result = []
    for site in working_sites(user).select_related("root_page").order_by("site_name"):
        actions = []
        for page_label, section_label, label, icon in TASKS:
            try:
                page_model = apps.get_model(page_label)
                section = _section(site, apps.get_model(section_label))
            except LookupError:
                continue
            if section is None or not page_model.can_create_at(section):
                continue
            if not section.permissions_for_user(user).can_add_subpage():
                continue
            url = reverse(
                "wagtailadmin_pages:add",
                args=(page_model._meta.app_label, page_model._meta.model_name, section.pk),
            )
            actions.append(QuickAction(label=str(label), url=url, icon=icon, section=section))
        if actions:
            result.append(SiteActions(site=site, actions=actions))
    return result


def upload_collection(user: AbstractBaseUser, model: type[Model]) -> Collection | None:
    """Where the user's uploads of `model` (images, documents) go by default: the "Hình ảnh"
    or "Tài liệu" collection of their agency, when they have exactly one such to add to."""
    name = UPLOAD_COLLECTIONS.get(model._meta.label_lower)
    if name is None or user.is_superuser:
        return None
    policy = policy_registry.get_by_type(model)
    permitted = policy.collections_user_has_permission_for(user, "add")
    # Permissions are granted on the agency's collection and cover its children.
    candidates = [
        child
        for collection in permitted
        for child in collection.get_descendants(inclusive=True).filter(name=name)
    ]
    unique = {collection.pk: collection for collection in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None
