"""The server's entry points freeze what start-up built (cms.heap), so that the cycle
collector's full passes no longer walk every model, view and admin object: those passes
were pauses of some 150 ms under load. Run in a subprocess, as a server imports them."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import gc, json, sys
import {module}
print(json.dumps({{
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "views": [name for name in ("wagtail.admin.views.pages.listing", "api.views.pages")
              if name in sys.modules],
}}))
"""


@pytest.mark.parametrize("module", ["cms.wsgi", "cms.asgi"])
def test_entry_point_freezes_startup_objects(module):
    import json

    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # The views were imported before freezing: they are among the frozen objects.
    assert found["views"] == ["wagtail.admin.views.pages.listing", "api.views.pages"]
    assert found["frozen"] > 100_000
    assert found["tracked"] < found["frozen"] / 10
