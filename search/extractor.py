"""The text of files, read in a child process started by `search.extraction` (never imported
by the web or worker process): `python -m search.extractor MEMORY_BYTES`.

The child caps its own address space before it imports any parser, then reads requests
from stdin, one JSON line each ({"path", "extension", "max_chars", "cpu_seconds"}), and
answers each with one JSON line ({"status", "text", "detail"}). Before each file it moves
its CPU-time soft limit to the CPU it has used so far plus the file's share, so a hostile
file (a decompression bomb, a PDF whose pages never end) dies here and only here; the
parent restarts it for the next file. The parsers are imported once, on first use. No
Django: the child starts in a fraction of the time and memory.
"""

import json
import math
import resource
import sys
from collections.abc import Iterable

# Pages read at most: past this the text is cut (long annexes add little to a search).
MAX_PAGES = 500


class Full(Exception):
    """The text reached its cap: stop reading."""


class Collector:
    def __init__(self, max_chars: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.max_chars = max_chars

    def add(self, text: str | None) -> None:
        text = (text or "").strip()
        if not text:
            return
        room = self.max_chars - self.size
        self.parts.append(text[:room])
        self.size += min(len(text), room) + 1
        if self.size >= self.max_chars:
            raise Full

    @property
    def text(self) -> str:
        return "\n".join(self.parts)


def _page_has_images(page) -> bool:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else {}
    return any(xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values())


def pdf(path: str, out: Collector) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        # An owner password only (printing, copying restricted) opens with an empty user
        # password; a real user password cannot be guessed and is not tried.
        try:
            opened = reader.decrypt("")
        except Exception:
            opened = 0
        if not opened:
            return "encrypted"
    images = False
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES:
            return "truncated"
        text = page.extract_text() or ""
        if not text.strip() and not images:
            images = _page_has_images(page)
        out.add(text)
    if out.size:
        return "ok"
    # No text layer: a scan (pages are pictures) or an empty document.
    return "scanned" if images else "empty"


def _docx_blocks(document) -> Iterable[str]:
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    # A merged cell comes back once per grid column it spans.
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                yield " | ".join(cells)
        else:
            yield block.text


def docx(path: str, out: Collector) -> str:
    import docx as python_docx

    document = python_docx.Document(path)
    for text in _docx_blocks(document):
        out.add(text)
    return "ok" if out.size else "empty"


def xlsx(path: str, out: Collector) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        out.add(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            out.add(" | ".join(str(value) for value in row if value not in (None, "")))
    return "ok" if out.size else "empty"


def odf(path: str, out: Collector) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    wanted = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node) -> None:
        for child in node.childNodes:
            if getattr(child, "qname", None) in wanted:
                out.add(teletype.extractText(child))
            else:
                walk(child)

    walk(load(path).body)
    return "ok" if out.size else "empty"


def txt(path: str, out: Collector) -> str:
    with open(path, "rb") as file:
        raw = file.read(out.max_chars * 4)
    out.add(raw.decode("utf-8", errors="replace"))
    return "ok" if out.size else "empty"


READERS = {"pdf": pdf, "docx": docx, "xlsx": xlsx, "odt": odf, "ods": odf, "txt": txt, "csv": txt}


def limit(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Reading needs no files written, nor a core dump of a crash.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_cpu(cpu_seconds: int) -> None:
    """Allow `cpu_seconds` more of CPU time: the kernel sends SIGXCPU (which ends the child)
    past it. The hard limit stays where it was, so that the next file can be allowed its
    own share; the parent's wall-clock timeout backs this bound."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + cpu_seconds
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def extract(path: str, extension: str, max_chars: int) -> dict:
    reader = READERS.get(extension)
    if reader is None:
        return {"status": "unsupported", "text": "", "detail": extension}
    out = Collector(max_chars)
    try:
        status = reader(path, out)
    except Full:
        status = "truncated"
    except MemoryError:
        return {"status": "memory", "text": "", "detail": "MemoryError"}
    except Exception as error:  # a damaged file: whatever the parser raises
        return {"status": "failed", "text": "", "detail": f"{type(error).__name__}: {error}"[:300]}
    return {"status": status, "text": out.text, "detail": ""}


def serve(memory_bytes: int) -> None:
    limit(memory_bytes)
    for line in sys.stdin:
        request = json.loads(line)
        limit_cpu(int(request["cpu_seconds"]))
        result = extract(request["path"], request["extension"], int(request["max_chars"]))
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
