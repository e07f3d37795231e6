"""read(): every format gives its articles with their fields, titles and ids.

Fixtures are written here, small and made up: no real article is copied.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read
from storyline.records import RawDoc, Reason, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def docs(path, **kwargs) -> list[RawDoc | Rejected]:
    return list(read(path, **kwargs))


def only_doc(path, **kwargs) -> RawDoc:
    [doc] = docs(path, **kwargs)
    assert isinstance(doc, RawDoc), doc
    return doc


# --- plain text and Markdown -------------------------------------------------

def test_text_first_line_is_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\n  Sommet de Genève : accord sur le cessez-le-feu  \n\nLe texte.\nSuite du texte.\n",
                    encoding="utf-8")
    doc = only_doc(path)
    assert (doc.title, doc.body, doc.kind, doc.format, doc.locator, doc.encoding) == (
        "Sommet de Genève : accord sur le cessez-le-feu", "Le texte.\nSuite du texte.", "text", "txt", "", "utf-8")
    assert doc.path == str(path)


def test_markdown_heading_and_front_matter(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Élection : les résultats #\n\nPremier paragraphe.\n", encoding="utf-8")
    assert (only_doc(md).title, only_doc(md).body) == ("Élection : les résultats", "Premier paragraphe.")
    front = tmp_path / "b.md"
    front.write_text('---\ntitle: "Les négociations reprennent"\ndate: 2024-11-07\ntags:\n  - monde\n'
                     'url: https://www.example.fr/a\n---\nLes délégations se sont retrouvées jeudi.\n',
                     encoding="utf-8")
    doc = only_doc(front)
    assert (doc.title, doc.published, doc.url, doc.source) == (
        "Les négociations reprennent", "2024-11-07", "https://www.example.fr/a", "example.fr")
    assert doc.body == "Les délégations se sont retrouvées jeudi."


def test_text_one_long_line_keeps_all_words_as_body(tmp_path):
    path = tmp_path / "scraped.txt"
    text = "Un article sans saut de ligne. " * 40
    path.write_text(text, encoding="utf-8")
    doc = only_doc(path)
    assert doc.title is None and doc.body == text.strip()


def test_user_source_and_lang_fill_in(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Titre\n\nTexte.", encoding="utf-8")
    doc = only_doc(path, source="AFP", lang="fr")
    assert (doc.source, doc.lang) == ("AFP", "fr")


# --- HTML --------------------------------------------------------------------

def test_html_is_passed_as_markup(tmp_path):
    path = tmp_path / "page.html"
    page = "<!DOCTYPE html><html><head><title>T</title></head><body><article><p>Texte.</p></article></body></html>"
    path.write_text(page, encoding="utf-8")
    doc = only_doc(path)
    assert (doc.kind, doc.format, doc.body) == ("html", "html", page)


def test_html_meta_charset_is_respected_when_utf8_fails(tmp_path):
    path = tmp_path / "page.htm"
    page = '<html><head><meta charset="windows-1252"><title>x</title></head><body><p>L’été à Genève</p></body></html>'
    path.write_bytes(page.encode("cp1252"))
    doc = only_doc(path)
    assert "L’été à Genève" in doc.body and doc.encoding == "cp1252"


# --- JSON Lines and JSON -----------------------------------------------------

def test_jsonl_fields_are_mapped_and_ids_kept(tmp_path):
    rows = [
        {"id": "t17-001", "time": "2011-02-11", "text": "Mubarak resigns.", "title": "Egypt",
         "url": "https://www.example.com/egypt/1", "lang": "en", "authors": ["A. B.", "C. D."]},
        {"ID": 42, "Content": "<p>Le texte</p><p>suite</p>", "pubDate": "Mon, 06 Sep 2021 16:45:00 +0000",
         "link": "http://example.fr/x", "outlet": "Le Journal", "language": "fr"},
        {"_id": "np", "maintext": "news-please text", "date_publish": "2020-01-02 10:00:00",
         "source_domain": "example.org", "title": "NP"},
        {"id": 7, "body": "NewsAPI text", "publishedAt": "2024-01-01T10:00:00Z",
         "source": {"id": "le-monde", "name": "Le Monde"}, "author": "X"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n\n", encoding="utf-8")
    first, second, third, fourth = docs(path, source="ignored", lang="es")
    assert (first.ext_id, first.published, first.title, first.body, first.kind) == (
        "t17-001", "2011-02-11", "Egypt", "Mubarak resigns.", "text")
    assert (first.source, first.lang, first.author, first.locator, first.format) == (
        "ignored", "en", "A. B., C. D.", "line 1", "jsonl")
    assert (second.ext_id, second.kind, second.published, second.url, second.source, second.lang) == (
        "42", "html", "Mon, 06 Sep 2021 16:45:00 +0000", "http://example.fr/x", "Le Journal", "fr")
    assert (third.ext_id, third.body, third.published, third.source, third.lang) == (
        "np", "news-please text", "2020-01-02 10:00:00", "example.org", "es")
    assert (fourth.source, fourth.published, fourth.author) == ("Le Monde", "2024-01-01T10:00:00Z", "X")


def test_source_from_url_host_when_nothing_else_says(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "x", "url": "https://www.lemonde.fr/international/article/1.html"}\n')
    assert only_doc(path).source == "lemonde.fr"


@pytest.mark.parametrize("document", [
    {"id": 1, "text": "one"},
    [{"id": 1, "text": "one"}, {"id": 2, "text": "two"}],
    {"status": "ok", "articles": [{"id": 1, "text": "one"}, {"id": 2, "text": "two"}]},
    {"items": [{"id": 1, "text": "one"}]},
    {"data": [{"id": 1, "text": "one"}]},
])
def test_json_document_shapes(tmp_path, document):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    got = docs(path)
    assert all(isinstance(doc, RawDoc) and doc.format == "json" for doc in got)
    assert [doc.ext_id for doc in got] == [str(i + 1) for i in range(len(got))]
    if len(got) > 1 or isinstance(document, list) or "text" not in document:
        assert [doc.locator for doc in got] == [f"item {i + 1}" for i in range(len(got))]


def test_json_list_with_a_non_object_item(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps([{"text": "one"}, "two"]))
    doc, bad = docs(path)
    assert doc.body == "one"
    assert (bad.reason, bad.locator) == (Reason.BAD_JSON, "item 2")


def test_invalid_json_document_says_where(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text('{\n  "text": "one",\n  "title": \n}\n')
    [bad] = docs(path)
    assert bad.reason is Reason.BAD_JSON and "line 4 column 1" in bad.message


# --- CSV ---------------------------------------------------------------------

def test_csv_with_sniffed_delimiter_and_case_insensitive_header(tmp_path):
    path = tmp_path / "export.csv"
    long_text = "Un texte long; avec des virgules, et des \"guillemets\".\n" * 5000  # > 128 KiB field
    path.write_text('\ufeffID;Title;Text;Date;URL\n'
                    f'a1;Premier;"{long_text.replace(chr(34), chr(34) * 2)}";2024-11-07;https://www.example.fr/1\n'
                    'a2;Second;Deuxième texte;;\n', encoding="utf-8")
    first, second = docs(path)
    assert (first.ext_id, first.title, first.published, first.source, first.locator, first.format) == (
        "a1", "Premier", "2024-11-07", "example.fr", "row 1", "csv")
    assert first.body == long_text
    assert (second.ext_id, second.body, second.published, second.url) == ("a2", "Deuxième texte", None, None)


def test_tsv(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("title\tcontent\nT\tle texte, avec virgule\n", encoding="utf-8")
    assert (only_doc(path).title, only_doc(path).body) == ("T", "le texte, avec virgule")


def test_csv_utf16_spreadsheet_export(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("title\ttext\nÉté\tLe texte d’été\n".encode("utf-16"))
    doc = only_doc(path)
    assert (doc.title, doc.body, doc.encoding) == ("Été", "Le texte d’été", "utf-16")


def test_csv_malformed_rows_are_refused_one_by_one(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,title,text\n1,a,one\n2,b\n3,c,three,extra\n4,d,four,\n5,e,\n\n6,f,six\n")
    got = docs(path)
    assert [(type(r).__name__, r.locator, getattr(r, "reason", None)) for r in got] == [
        ("RawDoc", "row 1", None),
        ("Rejected", "row 2", Reason.BAD_CSV),
        ("Rejected", "row 3", Reason.BAD_CSV),
        ("RawDoc", "row 4", None),  # a trailing empty cell is not a problem
        ("Rejected", "row 5", Reason.EMPTY),
        ("RawDoc", "row 6", None),
    ]
    assert "2 fields, the header has 3" in got[1].message


def test_csv_unclosed_quote(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id,title,text\n1,"a,one\n2,b,two\n')
    [bad] = docs(path)
    assert bad.reason is Reason.BAD_CSV and "quote" in bad.message


# --- RSS / Atom --------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Quotidien</title><language>fr</language>
<item><title>Premier</title><link>https://example.fr/1</link><guid>urn:1</guid>
<pubDate>Thu, 07 Nov 2024 10:00:00 +0100</pubDate><author>redaction@example.fr (La rédaction)</author>
<description>Résumé &lt;b&gt;court&lt;/b&gt;.</description></item>
<item><title>Second</title><link>https://example.fr/2</link><description>Texte brut.</description></item>
<item><title>Sans texte</title><link>https://example.fr/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>A1</title><link href="https://atom.example.com/a1"/><id>tag:a1</id>
<updated>2024-11-08T09:00:00Z</updated><summary>short</summary>
<content type="html">&lt;p&gt;Full article text.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = docs(path, source="ignored")
    assert (first.title, first.url, first.published, first.source, first.lang, first.locator, first.format) == (
        "Premier", "https://example.fr/1", "Thu, 07 Nov 2024 10:00:00 +0100", "Le Quotidien", "fr", "entry 1", "feed")
    assert (first.kind, first.ext_id) == ("html", "urn:1") and "<b>court</b>" in first.body
    assert (second.kind, second.body) == ("text", "Texte brut.")
    assert (third.reason, third.locator) == (Reason.NO_TEXT_FIELD, "entry 3")


def test_atom_content_wins_over_summary(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    doc = only_doc(path)
    assert (doc.title, doc.url, doc.published, doc.source, doc.kind) == (
        "A1", "https://atom.example.com/a1", "2024-11-08T09:00:00Z", "Atom News", "html")
    assert "Full article text." in doc.body


# --- lying and missing extensions ------------------------------------------

def test_html_saved_as_txt(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("  \n<!doctype html>\n<html lang=fr><body><p>x</p></body></html>")
    assert only_doc(path).format == "html"


def test_jsonl_saved_as_json(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"id": 1, "text": "one"}\n{"id": 2, "text": "two"}\n')
    assert [(d.ext_id, d.locator, d.format) for d in docs(path)] == [("1", "line 1", "jsonl"), ("2", "line 2", "jsonl")]


def test_jsonl_with_a_bad_first_line_saved_as_json(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"id": 1, "text": "on\n{"id": 2, "text": "two"}\n{"id": 3, "text": "three"}\n')
    got = docs(path)
    assert [(r.locator, type(r).__name__) for r in got] == [
        ("line 1", "Rejected"), ("line 2", "RawDoc"), ("line 3", "RawDoc")]


def test_rss_saved_as_txt_and_without_extension(tmp_path):
    for name in ["feed.txt", "feed"]:
        path = tmp_path / name
        path.write_text(RSS, encoding="utf-8")
        assert [d.format for d in docs(path) if isinstance(d, RawDoc)] == ["feed", "feed"]


def test_jsonl_saved_as_txt(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text('{"id": 1, "text": "one"}\n{"id": 2, "text": "two"}\n')
    assert [d.ext_id for d in docs(path)] == ["1", "2"]


def test_gzipped_and_bz2_inputs_are_opened(tmp_path):
    gz = tmp_path / "export.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": 1, "text": "one"}\n{"id": 2, "text": "two"}\n'))
    assert [d.ext_id for d in docs(gz)] == ["1", "2"]
    bz = tmp_path / "article.txt.bz2"
    bz.write_bytes(bz2.compress("Titre\n\nTexte.".encode()))
    assert only_doc(bz).title == "Titre"


def test_small_fixture_folder_reads_cleanly():
    """The hand-written fixtures in tests/fixtures/ingest: one of each format."""
    from storyline.ingest import expand

    found = {}
    for path in expand([str(FIXTURES)]):
        assert isinstance(path, Path), path
        found[path.name] = [r for r in read(path)]
    assert all(isinstance(r, RawDoc) for records in found.values() for r in records), found
    assert {name: len(records) for name, records in found.items()} == {
        "article.md": 1, "article.txt": 1, "export.csv": 2, "export.jsonl": 2, "feed.xml": 2, "page.html": 1}


# --- WARC --------------------------------------------------------------------

def write_warc(path: Path, *, gz: bool, keep_of_last: float = 1.0) -> int:
    """Two HTML responses, an image, a redirect, then a third page of which only ``keep_of_last`` is written.

    Returns the offset where that last record starts.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)

    def response(url, body: bytes, content_type: str, status: str = "200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))

    response("https://www.example.org/a", "<html><body><p>Page A, été</p></body></html>".encode(),
             "text/html; charset=utf-8")
    response("https://www.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200, "image/png")
    response("https://www.example.org/old", b"<html><body>moved</body></html>", "text/html", "301 Moved")
    response("https://www.example.org/b", "<html><body><p>Page B, été</p></body></html>".encode("cp1252"),
             "text/html; charset=windows-1252")
    complete = len(buffer.getvalue())
    words = random.Random(0).choices(["paix", "guerre", "accord", "sommet", "Genève", "jeudi"], k=600)
    response("https://www.example.org/c", f"<html><body><p>{' '.join(words)}</p></body></html>".encode(),
             "text/html")
    data = buffer.getvalue()
    path.write_bytes(data[: complete + int((len(data) - complete) * keep_of_last)])
    return complete


@pytest.mark.parametrize("gz", [False, True])
def test_warc_pages_are_read_and_others_skipped(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz=gz)
    got = docs(path)
    assert [(d.url, d.locator, d.kind, d.format, d.published) for d in got] == [
        ("https://www.example.org/a", "record 1", "html", "warc", None),
        ("https://www.example.org/b", "record 4", "html", "warc", None),
        ("https://www.example.org/c", "record 5", "html", "warc", None),
    ]
    assert "Page B, été" in got[1].body and got[1].encoding == "cp1252"
    assert got[0].source == "example.org"


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.02, 0.1, 0.3, 0.5, 0.9, 0.99])
def test_truncated_warc_keeps_records_before_the_damage(tmp_path, gz, keep):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz=gz, keep_of_last=keep)
    got = docs(path)
    pages = [d for d in got if isinstance(d, RawDoc)]
    rejected = [d for d in got if isinstance(d, Rejected)]
    assert [p.url.rsplit("/", 1)[1] for p in pages] == ["a", "b"]
    assert [(r.reason, r.locator) for r in rejected] == [(Reason.BAD_WARC, "record 5")]


