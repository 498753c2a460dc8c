from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    LAW = "luat", _("Luật")
    DECREE = "nghi_dinh", _("Nghị định")
    DECISION = "quyet_dinh", _("Quyết định")
    CIRCULAR = "thong_tu", _("Thông tư")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    PLAN = "ke_hoach", _("Kế hoạch")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    NOTICE = "thong_bao", _("Thông báo")
    OTHER = "khac", _("Khác")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "con_hieu_luc", _("Còn hiệu lực")
    PARTLY_EXPIRED = "het_hieu_luc_mot_phan", _("Hết hiệu lực một phần")
    EXPIRED = "het_hieu_luc", _("Hết hiệu lực")


class RelationType(models.TextChoices):
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    GUIDED_BY = "guided_by", _("Được hướng dẫn bởi")
    GUIDES = "guides", _("Hướng dẫn")
