"""The page explorer with its add button labelled by what it adds ("Viết tin mới" in a news
section, "Thêm trang con" elsewhere) and an empty section that says what to do next; and a
create view that answers a slug taken meanwhile with the form, not a server error."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from .review import specific_tasks
from .rows import memo_column, share_site_root_paths
from .services import TASKS


def share_specific_tasks(pages) -> None:
    """The current task of every listed page in review, read as its specific type in one
    query: each row's buttons ask it whether the page is locked (a query per row)."""
    tasks = [
        state.current_task_state.task
        for page in pages
        for state in getattr(page, "_current_workflow_states", [])
        if state.current_task_state is not None
    ]
    by_pk = specific_tasks({task.pk for task in tasks})
    for task in tasks:
        task.__dict__["specific"] = by_pk.get(task.pk, task)  # Task.specific's cached value


def add_label(parent: Page) -> str:
    """The task that adds a child to `parent`: a section's own ("Viết tin mới"), or the
    generic one."""
    for _page, section_label, label, _icon in TASKS:
        try:
            section_model = apps.get_model(section_label)
        except LookupError:
            continue
        if isinstance(parent, section_model):
            return str(label)
    return str(_("Add child page"))


class TaskFirstExplorableIndexView(ExplorableIndexView):
    results_template_name = "editorial/explorer/index_results.html"
    # Wagtail lists 50 pages at a time; each row (its buttons and menu) costs some 3 ms to
    # draw, so a news section of an agency took 200 ms to show. 25, as Wagtail's page
    # chooser shows: the latest news fill the screen, the rest is a page or a search away.
    paginate_by = 25

    # The explorer never shows the parent column (ExplorableIndexView drops it), yet its
    # presence made Wagtail read every row's parent on each listing (about 10 ms of the
    # request); a search still reads them, for the rows found outside this section.
    # Each cell is drawn once per state and kept in the process (editorial.rows): drawing
    # the rows was most of the request.
    base_columns = [
        memo_column(column)
        for column in ExplorableIndexView.base_columns
        if column.name != "parent"
    ]

    @cached_property
    def explorable_columns(self):
        return [memo_column(column) for column in super().explorable_columns]

    @cached_property
    def add_button(self):
        if self.add_url:
            return HeaderButton(
                add_label(self.parent_page), url=self.add_url, icon_name="plus", classname="bicolor"
            )
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        share_specific_tasks(context["object_list"])
        share_site_root_paths(context["object_list"], self.request)
        context["add_label"] = add_label(self.parent_page)
        context["add_url"] = self.add_url
        return context


class RaceSafeCreateView(CreateView):
    """Two submissions of one new page at once (an autosave and the editor's own save, or a
    double click) both pass the form's slug check; Wagtail then saves the second into a
    taken slug, and the tree's own check raises ValidationError, a 500 (reported upstream:
    docs/admin.md). Answer with the form and its error instead."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class EditorialPageViewSet(PageViewSet):
    """Wagtail's default page views, with the explorer above; registered after Wagtail's own,
    so that it serves every page type without a viewset of its own."""

    model = Page
    name = "editorial_pages"
    index_view_class = TaskFirstExplorableIndexView
    add_view_class = RaceSafeCreateView
