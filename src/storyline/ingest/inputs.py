"""An opened input file, as every format reader receives it.

Opening is where most bad inputs are caught, each with its reason: a path that
is not a regular file, an empty file, a binary file, a compressed one (opened
through its decompressor). What comes out is an :class:`Input`: a seekable
binary stream with its head already read, and the facts the readers need.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import stat
import zlib
from dataclasses import dataclass, replace
from typing import BinaryIO

from storyline.ingest.fields import Defaults
from storyline.ingest.paths import special_file
from storyline.ingest.rejects import os_error, reject
from storyline.ingest.sniff import (
    HEAD_BYTES,
    compression,
    is_archive_head,
    not_text,
    strip_compressed_suffix,
)
from storyline.records import Reason, Rejected

_OPENERS = {"gzip": gzip.GzipFile, "bz2": bz2.BZ2File, "xz": lzma.LZMAFile}

#: Errors a decompressor raises on a truncated or corrupt stream. bz2 also
#: raises a bare OSError (no errno), told apart from I/O errors by the caller.
DECOMPRESSION_ERRORS = (EOFError, lzma.LZMAError, gzip.BadGzipFile)


@dataclass(frozen=True)
class Input:
    """One file, opened.

    ``stream`` yields the file's content (decompressed when it was compressed)
    and is seekable; ``raw`` is the file on disk, for readers that handle
    compression themselves (WARC). ``size`` is the size on disk, or None when
    the content is decompressed and its size is not known without reading it.
    ``label`` names the encoding when the content was transcoded to UTF-8
    before reading (UTF-16/32 line streams).
    """

    path: str
    name: str
    stream: BinaryIO
    raw: BinaryIO
    head: bytes
    size: int | None
    raw_size: int
    compression: str | None
    defaults: Defaults
    max_bytes: int
    label: str | None = None

    def read_all(self) -> bytes | Rejected:
        """The whole content of a one-article file, or TOO_LARGE without reading it all."""
        if self.size is not None and self.size > self.max_bytes:
            return reject(self.path, Reason.TOO_LARGE,
                          f"file is {_mb(self.size)}; one article per file is limited to {_mb(self.max_bytes)}")
        self.stream.seek(0)
        data = self.stream.read(self.max_bytes + 1)  # one byte over the limit is enough to know
        if len(data) > self.max_bytes:
            return reject(self.path, Reason.TOO_LARGE,
                          f"file is over {_mb(self.max_bytes)} once decompressed; one article per file is "
                          f"limited to {_mb(self.max_bytes)}")
        return data

    def transcoded(self, encoding: str) -> "Input":
        """The same input with its UTF-16/32 content re-encoded as UTF-8.

        Line streams are split on b"\\n", which UTF-16 spreads over two bytes;
        re-encoding the whole content costs memory, but such files are rare
        (spreadsheet "Unicode text" exports) and small.
        """
        self.stream.seek(0)
        text = self.stream.read().decode(encoding, errors="replace").removeprefix("\ufeff")
        data = text.encode("utf-8")
        return replace(self, stream=io.BytesIO(data), head=data[:HEAD_BYTES], label=encoding)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def open_input(path: str, *, max_bytes: int, defaults: Defaults,
               stack: contextlib.ExitStack) -> Input | Rejected:
    """Open ``path`` for the readers, or say why it cannot be read.

    1. open without blocking, so that a FIFO cannot hang the run, and refuse
       anything but a regular file;
    2. refuse an empty file and a binary one (magic numbers, NUL bytes);
    3. open a compressed file through its decompressor (except a WARC, which
       warcio reads compressed), and check the content the same way.
    """
    try:  # 1.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return os_error(path, error, "open the file")
    stack.callback(os.close, fd)
    st = os.fstat(fd)
    refused = _not_regular(path, st.st_mode)
    if refused:
        return refused
    raw = stack.enter_context(open(fd, "rb", closefd=False))  # open() refuses a folder's fd: checked first
    if st.st_size == 0:  # 2.
        return reject(path, Reason.EMPTY, "the file is empty (0 bytes)")
    name = os.path.basename(path)
    head = raw.read(HEAD_BYTES)
    raw.seek(0)
    inp = Input(path=path, name=name, stream=raw, raw=raw, head=head, size=st.st_size,
                raw_size=st.st_size, compression=None, defaults=defaults, max_bytes=max_bytes)
    packed = compression(head)
    if packed:  # before the binary test: compressed data is full of NUL bytes
        return _unpacked(inp, packed, stack)  # 3.
    looks = not_text(head, name)
    if looks:
        return reject(path, Reason.NOT_TEXT, f"looks like {looks}")
    if st.st_size <= HEAD_BYTES and not head.strip():
        return reject(path, Reason.EMPTY, "the file holds only whitespace")
    return inp


def _not_regular(path: str, mode: int) -> Rejected | None:
    if stat.S_ISDIR(mode):
        return reject(path, Reason.UNREADABLE, "is a folder, not a file",
                      hint="give folders to expand(), which walks them")
    what = special_file(mode)
    if what:
        return reject(path, Reason.UNREADABLE, f"is {what}, not a regular file",
                      hint="only regular files are read; remove it from the input")
    return None


def _unpacked(inp: Input, packed: str, stack: contextlib.ExitStack) -> Input | Rejected:
    if inp.name.lower().endswith((".warc.gz", ".arc.gz")):
        return replace(inp, compression=packed)  # the WARC reader says what is wrong, record by record
    stream = stack.enter_context(_OPENERS[packed](fileobj=inp.raw) if packed == "gzip"
                                 else _OPENERS[packed](inp.raw))
    try:
        head = stream.read(HEAD_BYTES)
    except (OSError, zlib.error, *DECOMPRESSION_ERRORS) as error:
        return reject(inp.path, Reason.UNREADABLE, f"the {packed} data is truncated or corrupt from its start: "
                      f"{error}", hint="the compressed file is damaged; fetch or export it again")
    if is_archive_head(head):
        # warcio reads compressed archives itself, record by record (and must:
        # it tells where each gzip member ends, which a truncated tail needs).
        inp.raw.seek(0)
        return replace(inp, head=head, compression=packed)
    stream.seek(0)
    if not head.strip():
        return reject(inp.path, Reason.EMPTY, f"the file decompresses ({packed}) to nothing but whitespace")
    inner_name = strip_compressed_suffix(inp.name)
    looks = not_text(head, inner_name) or (
        "a compressed file inside a compressed file" if compression(head) else None)
    if looks:
        return reject(inp.path, Reason.NOT_TEXT, f"decompressed ({packed}), it looks like {looks}")
    return replace(inp, name=inner_name, stream=stream, head=head, size=None, compression=packed)
