"""WARC and ARC archives: one article per HTML page, streamed with warcio.

Only ``response`` records (and ``resource`` records) holding HTML are pages;
requests, metadata, images, scripts and redirects are not articles and leave no
trace. The WARC-Date is when the page was crawled, not published, so it is not
given as ``published`` (the clean stage finds the page's own date).

warcio does not report a truncated archive: a record cut short comes back with
a short payload, a gzip member cut short comes back as far as it goes, and a
record cut inside its headers either comes back without headers or just ends
the iteration. Each is checked here (:func:`_headers_cut`, :func:`_cut_short`,
:func:`_member_cut`, :func:`_damaged_tail`), so that the pages before the
damage are kept and the damage is one BAD_WARC rejection.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from storyline.ingest.decode import decode, header_charset, meta_charset
from storyline.ingest.fields import make_doc
from storyline.ingest.inputs import Input
from storyline.ingest.rejects import reject
from storyline.ingest.sniff import HEAD_BYTES, format_from_content
from storyline.records import RawDoc, Reason, Rejected

_PAGE_RECORDS = ("response", "resource")
_NOT_CHUNKED = "non-chunked gzip file detected"  # warcio's words for a whole-file gzip


def read_warc(inp: Input) -> Iterator[RawDoc | Rejected]:
    """Each HTML page is one article; the first damage ends the archive."""
    inp.raw.seek(0)
    reading = _Records(inp, inp.raw)
    yield from reading
    if reading.whole_file_gzip:
        # `gzip crawl.warc` makes one gzip member of the whole archive, which
        # warcio refuses after the first record (it wants one member per
        # record). Read it again decompressed, past the records already read.
        inp.raw.seek(0)
        with gzip.GzipFile(fileobj=inp.raw) as unpacked:
            stream = _UntilBroken(unpacked)
            again = _Records(inp, stream, skip=reading.number, on_disk=False)
            yield from again
            if stream.error and not again.damaged:
                yield _damage(inp, again.number + 1, f"the archive's gzip data is cut short: {stream.error}")


class _UntilBroken:
    """A stream that ends where its decompression fails, remembering why.

    warcio takes an EOFError from its stream for the archive's normal end, so
    a truncated gzip would read as a shorter, intact archive.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error:
            return b""
        try:
            # read1: what one step decompresses. read() would fill ``size`` and,
            # meeting the cut, raise and drop what it had decompressed so far.
            return self.stream.read1(size if size > 0 else 1 << 16)
        except (EOFError, OSError, zlib.error) as error:
            self.error = str(error)
            return b""


class _Records:
    """Iterates the records of one archive stream into RawDoc and Rejected records.

    ``on_disk`` is False when warcio reads a stream decompressed by us: file
    offsets (for the damaged-tail check) and gzip members mean nothing then,
    and a truncated stream shows as the decompressor's EOFError instead.
    """

    def __init__(self, inp: Input, stream: BinaryIO, *, skip: int = 0, on_disk: bool = True) -> None:
        self.inp = inp
        self.stream = stream
        self.skip = skip
        self.on_disk = on_disk
        self.number = 0  # records fetched so far; the one being read when damage shows
        self.whole_file_gzip = False
        self.damaged = False

    def __iter__(self) -> Iterator[RawDoc | Rejected]:
        inp = self.inp
        archive = ArchiveIterator(self.stream, arc2warc=True)
        records = iter(archive)
        end = 0  # where the last intact record ends, in bytes of the file on disk
        pages = 0
        while True:
            fetched = False  # whether the damage is in the record being read or the next one
            try:
                record = next(records, None)
                if record is None:
                    break
                self.number += 1
                fetched = True
                damage = _headers_cut(record)
                payload = None if damage or self.number <= self.skip else _payload(record)
                record.raw_stream.read()  # to its end: what a short read leaves unread is the damage
                damage = damage or _cut_short(record)
                if not damage and self.on_disk:
                    end = archive.get_record_offset() + archive.get_record_length()
                    damage = _member_cut(archive, inp)
            except Exception as error:  # noqa: BLE001 - warcio raises anything from
                # AttributeError to zlib.error on a damaged archive; all mean the same here.
                if self.on_disk and _NOT_CHUNKED in str(error):
                    self.whole_file_gzip = True
                    return
                self.damaged = True
                yield _damage(inp, self.number if fetched else self.number + 1,
                              f"the archive cannot be read further: {type(error).__name__}: {error}")
                return
            if damage:
                self.damaged = True
                yield _damage(inp, self.number, damage)
                return
            if payload is None:
                continue
            pages += 1
            yield _page_doc(inp, record, payload, f"record {self.number}")
        if self.on_disk and _damaged_tail(inp, end):
            yield _damage(inp, self.number + 1, f"the archive ends inside record {self.number + 1}, after byte {end}")
        elif self.number == 0 and self.on_disk:
            yield reject(inp.path, Reason.BAD_WARC, "no WARC or ARC record could be read")
        elif pages == 0 and not self.skip:
            yield reject(inp.path, Reason.EMPTY, f"the archive's {self.number} records hold no HTML page",
                         hint="nothing to read in it; remove it from the input")


