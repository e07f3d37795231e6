"""Every bad input gets its reason, and the other files of the same run are still read."""

from __future__ import annotations

import builtins
import gzip
import json
import os
from pathlib import Path

import pytest

from storyline.ingest import expand, read
from storyline.records import HINTS, RawDoc, Reason, Rejected

GOOD_TEXT = "Un titre inventé\n\nUn corps de texte inventé pour les tests.\n"


def run(paths, **kwargs) -> list[RawDoc | Rejected]:
    """What an ingest run does: expand, then read every file."""
    out: list[RawDoc | Rejected] = []
    for item in expand([str(p) for p in paths]):
        out.extend([item] if isinstance(item, Rejected) else read(item, **kwargs))
    return out


def by_name(records) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for record in records:
        grouped.setdefault(Path(record.path).name, []).append(record)
    return grouped


def reasons(records) -> list[Reason]:
    return [r.reason for r in records if isinstance(r, Rejected)]


def assert_well_formed(rejected: Rejected) -> None:
    assert rejected.message and "\n" not in rejected.message
    assert len(rejected.message) < 600


def test_a_mixed_folder_reads_the_good_and_names_every_bad(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\t\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "disguised.txt").write_bytes(b"%PDF-1.4\n" + bytes(50))
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (tmp_path / "windows.txt").write_bytes(
        "L’été à Genève\n\nLes négociateurs se sont retrouvés jeudi, a-t-on appris.".encode("cp1252"))
    (tmp_path / "export.jsonl").write_text(
        '{"id": "a", "text": "premier"}\n{"id": "b", "text": "deux\n{"id": "c", "text": "troisième"}\n',
        encoding="utf-8")
    (tmp_path / "no_text.csv").write_text("id,titre,resume\n1,a,b\n", encoding="utf-8")
    (tmp_path / "garbage.xml").write_text("<rss><channel><title>x</titl", encoding="utf-8")
    (tmp_path / "letter.rtf").write_text("{\\rtf1\\ansi Hello}", encoding="ascii")

    records = run([tmp_path, tmp_path / "missing.txt"])
    got = by_name(records)

    assert [d.title for d in got["good.txt"]] == ["Un titre inventé"]
    expected = {
        "empty.txt": Reason.EMPTY, "blank.md": Reason.EMPTY, "image.png": Reason.NOT_TEXT,
        "scan.pdf": Reason.NOT_TEXT, "disguised.txt": Reason.NOT_TEXT, "blob.dat": Reason.NOT_TEXT,
        "report.docx": Reason.NOT_TEXT, "no_text.csv": Reason.NO_TEXT_FIELD, "garbage.xml": Reason.BAD_FEED,
        "missing.txt": Reason.NOT_FOUND, "letter.rtf": Reason.UNSUPPORTED,
    }
    for name, reason in expected.items():
        assert reasons(got[name]) == [reason], (name, got[name])
        assert_well_formed(got[name][0])
        assert HINTS[reason] in got[name][0].message
    assert "looks like a PNG image" in got["image.png"][0].message
    assert "looks like a PDF file" in got["scan.pdf"][0].message
    assert "Word document" in got["report.docx"][0].message
    assert "id, titre, resume" in got["no_text.csv"][0].message

    [windows] = got["windows.txt"]
    assert (windows.title, windows.encoding) == ("L’été à Genève", "cp1252")
    assert "négociateurs se sont retrouvés" in windows.body

    jsonl = got["export.jsonl"]
    assert [(type(r).__name__, r.locator) for r in jsonl] == [
        ("RawDoc", "line 1"), ("Rejected", "line 2"), ("RawDoc", "line 3")]
    assert jsonl[1].reason is Reason.BAD_JSON and "column" in jsonl[1].message
    assert jsonl[2].body == "troisième"


