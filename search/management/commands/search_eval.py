from django.core.management.base import BaseCommand

from search.evaluation import ENGINES, evaluate, load_queries


class Command(BaseCommand):
    help = (
        "Recall@1/@5, MRR@10, nDCG@10 and no-answer precision of JSONL query sets, by kind: "
        "Elasticsearch and the database fallback."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders, e.g. search/eval/")
        parser.add_argument("--engine", choices=ENGINES, help="only this engine")

    def handle(self, *args, paths: list[str], engine: str | None, **options) -> None:
        report = evaluate(load_queries(*paths), (engine,) if engine else ENGINES)
        self.stdout.write(
            f"{'engine':14} {'kind':12} {'n':>4} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} "
            f"{'nDCG@10':>8} {'nothing':>8}"
        )
        for name, kinds in report.by_kind.items():
            for kind, s in kinds.items():
                self.stdout.write(
                    f"{name:14} {kind:12} {s.count:4} {s.recall_at_1:6.3f} {s.recall_at_5:6.3f} "
                    f"{s.mrr_at_10:7.3f} {s.ndcg_at_10:8.3f} {s.said_nothing:8.3f}"
                )
        for name, (precision, recall) in report.no_answer.items():
            self.stdout.write(
                f"{name}: no-answer precision {precision:.3f}, recall {recall:.3f} "
                "(“nothing found”: no result, or meta.relaxed)"
            )
