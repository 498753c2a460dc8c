"""The sites app's own signals, for the apps that keep something per page or per site to
hook into without the sites app importing them."""

from django.dispatch import Signal

# Sent in the transaction of each bulk-provisioning batch (sites.bulk_provisioning) with
# `pages`, the pages it created live. Rows written in bulk send no page_published: each
# receiver does for the batch what its page_published handler does for one page.
pages_bulk_published = Signal()

# Sent once after every batch, still in the transaction, with `pages`: each receiver does
# once what its handlers of page_published and of Site and Agency post_save do after every
# save (response versions, CDN purge, caches of sites).
sites_bulk_provisioned = Signal()
