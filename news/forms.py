"""Admin forms: categories limited to the article's own site; portal features limited to
live public news of every site, labelled with the site they come from."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from sites.references import ReferenceCheckedPageForm

from .snippets import NewsCategory


class NewsPageForm(ReferenceCheckedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self._page_site()
        if "categories" in self.fields and site is not None:
            self.fields["categories"].queryset = NewsCategory.objects.filter(site=site)

    def _page_site(self) -> Site | None:
        if self.instance.pk:
            return self.instance.get_site()
        if self.parent_page is not None:
            return self.parent_page.get_site()
        return None


class LivePageChoiceField(forms.ModelChoiceField):
    """Choices labelled "title — site name"; the sites are looked up once, not per page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._site_roots: list[tuple[str, str]] | None = None

    def label_from_instance(self, obj) -> str:
        if self._site_roots is None:
            self._site_roots = [
                (site.root_page.path, site.site_name or site.hostname)
                for site in Site.objects.select_related("root_page")
            ]
        site_name = next((name for path, name in self._site_roots if obj.path.startswith(path)), "")
        return f"{obj.title} — {site_name}" if site_name else obj.title


class PortalFeatureForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import NewsPage  # the models module imports this one

        self.fields["news_page"] = LivePageChoiceField(
            queryset=NewsPage.objects.live().public().order_by("-published_at"),
            label=_("tin bài"),
            help_text=_("Chỉ hiện những tin đã xuất bản và công khai của mọi trang thành phần."),
        )

    def save(self, commit: bool = True):
        if self.instance.featured_by_id is None and self.for_user is not None:
            self.instance.featured_by = self.for_user
        return super().save(commit=commit)
