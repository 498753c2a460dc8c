"""Relevance evaluation by kind of query, for the Elasticsearch search and, on the same
queries, the database fallback.

One query per line of a JSONL file: {"query": "...", "expected": ["title or code", ...],
"site": "slug", "kind": "...", "tags": [...]} (site, kind and tags optional; the kind
defaults to the file's name). A result is relevant when its title or code equals one of
the expected strings (after NFC normalisation). `"expected": []` is a query with no right
answer: the engine should say so, by finding nothing or by a relaxed result
(`meta.relaxed`).

Per kind: Recall@1 and @5, MRR@10, nDCG@10, and how often the engine said "nothing found"
(nothing, or relaxed). Overall: no-answer precision (of the queries answered "nothing
found", the share that had no answer) and recall (of the queries with no answer, the share
answered so).
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from . import fallback, service
from .params import parse_params
from .text import normalise

K = 10
ENGINES = ("elasticsearch", "database")


@dataclass
class EvalQuery:
    query: str
    expected: list[str]
    site: str = "*"
    kind: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return bool(self.expected)


@dataclass
class Outcome:
    """One query's result: relevance of the first K items, and whether "nothing found"
    was said."""

    gains: list[int]
    said_nothing: bool


@dataclass
class Scores:
    count: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    ndcg_at_10: float
    said_nothing: float  # share of the queries answered with nothing or relaxed


def load_queries(*paths: Path | str) -> list[EvalQuery]:
    """The queries of the files (or of every `*.jsonl` of a directory)."""
    files: list[Path] = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    queries = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                query = EvalQuery(**json.loads(line))
                query.kind = query.kind or path.stem
                queries.append(query)
    return queries


def _relevance(items: list[dict], expected: list[str]) -> list[int]:
    wanted = {normalise(e).lower() for e in expected}
    return [
        int(bool({normalise(item["title"]).lower(), (item.get("code") or "").lower()} & wanted))
        for item in items[:K]
    ]


def score(outcomes: list[Outcome], queries: list[EvalQuery]) -> Scores:
    """Ranking metrics over the answerable queries; "said nothing" over all of them."""
    ranked = [o.gains for o, q in zip(outcomes, queries, strict=True) if q.answerable]
    recall1 = recall5 = mrr = ndcg = 0.0
    for rels in ranked:
        recall1 += rels[0] if rels else 0
        recall5 += 1 if any(rels[:5]) else 0
        first = next((rank for rank, rel in enumerate(rels, 1) if rel), None)
        mrr += 1 / first if first else 0
        dcg = sum(rel / math.log2(rank + 1) for rank, rel in enumerate(rels, 1))
        ideal = sum(1 / math.log2(rank + 1) for rank in range(1, max(sum(rels), 1) + 1))
        ndcg += dcg / ideal
    n = len(ranked) or 1
    nothing = sum(o.said_nothing for o in outcomes) / (len(outcomes) or 1)
    return Scores(len(queries), recall1 / n, recall5 / n, mrr / n, ndcg / n, nothing)


def run_engine(queries: list[EvalQuery], engine: str) -> list[Outcome]:
    run = service.search if engine == "elasticsearch" else fallback.search
    outcomes = []
    for query in queries:
        params = parse_params({"q": query.query, "site": query.site, "page_size": str(K)})
        result = run(params)
        said_nothing = not result["items"] or bool(result["meta"].get("relaxed"))
        outcomes.append(Outcome(_relevance(result["items"], query.expected), said_nothing))
    return outcomes


def no_answer_precision(outcomes: list[Outcome], queries: list[EvalQuery]) -> tuple[float, float]:
    """(precision, recall) of "nothing found" against the queries that have no answer."""
    pairs = list(zip(outcomes, queries, strict=True))
    said = [q for o, q in pairs if o.said_nothing]
    hopeless = [q for q in queries if not q.answerable]
    right = [q for q in said if not q.answerable]
    precision = len(right) / len(said) if said else 1.0
    recall = len(right) / len(hopeless) if hopeless else 1.0
    return precision, recall


@dataclass
class Report:
    by_kind: dict[str, dict[str, Scores]]  # engine -> kind (and "all") -> scores
    no_answer: dict[str, tuple[float, float]]  # engine -> (precision, recall)


def evaluate(queries: list[EvalQuery], engines: tuple[str, ...] = ENGINES) -> Report:
    kinds = sorted({q.kind for q in queries})
    report = Report({}, {})
    for engine in engines:
        outcomes = run_engine(queries, engine)
        by_kind = {"all": score(outcomes, queries)}
        for kind in kinds:
            chosen = [(o, q) for o, q in zip(outcomes, queries, strict=True) if q.kind == kind]
            by_kind[kind] = score([o for o, _ in chosen], [q for _, q in chosen])
        report.by_kind[engine] = by_kind
        report.no_answer[engine] = no_answer_precision(outcomes, queries)
    return report