def _payload(record: Any) -> bytes | None:
    """The page's bytes when the record is an HTML page worth reading, else None."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    http = record.http_headers
    if record.rec_type == "response" and http is not None:
        status = http.get_statuscode() or ""
        # Redirects and error pages are not articles (a 404 page would become one).
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if content_type and "html" not in content_type.lower():
        return None
    payload = record.content_stream().read()
    if not content_type and format_from_content(payload[:HEAD_BYTES]) != "html":
        return None  # no type given, and the bytes are not HTML either
    return payload


def _page_doc(inp: Input, record: Any, payload: bytes, locator: str) -> RawDoc | Rejected:
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http is not None
                    else record.rec_headers.get_header("Content-Type"))
    declared = header_charset(content_type) or meta_charset(payload[:8192])
    decoded = decode(payload, path=inp.path, locator=locator, declared=declared)
    if isinstance(decoded, Rejected):
        return decoded
    if not decoded.text.strip():
        return reject(inp.path, Reason.EMPTY, f"{locator}: the page is empty", locator,
                      hint="the crawler saved an empty page; nothing to read")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return make_doc(inp.path, decoded.text, defaults=inp.defaults, format="warc", kind="html",
                    locator=locator, url=url or None, encoding=decoded.encoding)


def _headers_cut(record: Any) -> str | None:
    # Every WARC record has a type and a Content-Length (ARC records a length,
    # which warcio converts): without them, the headers were cut.
    if not record.rec_type:
        return "the record has no WARC headers"
    declared = record.rec_headers.get_header("Content-Length") or record.rec_headers.get_header("length")
    if record.length is None or not (declared or "").strip().isdigit():
        return "the record's headers are cut short (no Content-Length)"
    return None


def _cut_short(record: Any) -> str | None:
    # A record whose Content-Length promised more than the file held: warcio's
    # LimitReader keeps the unread count in ``limit``.
    missing = getattr(record.raw_stream, "limit", 0) or 0
    return f"the record is cut short: {missing} bytes of it are missing" if missing > 0 else None


def _member_cut(archive: ArchiveIterator, inp: Input) -> str | None:
    # In a .warc.gz each record is one gzip member; zlib knows whether the
    # member's end (and its checksum) arrived. warcio does not look, so we read
    # its decompressor: a member not ended although the file is read to its
    # end and nothing decompressed is left over was cut. (A member not ended
    # with data left over is a whole-file gzip, see read_warc.)
    reader = archive.reader
    decompressor = getattr(reader, "decompressor", None)
    if decompressor is None or getattr(decompressor, "eof", True):
        return None
    # (warcio may hold the first line of the next record in ``next_line``.)
    if reader.rem_length() == 0 and not archive.next_line and inp.raw.tell() >= inp.raw_size:
        return "the record's gzip member is cut short (its end and checksum are missing)"
    return None


def _damaged_tail(inp: Input, end: int) -> bool:
    """True when bytes remain after the last intact record (a record cut in its headers).

    After an uncompressed record come two blank lines (CRLF CRLF) that warcio
    leaves out of the record's length; anything more is a damaged record.
    """
    left = inp.raw_size - end
    if left <= 0:
        return False
    if left > 64:
        return True
    return bool(os.pread(inp.raw.fileno(), left, end).strip())


def _damage(inp: Input, number: int, what: str) -> Rejected:
    locator = f"record {number}"
    return reject(inp.path, Reason.BAD_WARC, f"{locator}: {what}", locator)
