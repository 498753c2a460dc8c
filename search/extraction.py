"""The text of an uploaded file, for the search index, read in a long-lived child process
with hard bounds (`search.extractor`): address space and CPU time per file capped by the
kernel, wall time per file by a timeout that kills the child, the text cut at `MAX_CHARS`.
A hostile, huge, encrypted or damaged file gives a status and a log line, never a stuck or
dead worker, and the files after it are read by a fresh child.

Only the search task worker and the rebuild call this, never a request.
"""

import atexit
import contextlib
import json
import logging
import os
import selectors
import subprocess
import sys
import tempfile
import threading
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
# Files read by one child before a fresh one takes over (whatever a parser leaks stays
# bounded).
RECYCLE_AFTER = 500
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


class Child:
    """The long-lived extractor child (`search.extractor`): files are read one after the
    other in the same interpreter, its parsers imported once. The child is killed and a new
    one started for the next file when a file takes longer than the wall-clock bound, runs
    out of memory or kills it, after `RECYCLE_AFTER` files, and when the memory bound in the
    settings changes."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.memory = 0
        self.served = 0
        self.owner = os.getpid()
        self.lock = threading.Lock()

    def _start(self, memory: int) -> subprocess.Popen:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "search.extractor", str(memory)],
            cwd=settings.BASE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # No inherited descriptors (the database's and Elasticsearch's sockets).
            close_fds=True,
        )
        self.memory, self.served, self.owner = memory, 0, os.getpid()
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or self.owner != os.getpid():  # a forked copy: not its child
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            with contextlib.suppress(OSError):
                stream.close()

    def run(self, path: str, extension: str) -> Extraction:
        conf = limits()
        memory = conf["MEMORY_MB"] * 1024 * 1024
        with self.lock:
            if self.owner != os.getpid():  # forked (rebuild workers): start a child of its own
                self.process = None
            process = self.process
            if process is not None and (
                process.poll() is not None or self.memory != memory or self.served >= RECYCLE_AFTER
            ):
                self.stop()
            process = self.process or self._start(memory)
            self.served += 1
            result = self._ask(process, path, extension, conf)
            if result.status == MEMORY:  # its heap is not to be trusted any more
                self.stop()
            return result

    def _ask(self, process: subprocess.Popen, path: str, extension: str, conf: dict):
        request = {
            "path": path,
            "extension": extension,
            "max_chars": conf["MAX_CHARS"],
            "cpu_seconds": conf["CPU_SECONDS"],
        }
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
        except OSError:  # it died between two files
            return self._died(process, b"")
        deadline = time.monotonic() + conf["WALL_SECONDS"]
        out, err = bytearray(), bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            selector.register(process.stderr, selectors.EVENT_READ)
            while b"\n" not in out:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.stop()
                    return Extraction(TIMEOUT, detail=f"over {conf['WALL_SECONDS']} s")
                for key, _events in selector.select(remaining):
                    chunk = os.read(key.fd, CHUNK)
                    if key.fileobj is process.stderr:
                        err = (err + chunk)[-4096:]
                        if not chunk:
                            selector.unregister(process.stderr)
                    elif chunk:
                        out += chunk
                    else:
                        return self._died(process, err)
        try:
            return _parse(bytes(out).split(b"\n", 1)[0])
        except ValueError as error:
            self.stop()
            return Extraction(FAILED, detail=f"unreadable output: {error}"[:300])

    def _died(self, process: subprocess.Popen, err: bytes) -> Extraction:
        """SIGXCPU (CPU time), SIGKILL, or a crash: the last line of what it said."""
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(OSError):  # what it said last, now that it is gone
            while chunk := os.read(process.stderr.fileno(), CHUNK):
                err = (err + chunk)[-4096:]
        self.stop()
        tail = bytes(err).decode("utf-8", "replace").strip().splitlines()[-1:]
        status = TIMEOUT if process.returncode in (-24, -9) else FAILED
        if tail and "MemoryError" in tail[0]:
            status = MEMORY
        return Extraction(status, detail=f"exit {process.returncode}: {' '.join(tail)}"[:300])


_child = Child()
atexit.register(_child.stop)


def _run_child(path: str, extension: str) -> Extraction:
    return _child.run(path, extension)


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
