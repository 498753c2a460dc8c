"""The API's response cache while the editors publish (issue #23): readers on every site at
once, one publish a second spread over all sites, on a server whose responses are versioned
per site and, for comparison, on one keyed by the database's single content version (the
design before it).

Each answer is classed by what happened since the same URL was last answered: if its site
had a publish in between, a miss is expected (the answer may have changed); every other
answer is "other sites' traffic", and the share of those answered from the cache is the hit
ratio reported. Among the answers whose site had a publish, the details of the pages that
were not published are counted apart: versioned per page, they stay cached."""

import http.client
import random
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.test.utils import override_settings
from wagtail.models import Site

from api.caching import PAGE_DETAIL
from news.models import NewsPage

PUBLISH_INTERVAL = 1.0  # seconds between publishes
READERS = 4  # connections reading at once
KEY_PREFIX = "cms-bench-versions"


@dataclass
class Answer:
    site_id: int
    path: str
    sent: float
    received: float
    x_cache: str
    status: int


@contextmanager
def servers_cache(redis_url: str, key_prefix: str = KEY_PREFIX):
    """This process's cache made the servers' one (same Redis, same key prefix), so that its
    publishes move the versions the servers read, as an app server's or a worker's would."""
    caches = {
        "default": {
            "BACKEND": "cms.redis_cache.SharedClientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": key_prefix,
        }
    }
    with override_settings(CACHES=caches, API_CACHE={**settings.API_CACHE, "SITE_VERSIONS": True}):
        yield


def _read(port: int, urls: list[tuple[int, str, str]], until: float, seed: int, out: list):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < until:
        site_id, host, path = rng.choice(urls)
        sent = time.monotonic()
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        response.read()
        x_cache = response.getheader("X-Cache", "")
        out.append(Answer(site_id, path, sent, time.monotonic(), x_cache, response.status))
    connection.close()


def _publish_one(page_id: int) -> None:
    page = NewsPage.objects.get(pk=page_id)
    page.title = f"{page.title.split(' capnhat')[0][:200]} capnhat{uuid.uuid4().hex[:8]}"
    page.save_revision().publish()


def news_by_site(limit: int = 20) -> dict[int, list[int]]:
    """Some live news pages of each site, to publish again."""
    found: dict[int, list[int]] = {}
    for site in Site.objects.select_related("root_page"):
        ids = NewsPage.objects.live().descendant_of(site.root_page).values_list("pk", flat=True)
        ids = list(ids.order_by("pk")[:limit])
        if ids:
            found[site.pk] = ids
    return found


def classify(
    answers: list[Answer], publishes: list[tuple[int, int, float, float]]
) -> dict[str, float]:
    """Counts and ratios: an answer is "expected to miss" when its site had a publish (from
    its start to its return, when it had committed) after the same URL's previous answer;
    of those, a detail of a page that was not published is counted apart too."""
    by_site: dict[int, list[tuple[int, float, float]]] = {}
    for site_id, page_id, start, end in publishes:
        by_site.setdefault(site_id, []).append((page_id, start, end))
    last: dict[tuple[int, str], float] = {}
    hit_other = miss_other = expected = hits = details = detail_hits = 0
    for answer in sorted(answers, key=lambda a: a.sent):
        key = (answer.site_id, answer.path)
        previous = last.get(key)
        last[key] = answer.received
        if previous is None:
            continue  # the first answer of a URL in the run: nothing to compare with
        published = {
            page_id
            for page_id, start, end in by_site.get(answer.site_id, ())
            if start <= answer.received and end > previous
        }
        hit = answer.x_cache == "HIT"
        hits += hit
        if published:
            expected += 1
            detail = PAGE_DETAIL.match(answer.path.partition("?")[0])
            if detail and int(detail[1]) not in published:
                details += 1
                detail_hits += hit
        elif hit:
            hit_other += 1
        else:
            miss_other += 1
    other = hit_other + miss_other
    counted = other + expected
    return {
        "errors": sum(answer.status != 200 for answer in answers),
        "answers": len(answers),
        "publishes": len(publishes),
        "other": other,
        "other_hits": hit_other,
        "other_ratio": hit_other / other if other else 0.0,
        "changed": expected,
        "all_ratio": hits / counted if counted else 0.0,
        "site_details": details,
        "site_details_ratio": detail_hits / details if details else 0.0,
    }


def measure(
    port: int,
    urls: list[tuple[int, str, str]],
    seconds: float,
    seed: int,
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """Readers on `urls` (site id, host, path) against the server on `port` for `seconds`,
    while this process publishes a page a second, each time on the next site in turn."""
    pages = news_by_site()
    sites = [site_id for site_id in sorted(pages) if any(url[0] == site_id for url in urls)]
    rng = random.Random(seed)
    answers: list[Answer] = []
    publishes: list[tuple[int, int, float, float]] = []
    until = time.monotonic() + seconds
    readers = [
        threading.Thread(target=_read, args=(port, urls, until, seed + n, answers))
        for n in range(READERS)
    ]
    for reader in readers:
        reader.start()
    turn = 0
    while time.monotonic() + PUBLISH_INTERVAL < until:
        started = time.monotonic()
        site_id = sites[turn % len(sites)]
        page_id = rng.choice(pages[site_id])
        _publish_one(page_id)
        # The versions move when the publish commits, somewhere before it returns.
        publishes.append((site_id, page_id, started, time.monotonic()))
        turn += 1
        time.sleep(max(0.0, PUBLISH_INTERVAL - (time.monotonic() - started)))
    for reader in readers:
        reader.join()
    found = classify(answers, publishes)
    log(
        f"  {found['answers']} answers, {found['publishes']} publishes: other sites' traffic "
        f"{found['other_ratio']:.1%} from the cache ({found['other']} answers), the same "
        f"site's other details {found['site_details_ratio']:.1%} ({found['site_details']}), "
        f"all {found['all_ratio']:.1%}"
    )
    return found
