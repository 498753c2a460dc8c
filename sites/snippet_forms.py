from wagtail.admin.forms import WagtailAdminModelForm

from .queries import sites_for_user


class SiteScopedSnippetForm(WagtailAdminModelForm):
    """Offers only the editor's own sites, and picks it when there is just one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        field.queryset = sites_for_user(self.for_user)
        if not self.instance.pk and field.queryset.count() == 1:
            field.initial = field.queryset.get().pk
