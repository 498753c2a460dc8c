from django.core.management.base import BaseCommand

from search.evaluation import evaluate, load_queries


class Command(BaseCommand):
    help = "Recall@1, MRR@10 and nDCG@10 of a JSONL query set: Elasticsearch vs database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="e.g. search/eval/queries.jsonl")

    def handle(self, *args, file: str, **options) -> None:
        report = evaluate(load_queries(file))
        self.stdout.write(
            f"{'engine':14} {'subset':12} {'n':>4} {'R@1':>6} {'MRR@10':>7} {'nDCG@10':>8}"
        )
        for engine, subsets in report.items():
            for subset, s in subsets.items():
                self.stdout.write(
                    f"{engine:14} {subset:12} {s.count:4} {s.recall_at_1:6.3f} "
                    f"{s.mrr_at_10:7.3f} {s.ndcg_at_10:8.3f}"
                )