def test_cp1252_short_text_is_not_mistaken_for_another_code_page(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Été\n\nL’économie a progressé au troisième trimestre.".encode("cp1252"))
    [doc] = read(path)
    assert doc.title == "Été" and "troisième" in doc.body and doc.encoding == "cp1252"


def test_utf8_file_with_a_stray_cp1252_byte(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Élection à Genève\n\nLe président a dit : « c".encode() + b"\x92" + "est fini ».".encode())
    [doc] = read(path)
    assert doc.body == "Le président a dit : « c’est fini »." and doc.encoding == "utf-8+cp1252"


def test_cyrillic_cp1251_is_detected(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Переговоры\n\nПрезидент заявил, что переговоры продолжатся на следующей неделе.".encode("cp1251"))
    [doc] = read(path)
    assert doc.title == "Переговоры" and doc.encoding == "cp1251"


def test_text_that_decodes_to_control_characters_is_bad_encoding(tmp_path):
    path = tmp_path / "weird.txt"
    path.write_bytes(bytes(range(1, 9)) * 200 + b"\x0e\x0f\x10\x11" * 100)
    [bad] = read(path)
    assert bad.reason is Reason.BAD_ENCODING
    assert_well_formed(bad)


def test_json_objects_without_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "title": "t"}\n{"id": 2, "text": ""}\n{"id": 3, "text": 42}\n"just a string"\n')
    got = list(read(path))
    assert [(r.reason, r.locator) for r in got] == [
        (Reason.NO_TEXT_FIELD, "line 1"), (Reason.EMPTY, "line 2"), (Reason.NO_TEXT_FIELD, "line 3"),
        (Reason.BAD_JSON, "line 4")]
    assert "fields found: id, title" in got[0].message


def test_deeply_nested_json_line_does_not_crash(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"text": "ok"}\n')
    bad, good = read(path)
    assert bad.reason is Reason.BAD_JSON and good.body == "ok"


def test_blank_only_jsonl_and_header_only_csv_are_empty(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n" * 10_000)
    (tmp_path / "b.csv").write_text("id,text\n\n")
    assert [r.reason for r in run([tmp_path])] == [Reason.EMPTY, Reason.EMPTY]


def test_feed_without_entries(tmp_path):
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<url><loc>https://example.com/</loc></url></urlset>")
    assert [r.reason for r in run([empty, sitemap])] == [Reason.EMPTY, Reason.BAD_FEED]


def test_truncated_feed_keeps_its_entries_and_says_it_was_cut(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text("<rss><channel><title>T</title><item><title>x</title><description>d</description></item>"
                    "<item><title>y</title><description>e</description></item><item><title>z</titl")
    got = list(read(path))
    assert [d.body for d in got if isinstance(d, RawDoc)] == ["d", "e"]
    assert [(r.reason, r.locator) for r in got if isinstance(r, Rejected)] == [
        (Reason.NO_TEXT_FIELD, "entry 3"), (Reason.BAD_FEED, "")]


def test_corrupt_gzip(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(b"".join(b'{"id": %d, "text": "texte %d"}\n' % (i, i) for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    got = list(read(path))
    assert all(isinstance(r, RawDoc) for r in got[:-1]) and len(got) > 100
    assert got[-1].reason is Reason.UNREADABLE and "truncated or corrupt" in got[-1].message


def test_gzip_of_an_image_is_not_text(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(100)))
    [bad] = read(path)
    assert bad.reason is Reason.NOT_TEXT and "PNG" in bad.message


def test_too_large_text_and_html_use_max_bytes(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><body>" + "<p>x</p>" * 200 + "</body></html>")
    [bad] = read(path, max_bytes=1000)
    assert bad.reason is Reason.TOO_LARGE and "limited to 0.0 MB" in bad.message
    [doc] = read(path, max_bytes=10_000)
    assert doc.kind == "html"
    packed = tmp_path / "b.txt.gz"
    packed.write_bytes(gzip.compress(b"Titre\n\n" + b"x" * 5000))
    [bad] = read(packed, max_bytes=1000)
    assert bad.reason is Reason.TOO_LARGE and "decompressed" in bad.message


# --- unreadable paths --------------------------------------------------------

def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD_TEXT)
    other = tmp_path / "other.txt"
    other.write_text(GOOD_TEXT)
    if os.geteuid() == 0:
        real_open = os.open

        def deny(name, *args, **kwargs):
            if Path(name) == path:
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny)  # root reads through chmod 000
    else:
        path.chmod(0)
    try:
        bad, good = run([path, other])
    finally:
        path.chmod(0o644)
    assert bad.reason is Reason.UNREADABLE and "Permission denied" in bad.message
    assert isinstance(good, RawDoc)


def test_fifo_given_to_read_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [bad] = read(fifo)
    assert bad.reason is Reason.UNREADABLE and "named pipe" in bad.message


def test_folder_given_to_read(tmp_path):
    [bad] = read(tmp_path)
    assert bad.reason is Reason.UNREADABLE and "folder" in bad.message


def test_path_that_vanishes_before_reading(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text(GOOD_TEXT)
    [found] = list(expand([str(path)]))
    path.unlink()
    [bad] = read(found)
    assert bad.reason is Reason.UNREADABLE and "No such file" in bad.message
    assert "moved or deleted" in bad.message


def test_os_error_in_the_middle_of_a_stream_is_a_rejection(tmp_path, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"t{i}"}) + "\n" for i in range(10)))
    real_open = builtins.open

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def __iter__(self):
            for number, line in enumerate(self.handle):
                if number == 3:
                    raise OSError(5, "Input/output error")
                yield line

    monkeypatch.setattr(builtins, "open", lambda *a, **k: Failing(real_open(*a, **k)))
    got = list(read(path))
    assert [type(r).__name__ for r in got] == ["RawDoc"] * 3 + ["Rejected"]
    assert got[-1].reason is Reason.UNREADABLE and "Input/output error" in got[-1].message


@pytest.mark.parametrize("make", ["symlink_loop", "missing"])
def test_path_problems_do_not_stop_the_run(tmp_path, make):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(GOOD_TEXT)
    if make == "symlink_loop":
        (tmp_path / "news" / "loop").symlink_to(tmp_path / "news", target_is_directory=True)
        expected = Reason.SYMLINK_LOOP
        paths = [tmp_path / "news"]
    else:
        expected = Reason.NOT_FOUND
        paths = [tmp_path / "nothing-here", tmp_path / "news"]
    got = run(paths)
    assert reasons(got) == [expected]
    assert [d.title for d in got if isinstance(d, RawDoc)] == ["Un titre inventé"]
