"""Invariants over generated inputs: no line or record is ever lost or counted twice."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import read
from storyline.records import RawDoc, Reason, Rejected

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
extra_fields = st.dictionaries(st.sampled_from(["title", "url", "date", "lang", "author", "source", "x"]),
                               json_scalars, max_size=4)
articles = st.fixed_dictionaries(
    {"id": st.integers(0, 10**6) | st.text(min_size=1, max_size=8)},
    optional={"text": st.text(max_size=200) | json_scalars, "content": st.text(max_size=50)},
).flatmap(lambda base: extra_fields.map(lambda extra: {**extra, **base}))
# Each line: the object, and where to cut it (None: kept whole).
# A NUL byte makes a file binary (NOT_TEXT) before any CSV parsing: not a CSV case.
cell_chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
lines = st.lists(st.tuples(articles, st.none() | st.floats(0.0, 0.999), st.booleans()), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines)
def test_every_jsonl_line_ends_as_exactly_one_record(rows):
    encoded = []
    for obj, cut, ascii_only in rows:
        line = json.dumps(obj, ensure_ascii=ascii_only).encode()
        if cut is not None:
            line = line[: max(1, int(len(line) * cut))]  # a strict prefix: never valid JSON
        encoded.append(line)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.jsonl"
        path.write_bytes(b"\n".join(encoded) + b"\n")
        got = list(read(path))
    assert [r.locator for r in got] == [f"line {n}" for n in range(1, len(rows) + 1)]
    for (obj, cut, _), record in zip(rows, got):
        if cut is not None:
            assert isinstance(record, Rejected) and record.reason in (Reason.BAD_JSON, Reason.BAD_ENCODING)
            continue
        text = obj.get("text")
        usable = [v for v in (obj.get("text"), obj.get("content")) if isinstance(v, str) and v.strip()]
        if usable:
            assert isinstance(record, RawDoc)
            assert record.body == usable[0]
            assert record.ext_id == (str(obj["id"]).strip() or None)
        else:
            assert isinstance(record, Rejected), (obj, record)
            assert record.reason in (Reason.NO_TEXT_FIELD, Reason.EMPTY), (text, record)
        assert "\n" not in getattr(record, "message", "")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(cell_chars, min_size=1, max_size=40), st.text(cell_chars, max_size=80)),
                min_size=1, max_size=20),
       st.sampled_from([",", ";", "\t"]))
def test_every_csv_row_ends_as_exactly_one_record(rows, delimiter):
    import csv

    buffer = io.StringIO()
    # The default "\r\n" line ends make the writer quote a field holding a lone
    # "\r", as spreadsheets do; with "\n" the file would be ambiguous.
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        got = list(read(path))
    kept = [row for row in rows if any(cell.strip() for cell in row)]  # blank rows hold nothing
    if not kept:
        assert [(r.reason, r.locator) for r in got] == [(Reason.EMPTY, "")]  # said once, for the file
        return
    assert [r.locator for r in got] == [f"row {n}" for n in range(1, len(kept) + 1)]
    for (title, text), record in zip(kept, got):
        if text.strip():
            assert isinstance(record, RawDoc) and record.body == text
        else:
            assert record.reason is Reason.EMPTY
