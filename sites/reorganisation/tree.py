"""Where a source site's pages go on the target site, and the paths they leave behind."""

from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from ..provisioning import SECTIONS


def site_root_url(hostname: str, port: int) -> str:
    """The root URL of a site not created yet, as Wagtail will give it."""
    return Site(hostname=hostname, port=port).root_url


def relative_path(page: Page, root: Page) -> str:
    """`page`'s path on the site whose root is `root` ("/" for the root)."""
    return page.url_path[len(root.url_path) - 1 :]


def old_path(page: Page, root: Page) -> str:
    """The form of `page`'s path that Wagtail stores in a redirect."""
    return Redirect.normalise_path(relative_path(page, root))


class TargetSections:
    """The target site's top-level pages by (type, slug), real or (for a new site) the
    standard sections provisioning will create."""

    def __init__(self, site: Site | None) -> None:
        self.site = site
        self.sections: list[tuple[str, str, Page | None]] = []
        if site is not None:
            for child in site.root_page.get_children().specific(defer=True):
                self.sections.append((child.specific_class._meta.label, child.slug, child))
        else:
            for label, _title, slug in SECTIONS:
                try:
                    apps.get_model(label)
                except LookupError:
                    continue
                self.sections.append((label, slug, None))

    def match(self, section: Page) -> tuple[str, Page | None] | None:
        """The target section for a source section: same type and slug, else the only
        section of that type; None when the source section has no counterpart."""
        label = section.specific_class._meta.label
        same_type = [(slug, page) for kind, slug, page in self.sections if kind == label]
        for slug, page in same_type:
            if slug == section.slug:
                return slug, page
        return same_type[0] if len(same_type) == 1 else None

    def slugs_under(self, parent_slug: str | None) -> set[str]:
        """Slugs already used under a target section (None: under the root)."""
        if parent_slug is None:
            return {slug for _kind, slug, _page in self.sections}
        page = next((p for _k, slug, p in self.sections if slug == parent_slug), None)
        if page is None:
            return set()
        return set(page.get_children().values_list("slug", flat=True))
