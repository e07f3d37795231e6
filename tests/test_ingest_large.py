"""Big inputs: a one-article file over the limit is refused unread; streams read in constant memory."""

from __future__ import annotations

import json
import time
import tracemalloc

from storyline.ingest import MAX_BYTES_DEFAULT, read
from storyline.records import RawDoc, Reason

FIFTY_MB = 50_000_000


def _write_big_text(path, size: int) -> None:
    line = b"a" * 99 + b"\n"
    block = line * 10_000  # 1 MB
    with path.open("wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)


def _write_jsonl(path, size: int) -> int:
    """JSON Lines of about ``size`` bytes; returns the number of lines."""
    text = "Les délégations se sont retrouvées à Genève jeudi. " * 8
    count = 0
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            line = json.dumps({"id": f"n{count}", "time": "2024-11-07", "title": f"Titre {count}",
                               "text": text}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode())
            count += 1
    return count


def test_50_mb_text_file_is_too_large_without_being_read(tmp_path):
    path = tmp_path / "book.txt"
    _write_big_text(path, FIFTY_MB)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        [rejected] = read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 1_000_000  # the file was not read into memory
    assert rejected.reason is Reason.TOO_LARGE
    assert rejected.message.startswith("file is 50.0 MB; one article per file is limited to 5.0 MB")
    assert path.stat().st_size > MAX_BYTES_DEFAULT


def test_50_mb_jsonl_is_read_fully(tmp_path):
    path = tmp_path / "export.jsonl"
    count = _write_jsonl(path, FIFTY_MB)
    seen = 0
    last = None
    for record in read(path):
        assert isinstance(record, RawDoc)
        seen += 1
        last = record
    assert seen == count
    assert (last.ext_id, last.locator) == (f"n{count - 1}", f"line {count}")


def test_jsonl_is_streamed_in_constant_memory(tmp_path):
    path = tmp_path / "export.jsonl"
    count = _write_jsonl(path, 8_000_000)
    tracemalloc.start()
    try:
        seen = sum(1 for _ in read(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 2_000_000, f"peak {peak} bytes for an 8 MB file: not streamed"
