"""Where citizens' attachments are kept: outside MEDIA_ROOT, so no web server serves them;
only the handling agency downloads them, through the admin (participation.admin_views)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def private_storage() -> Storage:
    return FileSystemStorage(location=settings.PARTICIPATION["PRIVATE_ROOT"], base_url=None)
