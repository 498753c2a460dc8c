from .agencies import Agency, AgencyGroup, SiteScopedModel
from .reorganisation import Reorganisation, RetiredHostname
from .site_settings import SiteSettings

__all__ = [
    "Agency",
    "AgencyGroup",
    "Reorganisation",
    "RetiredHostname",
    "SiteScopedModel",
    "SiteSettings",
]