@pytest.mark.parametrize("gz", [False, True])
def test_every_cut_inside_the_last_record_is_one_bad_warc(tmp_path, gz):
    """warcio is silent on most of these cuts: each must still be reported, once."""
    full = tmp_path / "full.warc"
    start = write_warc(full, gz=gz)
    data = full.read_bytes()
    cut_file = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    # An uncompressed record ends with two blank lines; cut there, its content is whole.
    last_cut = len(data) - (0 if gz else 4)
    for cut in range(start + 1, last_cut, 7 if gz else 23):
        cut_file.write_bytes(data[:cut])
        got = list(read(cut_file))
        assert [type(r).__name__ for r in got] == ["RawDoc", "RawDoc", "Rejected"], cut
        assert (got[-1].reason, got[-1].locator) == (Reason.BAD_WARC, "record 5"), cut


def test_warc_gzipped_as_one_whole_file(tmp_path):
    """`gzip crawl.warc` makes one member for all records, which warcio alone refuses."""
    plain = tmp_path / "crawl.warc"
    write_warc(plain, gz=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert [(d.locator, d.url) for d in docs(whole)] == [(d.locator, d.url) for d in docs(plain)]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-60])
    got = docs(cut)
    assert [type(r).__name__ for r in got] == ["RawDoc", "RawDoc", "Rejected"]
    assert (got[-1].reason, got[-1].locator) == (Reason.BAD_WARC, "record 5")


def test_file_named_warc_that_is_not_one(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_text("just some text\nover two lines\n")
    [bad] = docs(path)
    assert (bad.reason, bad.locator) == (Reason.BAD_WARC, "record 1")
