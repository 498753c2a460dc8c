"""The page explorer with its add button labelled by what it adds ("Viết tin mới" in a news
section, "Thêm trang con" elsewhere) and an empty section that says what to do next."""

from django.apps import apps
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from .services import TASKS


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

    @cached_property
    def add_button(self):
        if self.add_url:
            return HeaderButton(
                add_label(self.parent_page), url=self.add_url, icon_name="plus", classname="bicolor"
            )
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["add_label"] = add_label(self.parent_page)
        context["add_url"] = self.add_url
        return context


class EditorialPageViewSet(PageViewSet):
    """Wagtail's default page views, with the explorer above; registered after Wagtail's own,
    so that it serves every page type without a viewset of its own."""

    model = Page
    name = "editorial_pages"
    index_view_class = TaskFirstExplorableIndexView
