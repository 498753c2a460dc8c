"""The state machine of the model-based consistency test (test_model_consistency.py).

Random operations on real pages, through Wagtail's own actions and the models' saves (as the
admin performs them): publish, unpublish, privacy on and off (a page or a whole section),
move to the other site, delete, scheduled go-live and expiry, snippet and agency renames, a
site's new hostname, and runs of the real task worker (whole or partial). Beside them, a
small model of what the public may see: a page is public when it is live and neither it nor
a section above it is restricted. Every page carries a word of its own, in its title and
body, so that a search tells whether the index shows it.
"""

import random
import string
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Revision, Site

from home.models import StandardPage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from procedures.models import ProcedureIndexPage, ProcedurePage, Sector
from sites.models import Agency
from workers import scheduling

from .conftest import run_worker

RESTRICTIONS = [
    {"restriction_type": "login"},
    {"restriction_type": "password", "password": "mat-khau"},
    {"restriction_type": "groups"},
]


@dataclass
class PageModel:
    pk: int
    kind: str  # "standard", "news", "procedure"
    word: str
    parent: int
    live: bool
    pending: str | None = None  # "go-live" or "expiry", done by the next whole worker run


@dataclass
class ModelWorld:
    """What the public should see, and the operations that change it."""

    rng: random.Random
    sections: dict[str, list[int]]  # kind -> the parent page of that kind on each site
    parents: dict[int, int | None]  # section or home -> its parent (None: a site's home)
    pages: dict[int, PageModel] = field(default_factory=dict)
    deleted: dict[int, PageModel] = field(default_factory=dict)
    restricted: set[int] = field(default_factory=set)
    log: list[str] = field(default_factory=list)
    counter: int = 0

    # The model.

    def ancestors(self, page: PageModel) -> list[int]:
        chain, node = [page.pk], page.parent
        while node is not None:
            chain.append(node)
            node = self.parents.get(node)
        return chain

    def is_public(self, page: PageModel) -> bool:
        return page.live and not self.restricted.intersection(self.ancestors(page))

    # The operations.

    def new_word(self) -> str:
        self.counter += 1
        letters = "".join(self.rng.choice(string.ascii_lowercase) for _ in range(6))
        return f"zq{letters}{self.counter}"

    def create(self, live: bool | None = None) -> PageModel:
        kind = self.rng.choice(["standard", "news", "procedure"])
        parent_pk = self.rng.choice(self.sections[kind])
        word = self.new_word()
        page = _new_page(kind, word, self.counter)
        live = self.rng.random() < 0.7 if live is None else live
        page.live = False  # a new page is a draft until published (Page.live defaults True)
        Page.objects.get(pk=parent_pk).specific.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        model = PageModel(page.pk, kind, word, parent_pk, live)
        self.pages[page.pk] = model
        return model

    def _pick(self, condition=lambda page: True) -> PageModel | None:
        choices = [p for p in self.pages.values() if p.pending is None and condition(p)]
        return self.rng.choice(choices) if choices else None

    def op_create(self) -> str:
        return f"create {self.create().pk}"

    def op_publish(self) -> str | None:
        page = self._pick()
        if page is None:
            return None
        specific = Page.objects.get(pk=page.pk).specific
        specific.title = f"Trang {page.word} sửa {self.rng.randint(1, 999)}"
        # As the editor's form requires: no go-live or expiry time already past.
        specific.go_live_at = specific.expire_at = None
        specific.save_revision().publish()
        page.live = True
        return f"publish {page.pk}"

    def op_unpublish(self) -> str | None:
        page = self._pick(lambda p: p.live)
        if page is None:
            return None
        Page.objects.get(pk=page.pk).specific.unpublish()
        page.live = False
        return f"unpublish {page.pk}"

    def op_privacy(self) -> str | None:
        targets = [*self.pages, *self.parents]
        target = self.rng.choice(targets)
        if target in self.restricted:
            PageViewRestriction.objects.filter(page_id=target).delete()
            self.restricted.discard(target)
            return f"privacy off {target}"
        PageViewRestriction.objects.create(page_id=target, **self.rng.choice(RESTRICTIONS))
        self.restricted.add(target)
        return f"privacy on {target}"

    def op_move(self) -> str | None:
        page = self._pick()
        if page is None:
            return None
        destination = next(pk for pk in self.sections[page.kind] if pk != page.parent)
        Page.objects.get(pk=page.pk).move(Page.objects.get(pk=destination), pos="last-child")
        page.parent = destination
        return f"move {page.pk} -> {destination}"

    def op_delete(self) -> str | None:
        page = self._pick()
        if page is None:
            return None
        Page.objects.get(pk=page.pk).specific.delete()
        self.deleted[page.pk] = self.pages.pop(page.pk)
        self.restricted.discard(page.pk)
        return f"delete {page.pk}"

    def op_schedule(self) -> str | None:
        page = self._pick()
        if page is None:
            return None
        specific = Page.objects.get(pk=page.pk).specific
        past = timezone.now() - timedelta(seconds=1)
        if page.live and self.rng.random() < 0.5:
            # Expiry: set an hour ahead, then the hour passes.
            specific.expire_at = timezone.now() + timedelta(hours=1)
            specific.save_revision().publish()
            Page.objects.filter(pk=page.pk).update(expire_at=past)
            page.pending = "expiry"
        else:
            specific.go_live_at = timezone.now() + timedelta(hours=1)
            revision = specific.save_revision()
            revision.publish()
            revision.content["go_live_at"] = past.isoformat()
            Revision.objects.filter(pk=revision.pk).update(
                content=revision.content, approved_go_live_at=past
            )
            page.pending = "go-live"
        return f"schedule {page.pending} {page.pk}"

    def op_rename(self) -> str:
        suffix = self.new_word()
        choice = self.rng.choice(["sector", "category", "agency"])
        if choice == "sector":
            sector = self.rng.choice(list(Sector.objects.all()))
            sector.name = f"Lĩnh vực {suffix}"
            sector.save()
            return f"rename sector {sector.pk}"
        if choice == "category":
            category = self.rng.choice(list(NewsCategory.objects.all()))
            category.name, category.slug = f"Chuyên mục {suffix}", suffix
            category.save()
            return f"rename category {category.pk}"
        agency = self.rng.choice(list(Agency.objects.all()))
        agency.name, agency.slug = f"Cơ quan {suffix}", suffix
        agency.save()
        return f"rename agency {agency.pk}"

    def op_hostname(self) -> str:
        site = self.rng.choice(list(Site.objects.filter(is_default_site=False)))
        site.hostname = f"{self.new_word()}.bacninh.localhost"
        site.save()
        return f"hostname {site.pk} {site.hostname}"

    def op_worker(self) -> str:
        if self.rng.random() < 0.5:
            return f"worker partial {run_worker(max_tasks=self.rng.randint(1, 5))}"
        return f"worker all {self.run_all()}"

    def run_all(self) -> int:
        """The minute's scheduled publishing, as a worker's clock queues it, then every
        ready task with the real worker (that run, then the syncs it queued)."""
        scheduling.publish_scheduled.enqueue()
        done = run_worker(max_tasks=2000)
        for page in self.pages.values():
            if page.pending == "go-live":
                page.live = True
            elif page.pending == "expiry":
                page.live = False
            page.pending = None
        return done

    OPERATIONS = [
        ("op_publish", 4),
        ("op_unpublish", 2),
        ("op_privacy", 3),
        ("op_move", 2),
        ("op_delete", 1),
        ("op_create", 2),
        ("op_schedule", 2),
        ("op_rename", 1),
        ("op_hostname", 1),
        ("op_worker", 2),
    ]

    def step(self) -> None:
        names, weights = zip(*self.OPERATIONS, strict=True)
        name = self.rng.choices(names, weights)[0]
        with transaction.atomic():
            done = getattr(self, name)()
        if done:
            self.log.append(done)


