"""CSV and TSV exports: one article per row.

Rows are streamed through :mod:`csv` from decoded lines, so a large export reads
in constant memory. The header names the fields (case-insensitively, the same
names as JSON); a file without a text column is refused once, naming the
columns it has, rather than once per row.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.ingest.decode import LineDecoder
from storyline.ingest.fields import TEXT_FIELDS, from_fields
from storyline.ingest.inputs import Input
from storyline.ingest.rejects import reject
from storyline.records import RawDoc, Reason, Rejected

#: Delimiters we consider; others (":" or " ") mis-sniff on article text.
DELIMITERS = ",;\t|"

# The csv module refuses fields over 128 KiB by default; a long article is
# larger. The limit is process-wide, so raising it affects no one adversely.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def read_csv(inp: Input) -> Iterator[RawDoc | Rejected]:
    """Each row with text is one article; bad rows are refused one by one."""
    csv.field_size_limit(_FIELD_LIMIT)
    decoder = LineDecoder(inp.head, label=inp.label)
    if inp.name.lower().endswith(".tsv"):
        delimiter = "\t"
    else:
        # Delimiters are ASCII: how the rest of the head decodes does not matter.
        delimiter = sniff_delimiter(inp.head.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    inp.stream.seek(0)
    lines = _Lines(inp.stream, decoder, inp.path)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except csv.Error as error:
        yield reject(inp.path, Reason.BAD_CSV, f"the header row cannot be read: {error}")
        return
    if header is None:
        yield reject(inp.path, Reason.EMPTY, "the CSV file has no rows")
        return
    lines.row_done()  # what the header's lines were is not the first row's business
    columns = [name.strip().lower() for name in header]
    if not any(name in TEXT_FIELDS for name in columns):
        found = ", ".join(name for name in columns if name) or "none"
        shown = "tab" if delimiter == "\t" else repr(delimiter)
        yield reject(inp.path, Reason.NO_TEXT_FIELD,
                     f"no text column ({'/'.join(TEXT_FIELDS)}) in the header; columns found with "
                     f"delimiter {shown}: {found}")
        return
    yield from _rows(inp, reader, lines, columns)


def _rows(inp: Input, reader: Any, lines: "_Lines", columns: list[str]) -> Iterator[RawDoc | Rejected]:
    """The rows after the header; ``reader`` is a csv.reader over ``lines``."""
    number = 0
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            lines.row_done()
            number += 1
            locator = f"row {number}"
            yield reject(inp.path, Reason.BAD_CSV, f"{locator} (line {first_line}) cannot be read: {error}", locator)
            continue
        garbled, encoding = lines.row_done()
        if not any(cell.strip() for cell in row):
            continue  # a blank row holds nothing to lose
        number += 1
        locator = f"row {number}"
        lines_read = _line_span(first_line, reader.line_num)
        if garbled:
            yield reject(inp.path, Reason.BAD_ENCODING, f"{locator}: {garbled}", locator)
            continue
        if len(row) < len(columns) or any(cell.strip() for cell in row[len(columns):]):
            yield reject(inp.path, Reason.BAD_CSV, _count_mismatch(locator, lines_read, len(row), len(columns),
                                                                   first_line != reader.line_num), locator)
            continue
        yield from_fields(dict(zip(columns, row)), path=inp.path, locator=locator, format="csv",
                          defaults=inp.defaults, encoding=encoding)
    if number == 0:
        yield reject(inp.path, Reason.EMPTY, "the CSV file has a header but no rows")


def _line_span(first: int, last: int) -> str:
    return f"line {first}" if first >= last else f"lines {first}-{last}"


def _count_mismatch(locator: str, lines_read: str, got: int, want: int, spans_lines: bool) -> str:
    message = f"{locator} ({lines_read}) has {got} fields, the header has {want}"
    if spans_lines and got < want:
        # csv joins lines until a quote closes: an unclosed quote eats the rows after it.
        message += "; a quote opened in it may never be closed"
    return message


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: csv.Sniffer, checked against the header line.

    The sniffer reads the whole sample, article text included, where commas
    abound; a delimiter that does not even appear in the header line is a
    wrong guess, and counting candidates in the header line is then better.
    """
    complete = sample[: sample.rfind("\n") + 1] or sample  # the last line is likely cut
    header = complete.split("\n", 1)[0]
    try:
        guess = csv.Sniffer().sniff(complete, delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = None
    if guess and guess in header:
        return guess
    counts = {candidate: header.count(candidate) for candidate in DELIMITERS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


class _Lines:
    """Decoded lines for csv.reader, remembering how the current row's lines decoded.

    csv.reader pulls lines only until a row is complete, so what was noted
    since the last row belongs to the row just returned (:meth:`row_done`).
    A line that does not decode cannot simply be dropped (it may be inside a
    quoted field): it is passed on with replacement characters, and the row
    that holds it is refused as BAD_ENCODING.
    """

    def __init__(self, stream: BinaryIO, decoder: LineDecoder, path: str) -> None:
        self.stream = stream
        self.decoder = decoder
        self.path = path
        self._garbled: str | None = None
        self._encoding: str | None = None

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self.stream, 1):
            decoded = self.decoder.decode(raw, path=self.path, locator=f"line {number}")
            if isinstance(decoded, Rejected):
                self._garbled = self._garbled or f"line {number} does not decode as text in any encoding that fits"
                yield raw.decode(self.decoder.encoding, errors="replace")  # keeps the row's structure
                continue
            if decoded.encoding != "utf-8" or self._encoding is None:
                self._encoding = decoded.encoding  # a legacy encoding on any line names the row's
            yield decoded.text

    def row_done(self) -> tuple[str | None, str]:
        """(what would not decode, the encoding) for the row just read; then start afresh."""
        garbled, encoding = self._garbled, self._encoding or "utf-8"
        self._garbled = self._encoding = None
        return garbled, encoding
