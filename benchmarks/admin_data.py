"""What the admin screens of the bench need on the first bench sites: an editor and a chief
editor in the site's groups, news items of the editor's waiting in the chief's review queue,
and images in the agency's "Hình ảnh" collection. Idempotent: a kept dataset that already
holds them is left alone.

The images are rows sharing the files of the bench's own images (`generator.IMAGES`): an
agency's library of a few hundred photos without writing a few hundred files."""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site, WorkflowState

from news.models import NewsIndexPage, NewsPage
from sites.models import AgencyGroup
from sites.provisioning import IMAGES_COLLECTION, agency_media_collection

ROLES = {"editor": AgencyGroup.Role.EDITOR, "chief": AgencyGroup.Role.CHIEF_EDITOR}
ADMIN_SITES = 8  # bench sites with editors: the first half with news in review
REVIEWS = 20  # news items in review on such a site
SITE_IMAGES = 150  # in each such site's "Hình ảnh"


def username(slug: str, role: str) -> str:
    return f"{slug}-{role}"


def admin_sites(sites: list[Site]) -> list[Site]:
    return sites[:ADMIN_SITES]


def review_sites(sites: list[Site]) -> list[Site]:
    """The admin sites whose chief has news waiting (at least one, even with few sites)."""
    chosen = admin_sites(sites)
    return chosen[: max(1, len(chosen) // 2)]


def _users(site: Site) -> dict[str, object]:
    slug = site.agency.slug
    users = {}
    for role, group_role in ROLES.items():
        user, created = get_user_model().objects.get_or_create(
            username=username(slug, role),
            defaults={"first_name": role},
        )
        if created:
            user.set_unusable_password()  # sessions are made by the harness
            user.save(update_fields=["password"])
        user.groups.add(AgencyGroup.objects.get(agency=site.agency, role=group_role).group)
        users[role] = user
    return users


def _reviews(site: Site, editor) -> None:
    """The editor's changes to the site's latest news items, sent for review."""
    news_index = NewsIndexPage.objects.child_of(site.root_page).get()
    workflow = site.root_page.get_workflow()
    waiting = WorkflowState.objects.active().filter(workflow=workflow)
    missing = REVIEWS - waiting.count()
    if missing <= 0:
        return
    busy = set(waiting.values_list("object_id", flat=True))
    candidates = NewsPage.objects.child_of(news_index).order_by("-path")
    for page in (p for p in candidates[: REVIEWS * 2] if str(p.pk) not in busy):
        if missing <= 0:
            break
        page.summary = f"{page.summary} (đã sửa, chờ duyệt)"
        page.save_revision(user=editor)
        workflow.start(page, editor)
        missing -= 1


def _images(site: Site, chief) -> None:
    image_model = get_image_model()
    collection = agency_media_collection(site.agency, IMAGES_COLLECTION)
    have = image_model.objects.filter(collection=collection).count()
    sources = list(image_model.objects.filter(title__startswith="Ảnh thử tải").order_by("pk"))
    image_model.objects.bulk_create(
        image_model(
            title=f"Ảnh {site.agency.name} {number + 1}",
            file=source.file.name,
            width=source.width,
            height=source.height,
            file_size=source.file_size,
            file_hash=source.file_hash,
            collection=collection,
            uploaded_by_user=chief,
        )
        for number, source in ((n, sources[n % len(sources)]) for n in range(have, SITE_IMAGES))
    )


@transaction.atomic
def ensure_admin_data(sites: list[Site]) -> None:
    """Editors, chiefs, reviews and images on the first `ADMIN_SITES` of `sites` (the bench
    sites in order)."""
    chosen = admin_sites(sites)
    reviewed = {site.pk for site in review_sites(sites)}
    for site in Site.objects.filter(pk__in=[s.pk for s in chosen]).select_related(
        "agency", "root_page"
    ):
        users = _users(site)
        if site.pk in reviewed:
            _reviews(site, users["editor"])
        _images(site, users["chief"])


def admin_pages(site: Site) -> dict[str, Page]:
    """The sections the bench's admin screens open on `site`."""
    from procedures.models import ProcedureIndexPage

    return {
        "news_index": NewsIndexPage.objects.child_of(site.root_page).get(),
        "procedure_index": ProcedureIndexPage.objects.child_of(site.root_page).get(),
    }
