""":func:`read`: one file in, RawDoc records (or rejections) out.

The format readers live in their own modules (:mod:`.text`, :mod:`.jsonfiles`,
:mod:`.csvfiles`, :mod:`.feeds`, :mod:`.warcs`); this module opens the file,
decides which reader gets it, and makes sure no error escapes.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterator

from storyline.ingest.csvfiles import read_csv
from storyline.ingest.feeds import read_feed
from storyline.ingest.fields import Defaults
from storyline.ingest.inputs import DECOMPRESSION_ERRORS, Input, open_input
from storyline.ingest.jsonfiles import read_json, read_jsonl
from storyline.ingest.rejects import os_error, reject
from storyline.ingest.sniff import bom_encoding, choose_format, format_from_content, format_from_name
from storyline.ingest.text import read_html, read_txt
from storyline.ingest.warcs import read_warc
from storyline.records import RawDoc, Reason, Rejected

#: Largest one-article file (text, HTML) read, in bytes. A real article is
#: under 200 KB and a saved page with inline scripts under 2 MB; 5 MB leaves
#: room and refuses a whole book or a log file before it is read.
MAX_BYTES_DEFAULT = 5_000_000

Reader = Callable[[Input], Iterator[RawDoc | Rejected]]
READERS: dict[str, Reader] = {
    "txt": read_txt,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "feed": read_feed,
    "warc": read_warc,
}
#: Formats read as lines, which UTF-16/32 content must be transcoded for.
_LINE_FORMATS = frozenset({"json", "jsonl", "csv"})


def read(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES_DEFAULT, source: str | None = None,
         lang: str | None = None) -> Iterator[RawDoc | Rejected]:
    """Read one file: a RawDoc per article, a Rejected per part that is not one.

    1. open it (a refusal for what is not a regular, non-empty, text file; see
       :func:`~storyline.ingest.inputs.open_input`);
    2. choose the format: the extension's claim, overruled by what the first
       bytes clearly are (:func:`~storyline.ingest.sniff.choose_format`);
    3. let that format's reader yield the articles;
    4. turn an OS error at any point (a file vanishing, a disk error) into an
       UNREADABLE rejection: nothing raises out of ``read`` for a bad input.

    ``source`` and ``lang`` fill in what the input does not say; they never
    override what it does say.
    """
    shown = os.fspath(path)
    defaults = Defaults(source=source, lang=lang)
    opened: Input | Rejected | None = None
    try:
        with contextlib.ExitStack() as stack:
            opened = open_input(shown, max_bytes=max_bytes, defaults=defaults, stack=stack)  # 1.
            if isinstance(opened, Rejected):
                yield opened
                return
            yield from _read_opened(opened)  # 2-3.
    except (*DECOMPRESSION_ERRORS, zlib.error, OSError) as error:  # 4.
        yield _failure(shown, error, opened.compression if isinstance(opened, Input) else None)


def _failure(path: str, error: Exception, packed: str | None) -> Rejected:
    """UNREADABLE for an error met while reading: the OS's, or a decompressor's."""
    # An I/O error has an errno; bz2 and gzip report corrupt data as an
    # OSError without one (gzip's as BadGzipFile), lzma and zlib as their own.
    from_os = isinstance(error, OSError) and not isinstance(error, DECOMPRESSION_ERRORS)
    if from_os and (error.errno is not None or packed is None):
        return os_error(path, error, "read the file")
    return reject(path, Reason.UNREADABLE, f"the {packed or 'compressed'} data is truncated or corrupt: {error}",
                  hint="the compressed file is damaged; the articles before the damage were read")


def _read_opened(inp: Input) -> Iterator[RawDoc | Rejected]:
    fmt = choose_format(format_from_name(inp.name), format_from_content(inp.head))
    if fmt == "rtf":
        yield reject(inp.path, Reason.UNSUPPORTED, "looks like an RTF document")
        return
    encoding = bom_encoding(inp.head)
    if fmt in _LINE_FORMATS and encoding in ("utf-16", "utf-32"):
        inp = inp.transcoded(encoding)
    yield from READERS[fmt](inp)