def _new_page(kind: str, word: str, number: int) -> Page:
    title, slug = f"Trang {word}", word
    body = [("paragraph", f"<p>Nội dung riêng {word} của trang.</p>")]
    if kind == "standard":
        return StandardPage(title=title, slug=slug, body=body)
    if kind == "news":
        page = NewsPage(title=title, slug=slug, summary=f"Tóm tắt {word}", body=body)
        page.categories = list(NewsCategory.objects.all()[:1])
        return page
    return ProcedurePage(
        title=title,
        slug=slug,
        code=f"9.{number:06d}",
        sector=Sector.objects.order_by("pk").first(),
        implementing_agency="UBND cấp xã",
        level_commune=True,
        applicants=f"Người dân {word}",
    )


def build_model_world(world, rng: random.Random, per_kind: int) -> ModelWorld:
    """Sections of each kind on both sites of the search tests' `world`, and `per_kind`
    pages of each kind to start with."""
    portal_news = world.portal.root_page.add_child(
        instance=NewsIndexPage(title="Tin tức Cổng", slug="tin-tuc-cong")
    )
    portal_news.save_revision().publish()
    agency_news = NewsIndexPage.objects.child_of(world.agency.root_page).get()
    procedure_indexes = [
        ProcedureIndexPage.objects.child_of(site.root_page).get()
        for site in (world.portal, world.agency)
    ]
    homes = [world.portal.root_page_id, world.agency.root_page_id]
    NewsCategory.objects.create(site=world.agency, name="Hoạt động", slug="hoat-dong")
    sections = {
        "standard": homes,
        "news": [portal_news.pk, agency_news.pk],
        "procedure": [index.pk for index in procedure_indexes],
    }
    parents = dict.fromkeys(homes)
    parents.update({pk: Page.objects.get(pk=pk).get_parent().pk for pk in sections["news"]})
    parents.update({pk: Page.objects.get(pk=pk).get_parent().pk for pk in sections["procedure"]})
    model = ModelWorld(rng=rng, sections=sections, parents=parents)
    for _ in range(per_kind * 3):
        model.create()
    return model
