"""Documents in the search, measured: generated PDF and DOCX files with Vietnamese text from
the bench vocabulary, uploaded into the agencies' collections (a fifth of them set as the
declaration form of a procedure's dossier component); then the extraction rate (files/s,
read by the long-lived bounded child), a full rebuild with the documents, and the search
time of document queries in-process (`bench_documents`, docs/documents-search.md).
"""

import io
import random
import statistics
import time
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.models import Collection, ReferenceIndex

from demo.pdf import vietnamese_pdf
from procedures.models import DossierComponent, ProcedurePage
from search import files
from search.params import SearchParams
from search.rebuild import rebuild
from search.service import search
from search.tasks import sync_document

from .vocabulary import Vocabulary, load_vocabulary

FORM_SHARE = 0.2


@dataclass
class DocumentBench:
    files: int = 0
    generate_seconds: float = 0.0
    extracted: int = 0
    extract_seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    rebuild_documents: int = 0
    rebuild_seconds: float = 0.0
    search_ms: list[float] = field(default_factory=list)

    @property
    def extraction_rate(self) -> float:
        return self.extracted / self.extract_seconds if self.extract_seconds else 0.0

    def p(self, percent: int) -> float:
        ranked = sorted(self.search_ms)
        return ranked[min(len(ranked) - 1, len(ranked) * percent // 100)] if ranked else 0.0

    def lines(self) -> list[str]:
        return [
            f"files generated: {self.files} in {self.generate_seconds:.1f} s",
            f"extraction: {self.extracted} files in {self.extract_seconds:.1f} s "
            f"({self.extraction_rate:.1f} files/s); statuses {self.statuses}",
            f"rebuild with documents: {self.rebuild_documents} records in "
            f"{self.rebuild_seconds:.1f} s",
            f"search, document queries ({len(self.search_ms)}): p50 "
            f"{statistics.median(self.search_ms or [0]):.1f} ms, p95 {self.p(95):.1f} ms",
        ]


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    pdf = vietnamese_pdf(size=11)
    pdf.add_page()
    pdf.multi_cell(0, 7, title.upper(), new_x="LMARGIN", new_y="NEXT")
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _docx(title: str, paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def generate(count: int, rng: random.Random, vocabulary: Vocabulary) -> list[int]:
    """`count` documents, half PDF, half DOCX, in the agencies' collections; a fifth are the
    declaration form of a dossier component (named after its procedure), in the reference
    index as an editor's save would put them. The sync tasks their saves queued are dropped:
    the rebuild indexes them (a bench's publish measure must not wait behind them)."""
    collections = list(Collection.objects.filter(depth=2)) or [Collection.get_first_root_node()]
    components = list(
        DossierComponent.objects.filter(form_template__isnull=True).values_list(
            "pk", "page_id", "page__title"
        )
    )
    rng.shuffle(components)
    model = get_document_model()
    ids, forms = [], set()
    for number in range(count):
        form = components.pop() if components and rng.random() < FORM_SHARE else None
        procedure = form[2] if form else rng.choice(vocabulary.procedures)["name"]
        title = f"Mẫu tờ khai {procedure[0].lower()}{procedure[1:]}"[:250]
        paragraphs = [vocabulary.paragraph(rng, 4) for _ in range(rng.randint(3, 12))]
        pdf = number % 2 == 0
        data = _pdf(title, paragraphs) if pdf else _docx(title, paragraphs)
        name = f"bench-{number:05d}.{'pdf' if pdf else 'docx'}"
        with transaction.atomic():
            document = model(
                title=title, collection=rng.choice(collections), file=ContentFile(data, name=name)
            )
            document._set_document_file_metadata()
            document.save()
            if form:
                DossierComponent.objects.filter(pk=form[0]).update(form_template=document)
                forms.add(form[1])
        ids.append(document.pk)
    for page in ProcedurePage.objects.filter(pk__in=forms):
        ReferenceIndex.create_or_update_for_object(page)
    DBTaskResult.objects.filter(
        task_path=sync_document.module_path, status=TaskResultStatus.READY
    ).delete()
    return ids


def measure_search(queries: list[str], bench: DocumentBench) -> None:
    for q in queries:
        started = time.perf_counter()
        search(SearchParams(q=q, type=files.TYPE))
        bench.search_ms.append((time.perf_counter() - started) * 1000)


def run(count: int, seed: int = 42, queries: int = 200) -> DocumentBench:
    rng = random.Random(seed)
    vocabulary = load_vocabulary()
    bench = DocumentBench(files=count)
    started = time.monotonic()
    generate(count, rng, vocabulary)
    bench.generate_seconds = time.monotonic() - started
    started = time.monotonic()
    bench.extracted = files.read_texts()
    bench.extract_seconds = time.monotonic() - started
    from search.models import DocumentText

    for status in DocumentText.objects.values_list("status", flat=True):
        bench.statuses[status] = bench.statuses.get(status, 0) + 1
    report = rebuild()
    bench.rebuild_documents, bench.rebuild_seconds = report.documents, report.seconds
    asked = [rng.choice(vocabulary.procedures)["name"] for _ in range(queries)]
    asked = [f"mau to khai {name}" for name in asked]
    measure_search(asked[:20], DocumentBench())  # warm the caches and connections
    measure_search(asked, bench)
    return bench
