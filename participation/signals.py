"""Signals other apps listen to (the API's caches): a comment approved or rejected changes
what its consultation page shows."""

from django.dispatch import Signal

# sender=Comment, instance=the comment
comment_moderated = Signal()
