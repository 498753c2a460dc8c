"""The admin screens an agency's editors open all day, as request sets for wrk (host, path,
session cookie) per screen and role, and their query counts (in-process, Django's test
client, one request after a warm-up one).

Each role's lines are spread over the editors (or chiefs) of several bench sites
(`admin_data.admin_sites`): wrk's connections are that many people working at once."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from news.models import NewsPage

from .admin_data import ROLES, admin_pages, admin_sites, review_sites, username
from .generator import bench_sites

# (name, title): every one measured for each role of admin_data.ROLES.
SCREENS = [
    ("dashboard", "Bảng điều khiển"),
    ("explorer", "Danh sách tin (mục Tin tức, mọi tin của trang)"),
    ("news_edit", "Sửa một tin"),
    ("procedures", "Danh sách thủ tục (mục Thủ tục hành chính)"),
    ("page_chooser", "Chọn trang (gốc và mục Tin tức)"),
    ("review_queue", "Bảng điều khiển có bài chờ duyệt"),
    ("image_chooser", "Chọn ảnh"),
]
EDITS_PER_SITE = 10

Line = tuple[str, str, str]  # host, path, Cookie header


@dataclass
class AdminUser:
    site: Site
    role: str
    user: object
    cookie: str


def session_cookie(user) -> str:
    """A logged-in session of `user` in the database every server reads sessions from."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def admin_users() -> list[AdminUser]:
    from django.contrib.auth import get_user_model

    users = []
    for site in admin_sites(bench_sites()):
        for role in ROLES:
            user = get_user_model().objects.get(username=username(site.agency.slug, role))
            users.append(AdminUser(site, role, user, session_cookie(user)))
    return users


def _paths(screen: str, site: Site, rng: random.Random) -> list[str]:
    pages = admin_pages(site)
    news, procedures = pages["news_index"], pages["procedure_index"]
    if screen in {"dashboard", "review_queue"}:
        return [reverse("wagtailadmin_home")]
    if screen == "explorer":
        return [reverse("wagtailadmin_explore", args=(news.pk,))]
    if screen == "procedures":
        return [reverse("wagtailadmin_explore", args=(procedures.pk,))]
    if screen == "news_edit":
        ids = sorted(NewsPage.objects.child_of(news).values_list("pk", flat=True))
        picked = rng.sample(ids, min(EDITS_PER_SITE, len(ids)))
        return [reverse("wagtailadmin_pages:edit", args=(pk,)) for pk in picked]
    if screen == "page_chooser":
        return [
            reverse("wagtailadmin_choose_page"),
            reverse("wagtailadmin_choose_page_child", args=(news.pk,)),
        ]
    if screen == "image_chooser":
        return [reverse("wagtailimages_chooser:choose")]
    raise ValueError(screen)


def admin_scenarios(seed: int, users: list[AdminUser]) -> dict[str, dict[str, list[Line]]]:
    """screen -> role -> request lines. The dashboard is measured on the sites without news
    in review, the review queue on those with (the chief's queue, the editor's own items
    waiting)."""
    rng = random.Random(seed)
    reviewed = {site.pk for site in review_sites(bench_sites())}
    quiet = {user.site.pk for user in users} - reviewed or reviewed
    scenarios: dict[str, dict[str, list[Line]]] = {}
    for screen, _title in SCREENS:
        wanted = {"dashboard": quiet, "review_queue": reviewed}.get(screen)
        for user in users:
            if wanted is not None and user.site.pk not in wanted:
                continue
            lines = scenarios.setdefault(screen, {}).setdefault(user.role, [])
            lines += [(user.site.hostname, path, user.cookie)
                      for path in _paths(screen, user.site, rng)]  # fmt: skip
    return scenarios


def query_counts(
    scenarios: dict[str, dict[str, list[Line]]],
    users: list[AdminUser],
    log: Callable[[str], None] = print,
) -> dict[str, dict[str, int]]:
    """screen -> role -> the most queries one of its first three requests ran (each asked
    twice, the second one counted: the first fills the process's caches)."""
    by_cookie = {user.cookie: user.user for user in users}
    counts: dict[str, dict[str, int]] = {}
    for screen, roles in scenarios.items():
        for role, lines in roles.items():
            most = 0
            for host, path, cookie in lines[:3]:
                client = Client(HTTP_HOST=host)
                client.force_login(by_cookie[cookie])
                client.get(path)
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                if response.status_code != 200:
                    raise RuntimeError(f"{screen}/{role}: {path} answered {response.status_code}")
                most = max(most, len(queries))
            counts.setdefault(screen, {})[role] = most
            log(f"  {screen:>14} {role:>6}: {most} queries")
    return counts


ADMIN_P95_MS = 300  # every screen, each role, with ADMIN_CONNECTIONS people at once
ADMIN_CONNECTIONS = 4


def measure_admin(
    port: int,
    seed: int,
    *,
    rounds: int,
    seconds: float,
    log: Callable[[str], None] = print,
    screens: list[str] | None = None,
) -> tuple[dict, dict]:
    """Each screen's roles alternating under wrk (ADMIN_CONNECTIONS connections, logged-in
    sessions) against the server on `port`: (screen -> role -> Series, query counts)."""
    from .measure import alternate, fetch_all

    users = admin_users()
    scenarios = admin_scenarios(seed, users)
    if screens:
        scenarios = {name: roles for name, roles in scenarios.items() if name in screens}
    log("admin screens: queries per request (in-process)")
    counts = query_counts(scenarios, users, log)
    series = {}
    for screen, roles in scenarios.items():
        for role, lines in roles.items():
            # Every line once (the server's caches, a fresh worker's imports) and checked:
            # a lost session would be measured as the login page's redirect.
            bad = [(path, status) for (_h, path, _c), (status, _b)
                   in zip(lines, fetch_all(port, lines), strict=True) if status != 200]  # fmt: skip
            if bad:
                raise RuntimeError(f"admin {screen}/{role}: {len(bad)} failed: {bad[:3]}")
        log(f"admin {screen}")
        series[screen] = alternate(
            {role: (port, lines) for role, lines in roles.items()},
            rounds=rounds,
            seconds=seconds,
            connections=ADMIN_CONNECTIONS,
            log=log,
        )
    return series, counts
