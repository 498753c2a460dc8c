"""The section `bench_scale` writes into docs/performance.md: each measurement at every scale,
the growth largest / smallest, and issue #23's targets."""

from .admin_screens import ADMIN_P95_MS
from .scale import (
    COLD_API_P95_MS,
    GROWTH,
    PUBLISH_P95_S,
    REBUILD_DOCS_PER_S,
    SEARCH_P95_MS,
    ScaleConfig,
)

API_TITLES = {"detail": "API detail", "news": "API news listing (one site, a category)",
              "procedures": "API procedures listing (one site, a sector)",
              "news_all": "API news listing (all sites, newest first)"}  # fmt: skip
SEARCH_TITLES = {"search": "search, one site", "search_all": "search, all sites (site=*)",
                 "suggest": "suggest"}  # fmt: skip
# Whose growth is bounded: details and site-scoped listings, uncached.
GROWTH_BOUNDED = ("detail", "news", "procedures")


def _get(measured: dict, *keys: str) -> float | None:
    value = measured
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def rows(measured: list[dict]) -> list[tuple[str, list[float | None], str]]:
    """(what, value per scale, unit)."""
    out = []
    for name, title in API_TITLES.items():
        for target in ("cold", "warm"):
            for stat in ("p95_ms", "rps"):
                unit = "ms" if stat == "p95_ms" else "req/s"
                label = f"{title}, {target}, {'p95' if stat == 'p95_ms' else 'throughput'}"
                out.append((label, [_get(m, "api", name, target, stat) for m in measured], unit))
    for name, title in SEARCH_TITLES.items():
        out.append((f"{title}, p95", [_get(m, "search", name, "p95_ms") for m in measured], "ms"))
    out.append(("search_rebuild", [_get(m, "rebuild", "rate") for m in measured], "docs/s"))
    out.append(("search_rebuild wall time", [_get(m, "rebuild", "seconds") for m in measured], "s"))
    for key, name in (("python_cpu_s", "Python"), ("es_cpu_s", "Elasticsearch")):
        out.append((f"search_rebuild CPU per document, {name}",
                    [_per_document(m, key) for m in measured], "ms"))  # fmt: skip
    out.append(("publish → searchable, p95", [_get(m, "publish", "p95") for m in measured], "s"))
    screens = sorted({s for m in measured for s in (m.get("admin") or {})})
    for screen in screens:
        for role in ("editor", "chief"):
            values = [_get(m, "admin", screen, role, "p95_ms") for m in measured]
            out.append((f"admin {screen} ({role}), p95", values, "ms"))
    return out


def _per_document(measured: dict, key: str) -> float | None:
    cpu, documents = _get(measured, "rebuild", key), _get(measured, "rebuild", "documents")
    return cpu / documents * 1000 if cpu is not None and documents else None


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit in ("req/s", "docs/s"):
        return f"{value:,.0f}"
    return f"{value:.2f}" if unit == "s" else f"{value:.1f}"


def _growth(values: list[float | None]) -> float | None:
    first, last = values[0], values[-1]
    return last / first if first and last is not None else None


