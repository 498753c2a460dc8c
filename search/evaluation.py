"""Relevance evaluation: Recall@1, MRR@10 and nDCG@10 of a JSONL query set, for the
Elasticsearch search and, on the same queries, Wagtail's database search.

One query per line: {"query": "...", "expected": ["title or code", ...], "site": "slug",
"tags": ["unaccented", ...]} (site and tags optional). A result is relevant when its
title or code equals one of the expected strings (compared after NFC normalisation).
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from . import fallback, service
from .params import parse_params
from .text import normalise

K = 10


@dataclass
class EvalQuery:
    query: str
    expected: list[str]
    site: str = "*"
    tags: list[str] = field(default_factory=list)


@dataclass
class Scores:
    recall_at_1: float
    mrr_at_10: float
    ndcg_at_10: float
    count: int


def load_queries(path: Path) -> list[EvalQuery]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [EvalQuery(**json.loads(line)) for line in lines if line.strip()]


def _relevance(items: list[dict], expected: list[str]) -> list[int]:
    wanted = {normalise(e).lower() for e in expected}
    return [
        int(bool({normalise(item["title"]).lower(), (item.get("code") or "").lower()} & wanted))
        for item in items[:K]
    ]


def _scores(gains: list[list[int]]) -> Scores:
    recall = mrr = ndcg = 0.0
    for rels in gains:
        recall += rels[0] if rels else 0
        first = next((rank for rank, rel in enumerate(rels, 1) if rel), None)
        mrr += 1 / first if first else 0
        dcg = sum(rel / math.log2(rank + 1) for rank, rel in enumerate(rels, 1))
        ideal = sum(1 / math.log2(rank + 1) for rank in range(1, max(sum(rels), 1) + 1))
        ndcg += dcg / ideal
    n = len(gains) or 1
    return Scores(recall / n, mrr / n, ndcg / n, len(gains))


def run_engine(queries: list[EvalQuery], engine: str) -> list[list[int]]:
    run = service.search if engine == "elasticsearch" else fallback.search
    gains = []
    for query in queries:
        params = parse_params({"q": query.query, "site": query.site, "page_size": str(K)})
        gains.append(_relevance(run(params)["items"], query.expected))
    return gains


def evaluate(queries: list[EvalQuery]) -> dict[str, dict[str, Scores]]:
    """{engine: {tag or "all": Scores}}."""
    report = {}
    tags = sorted({tag for q in queries for tag in q.tags})
    for engine in ("elasticsearch", "database"):
        gains = run_engine(queries, engine)
        by_tag = {"all": _scores(gains)}
        for tag in tags:
            by_tag[tag] = _scores([g for g, q in zip(gains, queries, strict=True) if tag in q.tags])
        report[engine] = by_tag
    return report
