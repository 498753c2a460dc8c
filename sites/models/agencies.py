"""Agencies (cơ quan) and what belongs to one agency's site."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..snippet_forms import SiteScopedSnippetForm


class Agency(models.Model):
    """A government body with a component site: the portal, a department, a commune or ward.

    Agencies merge, rename and close; a closed one keeps its record (and history) and points
    at its successor instead of being deleted.
    """

    class Kind(models.TextChoices):
        PORTAL = "portal", _("Cổng thông tin tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        COMMUNE_WARD = "commune_ward", _("Xã, phường")
        OTHER = "other", _("Khác")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        MERGED = "merged", _("Đã hợp nhất")
        DISSOLVED = "dissolved", _("Đã giải thể")

    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    slug = models.SlugField(
        _("mã định danh"),
        max_length=50,
        unique=True,
        help_text=_("Dùng trong tên miền và tên tài khoản, ví dụ: sxd."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Cơ quan tiếp nhận chức năng khi cơ quan này hợp nhất hoặc giải thể."),
    )
    site = models.OneToOneField(
        Site,
        verbose_name=_("trang thông tin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agency",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyGroup(models.Model):
    """Ties a Django group to the agency and editorial role it was provisioned for.

    Group names are for people; this link is what permission checks rely on, so renaming an
    agency or a group never widens anyone's access.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("Biên tập viên")
        CHIEF_EDITOR = "chief", _("Trưởng ban biên tập")
        SITE_ADMIN = "admin", _("Quản trị trang")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="groups")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="agency_role")

    class Meta:
        verbose_name = _("nhóm biên tập")
        verbose_name_plural = _("nhóm biên tập")
        constraints = [
            models.UniqueConstraint(fields=["agency", "role"], name="unique_agency_role"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.get_role_display()}"


class SiteScopedModel(models.Model):
    """A snippet that belongs to one site (e.g. a news category).

    Register it with `sites.views.SiteScopedSnippetViewSet` so that editors only list,
    choose and edit the objects of the sites they work on.
    """

    site = models.ForeignKey(
        Site, verbose_name=_("trang thông tin"), on_delete=models.CASCADE, related_name="+"
    )

    base_form_class = SiteScopedSnippetForm

    class Meta:
        abstract = True
