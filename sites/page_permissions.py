"""Page permissions as Wagtail's, asked cheaply in listings: the explorer and the choosers ask
a dozen questions of every row (one per button), each through a new PagePermissionTester, and
an editor's "may I delete or move this page?" costs a query per row."""

from wagtail.models import PagePermissionTester


class LeafAwarePagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk: bool = False) -> bool:
        """Wagtail's answer. For a page without children, whose only descendant is itself, it
        comes from the page's own row instead of a query on its (inclusive) descendants."""
        user, page = self.user, self.page
        if page.numchild or self.page_is_root or not user.is_active or user.is_superuser:
            return super().can_delete(ignore_bulk)
        if "change" in self.permissions:
            return "publish" in self.permissions or not page.live
        if "add" in self.permissions:
            owned = page.owner_id == user.pk
            return owned if "publish" in self.permissions else owned and not page.live
        return False


class PagePermissionsMixin:
    """For page models: one permission tester per user and page object (its questions are
    answered from the user's cached permissions and the page's row), leaf-aware."""

    def permissions_for_user(self, user) -> PagePermissionTester:
        testers = self.__dict__.setdefault("_permission_testers", {})
        key = (user.pk, user.is_active, self.path)
        if key not in testers:
            testers[key] = LeafAwarePagePermissionTester(user, self)
        return testers[key]

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_permission_testers", None)  # per request; never cached or copied along
        return state
