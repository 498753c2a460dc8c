from .agencies import Agency, AgencyGroup, SiteScopedModel
from .site_settings import SiteSettings

__all__ = ["Agency", "AgencyGroup", "SiteScopedModel", "SiteSettings"]
