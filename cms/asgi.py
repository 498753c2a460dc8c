import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_asgi_application()

from cms.heap import freeze_startup_objects  # noqa: E402 - needs Django set up

freeze_startup_objects()
