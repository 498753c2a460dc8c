"""The page chooser widget of the admin forms, showing a live page by its published title."""

from wagtail.admin.widgets import AdminPageChooser


class LiveTitlePageChooser(AdminPageChooser):
    """A chosen page that is live is shown by its published title, not by the title of a
    draft not yet published: that may be another agency's page, whose drafts are its own
    business (the chooser's lists do the same, `sites.admin_overrides.LiveTitles`)."""

    def get_display_title(self, instance) -> str:
        return instance.title if instance.live else super().get_display_title(instance)