def targets(config: ScaleConfig, measured: list[dict]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) at the largest scale."""
    top = measured[-1]
    label = top.get("label", "?")
    found = []
    for name in ("search", "search_all", "suggest"):
        p95 = _get(top, "search", name, "p95_ms")
        found.append((f"{SEARCH_TITLES[name]} p95 ≤ {SEARCH_P95_MS} ms at {label}",
                      p95, p95 is not None and p95 <= SEARCH_P95_MS))  # fmt: skip
    for name in GROWTH_BOUNDED:
        p95 = _get(top, "api", name, "cold", "p95_ms")
        found.append((f"{API_TITLES[name]}, cold p95 ≤ {COLD_API_P95_MS} ms at {label}",
                      p95, p95 is not None and p95 <= COLD_API_P95_MS))  # fmt: skip
        growth = _growth([_get(m, "api", name, "cold", "p95_ms") for m in measured])
        span = f"{measured[0].get('label')} → {label}"
        found.append((f"{API_TITLES[name]}, cold p95 growth {span} ≤ {GROWTH}×", growth,
                      growth is not None and growth <= GROWTH))  # fmt: skip
    rate = _get(top, "rebuild", "rate")
    found.append((f"search_rebuild ≥ {REBUILD_DOCS_PER_S:,} docs/s at {label}", rate,
                  rate is not None and rate >= REBUILD_DOCS_PER_S))  # fmt: skip
    publish = _get(top, "publish", "p95")
    found.append((f"publish → searchable p95 ≤ {PUBLISH_P95_S:g} s at {label}", publish,
                  publish is not None and 0 < publish <= PUBLISH_P95_S))  # fmt: skip
    for screen, roles in (top.get("admin") or {}).items():
        for role, summary in roles.items():
            p95 = summary["p95_ms"]
            found.append((f"admin {screen} ({role}) p95 ≤ {ADMIN_P95_MS} ms at {label}", p95,
                          p95 <= ADMIN_P95_MS))  # fmt: skip
    return [(name, "–" if value is None else f"{value:,.2f}", ok) for name, value, ok in found]


def errors(measured: list[dict]) -> int:
    count = 0
    for m in measured:
        count += len(m.get("failures") or {})
        count += sum(
            summary.get("errors", 0)
            for group in ("api",)
            for targets_ in (m.get(group) or {}).values()
            for summary in targets_.values()
        )
        count += sum(s.get("errors", 0) for s in (m.get("search") or {}).values())
        count += sum(
            s.get("errors", 0) for roles in (m.get("admin") or {}).values() for s in roles.values()
        )
        count += sum((m.get("checks") or {}).values())
        count += (m.get("publish") or {}).get("failures", 0)
    return count


def render(config: ScaleConfig, measured: list[dict], built: dict[str, float]) -> str:
    labels = [m.get("label", "?") for m in measured]
    first, last = labels[0], labels[-1]
    lines = [
        f"### Scale: {', '.join(labels)} pages",
        "",
        "Generated by `make bench` (`manage.py bench_scale`); every site holds "
        f"{config.scales[0].pages:,} pages (80 % news, 20 % procedures). Each dataset measured "
        "by a process of its own, one "
        f"after the other: API through a warm server (response cache) and a cold one (none), "
        f"{config.rounds} rounds of {config.seconds:g} s, 4 connections; search and suggest "
        "4 connections; publish → searchable with the search worker; admin screens as in the "
        "main run. Values are the median of the rounds.",
        "",
        "| Dataset | sites | pages | built in |",
        "| --- | ---: | ---: | ---: |",
    ]
    for scale in config.scales:
        took = built.get(scale.label)
        lines.append(f"| {scale.label} | {scale.sites:,} | {scale.total:,} | "
                     f"{f'{took:.0f} s' if took else 'kept'} |")  # fmt: skip
    lines += [
        "",
        f"| Measured | unit | {' | '.join(labels)} | {last} / {first} |",
        f"| --- | --- | {' | '.join('---:' for _ in labels)} | ---: |",
    ]
    for what, values, unit in rows(measured):
        growth = _growth(values)
        cells = " | ".join(_cell(v, unit) for v in values)
        lines.append(f"| {what} | {unit} | {cells} | {f'{growth:.2f}×' if growth else '–'} |")
    lines += ["", "| Target | measured | met |", "| --- | ---: | --- |"]
    for name, value, ok in targets(config, measured):
        lines.append(f"| {name} | {value} | {'met' if ok else '**missed**'} |")
    failures = {f"{m.get('label')}: {k}": v for m in measured for k, v in
                (m.get("failures") or {}).items()}  # fmt: skip
    if failures:
        lines += ["", "Failed phases:", "", *(f"- {k}: {v}" for k, v in failures.items())]
    lines += ["", "Machine:", "", *next((m["machine"] for m in measured if "machine" in m), [])]
    return "\n".join(lines)
