"""Provisioning many agency sites at once, with the same result as the one-site service.

`provision_agency_site` makes one site in ~830 queries. Here a batch of new agencies is
written with a constant number of statements: ids reserved up front, treebeard paths worked
out in Python, rows inserted with COPY or bulk_create. What the one-site service gets from
signal handlers (Wagtail's log entries, revisions and search index rows, the search sync
tasks, the API's response versions, the site caches) is done once for the batch.

Agencies that already exist (to be completed) and the default site go through the one-site
service, in the order of the specs, so the tree is the same as provisioning one by one.
"""

from .service import provision_agency_sites
from .specs import BatchProvisioningError, RowError, SiteSpec

__all__ = ["BatchProvisioningError", "RowError", "SiteSpec", "provision_agency_sites"]
