"""Choice lists shared by the procedure models, the importer and the filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Cấp thực hiện. The keys are the ones used by the national database and the importer."""

    MINISTRY = "bo", _("Cấp bộ")
    PROVINCE = "tinh", _("Cấp tỉnh")
    COMMUNE = "xa", _("Cấp xã")


# Level key -> the boolean field that stores it (booleans filter the same way on SQLite
# and PostgreSQL, unlike ArrayField or JSON containment).
LEVEL_FIELDS: dict[str, str] = {
    Level.MINISTRY: "level_ministry",
    Level.PROVINCE: "level_province",
    Level.COMMUNE: "level_commune",
}


class OnlineLevel(models.TextChoices):
    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    NONE = "khong", _("Không trực tuyến")


class ProcedureStatus(models.TextChoices):
    IN_FORCE = "con_hieu_luc", _("Còn hiệu lực")
    REPLACED = "da_thay_the", _("Đã được thay thế")
    REPEALED = "bai_bo", _("Đã bãi bỏ")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "ngay_lam_viec", _("ngày làm việc")
    DAYS = "ngay", _("ngày")
    HOURS = "gio", _("giờ")
    MONTHS = "thang", _("tháng")
