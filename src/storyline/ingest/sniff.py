"""What a file is: from its name, then from its first bytes.

Everything here looks at a small head of the file (:data:`HEAD_BYTES`) and
nothing else, so that deciding costs one small read whatever the file's size.

The extension is a claim; the first bytes are evidence. Clear evidence (binary
magic numbers, a WARC header, an RSS/Atom or HTML root element, a JSON value)
overrides the claim, because files are routinely saved with the wrong
extension (an HTML page saved as ``.txt``, JSONL saved as ``.json``). When the
bytes only say "some text", the extension decides.
"""

from __future__ import annotations

import codecs
import json
import re

#: How much of a file is read to decide what it is. 8 KB holds any real
#: prolog (XML declaration, doctype, comments) and is one page of I/O.
HEAD_BYTES = 8192

#: Formats by extension. ``txt`` and ``html`` hold one article per file; the
#: others hold many and are streamed.
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
}
SINGLE_ARTICLE_FORMATS = frozenset({"txt", "html"})

#: Compression wrappers opened transparently: their magic numbers and names.
COMPRESSIONS = (
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
)
_BZ2 = re.compile(rb"BZh[1-9]1AY&SY")  # "BZh" alone also starts ordinary words
COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}

#: Magic numbers of files that are not text. Checked before anything else.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3\x02", "an MP3 audio file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
#: ZIP is the container of several office formats; name the one the extension claims.
_ZIP_KINDS = {
    ".docx": "a Word document (.docx)", ".xlsx": "an Excel workbook (.xlsx)",
    ".pptx": "a PowerPoint file (.pptx)", ".odt": "an OpenDocument text (.odt)",
    ".ods": "an OpenDocument spreadsheet (.ods)", ".epub": "an EPUB book",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Markup prolog that may precede the root element: XML declaration, processing
# instructions, comments, doctype (other than HTML's, which is itself evidence).
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)[^>]*>)", re.S | re.I)
_FIRST_TAG = re.compile(r"<(!doctype\s+html|[a-z][a-z0-9:_-]*)", re.I)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
# Root elements that make a file HTML: the four of a full page, plus what a saved
# fragment of a page starts with.
_HTML_ROOTS = frozenset({
    "html", "head", "body", "meta", "title", "link", "article", "main", "section", "div", "p",
    "h1", "h2", "h3", "header", "nav", "table", "span", "script", "style", "!doctype html",
})


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def not_text(head: bytes, name: str) -> str | None:
    """What a binary file looks like ("a PDF file"), or None when it may be text.

    A UTF-16/32 file is full of NUL bytes yet is text: its byte-order mark is
    checked before the NUL test.
    """
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what == "a ZIP archive":
                return _ZIP_KINDS.get(_suffix(name), what)
            if what == "a Windows program" and b"\x00" not in head[:64]:
                continue  # "MZ" also starts ordinary words; a real program has NULs at once
            return what
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "a WebP image"
    if head[4:8] == b"ftyp":
        return "an MP4/MOV video"
    if head[257:262] == b"ustar":
        return "a tar archive"
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return None
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    return None


def compression(head: bytes) -> str | None:
    """"gzip", "bz2" or "xz" when the file is compressed, else None."""
    for magic, label in COMPRESSIONS:
        if head.startswith(magic):
            return label
    return "bz2" if _BZ2.match(head) else None


def is_archive_head(head: bytes) -> bool:
    """True for the start of a WARC or ARC file (after decompression)."""
    return head.startswith((b"WARC/", b"filedesc://"))


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def strip_compressed_suffix(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``: the name the content had before compression."""
    suffix = _suffix(name)
    return name[: -len(suffix)] if suffix in COMPRESSED_SUFFIXES else name


def format_from_name(name: str) -> str | None:
    """The format the extension claims, or None for an unknown or missing one."""
    if name.lower().endswith((".warc.gz", ".arc.gz")):
        return "warc"
    return EXTENSIONS.get(_suffix(name))


def format_from_content(head: bytes) -> str:
    """What the head clearly is: warc, feed, html, json, xml, rtf, or text (no clear evidence)."""
    if is_archive_head(head):
        return "warc"
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        # Decoding a cut head: drop an incomplete last character rather than fail.
        text = head.decode(encoding, errors="ignore")
    else:
        # Latin-1 never fails and keeps every ASCII marker we look for in place.
        text = head.decode("latin-1").removeprefix("\xef\xbb\xbf")
    stripped = text.lstrip()
    if stripped.startswith("{\\rtf"):
        return "rtf"
    if stripped.startswith("<"):
        return _markup_kind(stripped)
    if stripped.startswith("["):
        return "json" if re.match(r"\[\s*(?:[{\]]|$)", stripped) else "text"
    if stripped.startswith("{") and _first_line_is_json_object(stripped):
        return "json"
    return "text"


def _markup_kind(text: str) -> str:
    position = 0
    while True:
        prolog = _PROLOG.match(text, position)
        if not prolog or prolog.end() == position:
            break
        position = prolog.end()
    tag = _FIRST_TAG.match(text, _skip_spaces(text, position))
    if not tag:
        return "text"
    name = tag.group(1).lower()
    if name.startswith("!doctype"):
        return "html"
    if name in _FEED_ROOTS:
        return "feed"
    if name in _HTML_ROOTS:
        return "html"
    return "xml"


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _first_line_is_json_object(text: str) -> bool:
    # A plain-text article may start with "{" (rarely); a JSON file's first line
    # is a whole object (JSONL) or an opening brace alone (pretty-printed JSON).
    first = text.split("\n", 1)[0].strip()
    if first == "{":
        return True
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        # Cut by the head limit: a long JSONL line still starts like an object.
        return len(first) >= HEAD_BYTES // 2 and bool(re.match(r'\{\s*"', first))


def choose_format(claimed: str | None, content: str) -> str:
    """The format to read with, from the extension's claim and the content's evidence."""
    if content in ("warc", "feed", "html", "rtf"):
        return content
    if content == "json":
        return claimed if claimed in ("json", "jsonl") else "json"
    if content == "xml":
        # An XML root that is neither a feed nor HTML (a sitemap, a CMS export):
        # the feed reader says what it is when the name does not claim otherwise.
        # A text article starting with "<Exclusif>" stays text.
        return "feed" if claimed in (None, "feed") else claimed
    return claimed or "txt"
