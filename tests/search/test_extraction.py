"""Text extraction from real-shaped files made here, in the bounded child process."""

import os
import tempfile
import time

import pytest
from django.core.files.base import ContentFile

from search import extraction
from search.extraction import extract_file, extract_path

from . import files


def extract(data: bytes, extension: str) -> extraction.Extraction:
    with tempfile.NamedTemporaryFile(suffix=f".{extension}") as file:
        file.write(data)
        file.flush()
        return extract_path(file.name, extension)


def test_vietnamese_pdf_text_comes_back_accented_and_normalised():
    result = extract(
        files.pdf_bytes("TỜ KHAI ĐĂNG KÝ KHAI SINH\n\nHọ, chữ đệm, tên:   Nguyễn Văn Đức"),
        "pdf",
    )
    assert result.status == extraction.OK
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in result.text
    assert "Họ, chữ đệm, tên: Nguyễn Văn Đức" in result.text


def test_docx_paragraphs_and_table_cells():
    data = files.docx_bytes(
        "Mẫu đơn đề nghị cấp giấy phép xây dựng",
        table=[["STT", "Tên giấy tờ"], ["1", "Bản vẽ thiết kế kỹ thuật"]],
    )
    result = extract(data, "docx")
    assert result.status == extraction.OK
    assert "Mẫu đơn đề nghị cấp giấy phép xây dựng" in result.text
    assert "Bản vẽ thiết kế kỹ thuật" in result.text


def test_table_heavy_xlsx_is_read_row_by_row_and_cut_at_the_cap(settings):
    rows = [["Mã", "Tên thủ tục", "Lệ phí"]]
    rows += [[f"1.00{n:04d}", f"Thủ tục đất đai số {n}", n * 1000] for n in range(5000)]
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "MAX_CHARS": 5000},
    }
    result = extract(files.xlsx_bytes(rows, title="Danh mục"), "xlsx")
    assert result.status == extraction.TRUNCATED
    first_rows = "Danh mục Mã | Tên thủ tục | Lệ phí 1.000000 | Thủ tục đất đai số 0"
    assert result.text.startswith(first_rows)
    assert len(result.text) <= 5000


def test_odt_text():
    result = extract(files.odt_bytes("Báo cáo tình hình kinh tế – xã hội quý III"), "odt")
    assert result.status == extraction.OK
    assert result.text == "Báo cáo tình hình kinh tế – xã hội quý III"


def test_scanned_pdf_without_a_text_layer_is_marked_scanned():
    result = extract(files.scanned_pdf_bytes(), "pdf")
    assert (result.status, result.text) == (extraction.SCANNED, "")


def test_encrypted_pdf_is_not_opened():
    result = extract(files.encrypted_pdf_bytes("Tài liệu mật"), "pdf")
    assert (result.status, result.text) == (extraction.ENCRYPTED, "")


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_truncated_file_fails_cleanly_and_is_logged(extension, caplog):
    whole = files.pdf_bytes("Tờ khai") if extension == "pdf" else files.docx_bytes("Tờ khai")
    result = extract(files.truncated(whole), extension)
    assert result.status == extraction.FAILED
    assert result.detail
    assert "cut off: failed" in caplog.text


def test_pdf_bomb_is_killed_by_the_cpu_bound(settings, caplog):
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "CPU_SECONDS": 1, "WALL_SECONDS": 30},
    }
    started = time.monotonic()
    result = extract(files.pdf_bomb_bytes(), "pdf")
    assert result.status == extraction.TIMEOUT
    assert time.monotonic() - started < 30  # the CPU bound, not the wall clock, ended it
    assert "cut off: timeout" in caplog.text


def test_pdf_bomb_is_stopped_by_the_memory_bound(settings, caplog):
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "MEMORY_MB": 120},
    }
    result = extract(files.pdf_bomb_bytes(100), "pdf")
    assert result.status in (extraction.MEMORY, extraction.FAILED)
    assert result.text == ""
    assert "cut off" in caplog.text


def test_wall_clock_bound_kills_a_child_that_hangs(settings):
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "WALL_SECONDS": 1},
    }
    # A FIFO nobody writes to: the child blocks on open() without using CPU.
    with tempfile.TemporaryDirectory() as folder:
        fifo = os.path.join(folder, "treo.txt")
        os.mkfifo(fifo)
        started = time.monotonic()
        result = extraction._run_child(fifo, "txt")
    assert result.status == extraction.TIMEOUT
    assert time.monotonic() - started < 10


def test_oversized_file_is_refused_before_reading(settings):
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "MAX_FILE_BYTES": 1000},
    }
    result = extract_file(ContentFile(b"x" * 5000), "lon.txt")
    assert result.status == extraction.TOO_LARGE


def test_unsupported_types_are_indexed_by_title_only():
    assert extract_file(ContentFile(b"PK\x03\x04"), "ho-so.zip").status == extraction.UNSUPPORTED
    assert extract_file(ContentFile(b"\xd0\xcf\x11\xe0"), "cu.doc").status == extraction.UNSUPPORTED


def _bounds(settings, **changes) -> None:
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], **changes},
    }


def test_a_hostile_file_in_a_batch_stops_only_itself(settings, caplog):
    """One long-lived child reads the batch; a bomb, a damaged file and a file that hangs
    each get their own status, and the files after them are read by a fresh child."""
    _bounds(settings, CPU_SECONDS=1, WALL_SECONDS=30)
    with tempfile.TemporaryDirectory() as folder:

        def saved(name: str, data: bytes) -> str:
            path = os.path.join(folder, name)
            with open(path, "wb") as file:
                file.write(data)
            return path

        first = saved("dau.pdf", files.pdf_bytes("Tờ khai thứ nhất"))
        second = saved("hai.docx", files.docx_bytes("Đơn đề nghị thứ hai"))
        bomb = saved("bom.pdf", files.pdf_bomb_bytes())
        broken = saved("hong.pdf", files.truncated(files.pdf_bytes("Hỏng")))
        third = saved("ba.docx", files.docx_bytes("Báo cáo thứ ba"))
        fifo = os.path.join(folder, "treo.txt")
        os.mkfifo(fifo)
        last = saved("cuoi.pdf", files.pdf_bytes("Quyết định cuối cùng"))

        results = [extract_path(first, "pdf")]
        reader = extraction._child.process.pid
        results += [extract_path(second, "docx")]
        assert extraction._child.process.pid == reader  # one child, file after file
        results += [extract_path(bomb, "pdf")]
        assert extraction._child.process is None  # the bomb's child is gone
        results += [extract_path(broken, "pdf")]
        fresh = extraction._child.process.pid
        results += [extract_path(third, "docx")]
        assert extraction._child.process.pid == fresh != reader  # a damaged file is no crash
        _bounds(settings, CPU_SECONDS=1, WALL_SECONDS=1)
        results += [extract_path(fifo, "txt")]
        _bounds(settings, CPU_SECONDS=1, WALL_SECONDS=30)
        results += [extract_path(last, "pdf")]

    statuses = [result.status for result in results]
    assert statuses == [
        extraction.OK,
        extraction.OK,
        extraction.TIMEOUT,
        extraction.FAILED,
        extraction.OK,
        extraction.TIMEOUT,
        extraction.OK,
    ]
    texts = [result.text for result in results]
    assert texts[0] == "Tờ khai thứ nhất"
    assert texts[1] == "Đơn đề nghị thứ hai"
    assert texts[4] == "Báo cáo thứ ba"
    assert texts[6] == "Quyết định cuối cùng"
    assert not any(texts[index] for index in (2, 3, 5))
    assert caplog.text.count("cut off: timeout") == 2
