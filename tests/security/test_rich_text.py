"""Script and event handlers in an imported HTML article do not survive into the API's rich
text or the rendered page."""

import pytest
from django.core.management import call_command

from news.models import NewsPage
from tests.sites.conftest import make_agency

pytestmark = pytest.mark.django_db

ARTICLE = """<html><body><article>
<h1>Tin có mã độc</h1>
<time datetime="2024-05-01T08:00:00+07:00">01/05/2024</time>
<p>Đoạn một <script>alert('xss')</script><img src=x onerror="alert(1)"></p>
<p onclick="alert(2)">Đoạn hai <a href="javascript:alert(3)">liên kết</a></p>
<figure><img src="javascript:alert(4)" alt="ảnh"><figcaption>Chú thích</figcaption></figure>
</article></body></html>"""

DANGEROUS = ["<script", "onerror", "onclick", "javascript:"]


def test_imported_html_reaches_the_api_and_the_page_without_script(client, tmp_path):
    agency = make_agency("sxd", "Sở Xây dựng")
    path = tmp_path / "tin.html"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("import_news", str(path), "--site", "sxd", verbosity=0)
    page = NewsPage.objects.get(title="Tin có mã độc")
    host = {"host": agency.site.hostname}
    api = client.get(f"/api/v2/pages/{page.pk}/", headers=host).content.decode()
    html = client.get(page.url, headers=host).content.decode()
    assert "Đoạn một" in api and "Đoạn một" in html
    for needle in DANGEROUS:
        assert needle not in api
        assert needle not in html
