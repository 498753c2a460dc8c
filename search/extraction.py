"""The text of an uploaded file, for the search index, read in a child process with hard
bounds (`search.extractor`): address space and CPU time capped by the kernel, wall time by
a timeout that kills the child, the text cut at `MAX_CHARS`. A hostile, huge, encrypted or
damaged file gives a status and a log line, never a stuck or dead worker.

Only the search task worker and the rebuild call this, never a request.
"""

import json
import logging
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File

from .text import normalise

logger = logging.getLogger(__name__)

OK, TRUNCATED = "ok", "truncated"
# A PDF without a text layer: its pages are pictures (scanned) or blank.
SCANNED, EMPTY = "scanned", "empty"
ENCRYPTED, UNSUPPORTED = "encrypted", "unsupported"
TOO_LARGE, TIMEOUT, MEMORY, FAILED = "too_large", "timeout", "memory", "failed"
# Statuses that mean the file was cut off or refused by a bound or an error: logged.
CUT_OFF = frozenset({TOO_LARGE, TIMEOUT, MEMORY, FAILED})
STATUSES = [OK, TRUNCATED, SCANNED, EMPTY, ENCRYPTED, UNSUPPORTED, *sorted(CUT_OFF)]

CHUNK = 1024 * 1024
# What the child can read (search.extractor.READERS); .doc, .xls, archives: title only.
SUPPORTED = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"})


@dataclass(frozen=True)
class Extraction:
    status: str
    text: str = ""
    detail: str = ""
    seconds: float = 0.0


def limits() -> dict:
    return settings.SEARCH["EXTRACTION"]


def extension_of(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def _run_child(path: str, extension: str) -> Extraction:
    conf = limits()
    command = [
        sys.executable,
        "-m",
        "search.extractor",
        path,
        extension,
        str(conf["MAX_CHARS"]),
        str(conf["MEMORY_MB"] * 1024 * 1024),
        str(conf["CPU_SECONDS"]),
    ]
    try:
        done = subprocess.run(
            command,
            cwd=settings.BASE_DIR,
            capture_output=True,
            timeout=conf["WALL_SECONDS"],
            # No inherited descriptors (the database's and Elasticsearch's sockets).
            close_fds=True,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        return Extraction(TIMEOUT, detail=f"over {conf['WALL_SECONDS']} s")
    if done.returncode != 0:
        # SIGXCPU (CPU time), SIGKILL, or a crash: the last line of what it said.
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        status = TIMEOUT if done.returncode in (-24, -9) else FAILED
        if tail and "MemoryError" in tail[0]:
            status = MEMORY
        return Extraction(status, detail=f"exit {done.returncode}: {' '.join(tail)}"[:300])
    try:
        result = _parse(done.stdout)
    except ValueError as error:
        return Extraction(FAILED, detail=f"unreadable output: {error}"[:300])
    return result


def _parse(output: bytes) -> Extraction:
    data = json.loads(output.decode("utf-8"))
    status = data.get("status")
    if status not in STATUSES:
        raise ValueError(f"status {status!r}")
    text = normalise(data.get("text", ""))[: limits()["MAX_CHARS"]]
    return Extraction(status, text, str(data.get("detail", ""))[:300])


def extract_path(path: str, extension: str) -> Extraction:
    """The text of the file at `path`, read as `extension` ("pdf", "docx"…)."""
    started = time.monotonic()
    size = Path(path).stat().st_size
    if size > limits()["MAX_FILE_BYTES"]:
        result = Extraction(TOO_LARGE, detail=f"{size} bytes")
    elif extension not in SUPPORTED:
        result = Extraction(UNSUPPORTED, detail=extension)
    else:
        result = _run_child(path, extension)
    result = Extraction(result.status, result.text, result.detail, time.monotonic() - started)
    if result.status in CUT_OFF:
        logger.warning(
            "text extraction of %s cut off: %s (%s) after %.1f s",
            path,
            result.status,
            result.detail,
            result.seconds,
        )
    return result


def extract_file(file: File, name: str) -> Extraction:
    """The text of a stored file (any storage: local disk or a bucket), copied to a
    temporary file first, at most `MAX_FILE_BYTES` of it."""
    extension = extension_of(name)
    if extension not in SUPPORTED:
        return Extraction(UNSUPPORTED, detail=extension)
    cap = limits()["MAX_FILE_BYTES"]
    with tempfile.NamedTemporaryFile(suffix=f".{extension}") as copy:
        copied = 0
        try:
            file.open("rb")
        except OSError as error:  # gone from the storage: indexed by title, logged
            logger.warning("text extraction of %s impossible: %s", name, error)
            return Extraction(FAILED, detail=f"{type(error).__name__}: {error}"[:300])
        try:
            while chunk := file.read(CHUNK):
                copied += len(chunk)
                if copied > cap:
                    result = Extraction(TOO_LARGE, detail=f"over {cap} bytes")
                    logger.warning("text extraction of %s cut off: %s", name, result.detail)
                    return result
                copy.write(chunk)
        finally:
            file.close()
        copy.flush()
        return extract_path(copy.name, extension)
