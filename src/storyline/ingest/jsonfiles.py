"""JSON Lines and JSON files: one article per object.

JSON Lines are streamed: one line in memory at a time, so a 50 MB export reads
in constant memory, and a bad line is one rejection while the next lines go on.
A ``.json`` file is either a document (an object, a list of objects, or an
object holding the list under ``articles``/``items``/``data``), read whole, or
JSON Lines under the wrong extension, which is detected and streamed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from storyline.ingest.decode import LineDecoder, decode
from storyline.ingest.fields import TEXT_FIELDS, from_fields, json_kind
from storyline.ingest.inputs import Input
from storyline.ingest.rejects import reject
from storyline.records import RawDoc, Reason, Rejected

#: Keys under which a JSON document holds its list of articles.
LIST_KEYS = ("articles", "items", "data", "entries", "results", "docs")

# A whole object on one line: what JSON Lines look like, and what the lines of a
# pretty-printed document ("{" alone, "  {") do not.
_ONE_LINE_OBJECT = re.compile(rb"^\{.*\}\s*$")


def read_jsonl(inp: Input) -> Iterator[RawDoc | Rejected]:
    """Every non-blank line is one JSON object, one article."""
    yield from _lines(inp)


def read_json(inp: Input) -> Iterator[RawDoc | Rejected]:
    """A JSON document, or JSON Lines saved as ``.json`` (streamed then)."""
    stream = inp.stream
    stream.seek(0)
    decoder = LineDecoder(inp.head, label=inp.label)
    first_line = stream.readline()
    first = _parse(first_line, decoder)
    if first is not _INVALID:
        more = any(line.strip() for line in stream)
        if not more:  # the whole document is on one line, and already parsed
            yield from _document(inp, first, decoder.decode(first_line, path=inp.path, locator="").encoding)
            return
        if isinstance(first, dict):  # an object per line: JSON Lines
            yield from _lines(inp)
            return
    stream.seek(0)
    data = stream.read()
    decoded = decode(data, path=inp.path)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    try:
        value = json.loads(decoded.text)
    except (ValueError, RecursionError) as error:
        if _looks_like_lines(data):
            yield from _lines(inp)
        else:
            yield reject(inp.path, Reason.BAD_JSON, f"the file is not valid JSON: {_json_error(error)}",
                         hint="fix the JSON (or export one object per line as .jsonl)")
        return
    yield from _document(inp, value, decoded.encoding)


_INVALID = object()  # what _parse returns for a line that is not JSON (None is JSON's null)


def _parse(line: bytes, decoder: LineDecoder) -> Any:
    decoded = decoder.decode(line, path="", locator="")
    if isinstance(decoded, Rejected) or not decoded.text.strip():
        return _INVALID
    try:
        return json.loads(decoded.text)
    except (ValueError, RecursionError):
        return _INVALID


def _looks_like_lines(data: bytes) -> bool:
    lines = [line for line in data[:65536].splitlines()[:50] if line.strip()]
    return sum(1 for line in lines if _ONE_LINE_OBJECT.match(line.strip())) >= 2


def _document(inp: Input, value: Any, encoding: str) -> Iterator[RawDoc | Rejected]:
    if isinstance(value, dict):
        lowered = {str(key).lower(): item for key, item in value.items()}
        listed = next((lowered[key] for key in LIST_KEYS
                       if isinstance(lowered.get(key), list)), None)
        if listed is None or any(name in lowered for name in TEXT_FIELDS):
            yield from_fields(value, path=inp.path, locator="", format="json",
                              defaults=inp.defaults, encoding=encoding)
            return
        value = listed
    if not isinstance(value, list):
        yield reject(inp.path, Reason.BAD_JSON, f"the file holds {json_kind(value)}, not an object or a list of objects",
                     hint="export articles as JSON objects with a text field")
        return
    if not value:
        yield reject(inp.path, Reason.EMPTY, "the JSON list of articles is empty")
        return
    for number, item in enumerate(value, 1):
        locator = f"item {number}"
        if not isinstance(item, dict):
            yield reject(inp.path, Reason.BAD_JSON, f"{locator} is {json_kind(item)}, not an object", locator,
                         hint="each article must be a JSON object with a text field")
            continue
        yield from_fields(item, path=inp.path, locator=locator, format="json",
                          defaults=inp.defaults, encoding=encoding)


def _lines(inp: Input) -> Iterator[RawDoc | Rejected]:
    inp.stream.seek(0)
    decoder = LineDecoder(inp.head, label=inp.label)
    seen = 0
    for number, line in enumerate(inp.stream, 1):
        if not line.strip():
            continue  # blank lines separate nothing in JSON Lines; a trailing one is usual
        seen += 1
        locator = f"line {number}"
        decoded = decoder.decode(line, path=inp.path, locator=locator)
        if isinstance(decoded, Rejected):
            yield decoded
            continue
        try:
            value = json.loads(decoded.text)
        except (ValueError, RecursionError) as error:
            yield reject(inp.path, Reason.BAD_JSON, f"{locator} is not valid JSON: {_json_error(error, in_line=True)}", locator)
            continue
        if not isinstance(value, dict):
            yield reject(inp.path, Reason.BAD_JSON, f"{locator} is {json_kind(value)}, not a JSON object", locator)
            continue
        yield from_fields(value, path=inp.path, locator=locator, format="jsonl",
                          defaults=inp.defaults, encoding=decoded.encoding)
    if not seen:
        yield reject(inp.path, Reason.EMPTY, "the file has no JSON lines, only blank ones")


def _json_error(error: Exception, *, in_line: bool = False) -> str:
    if isinstance(error, json.JSONDecodeError):
        where = f"column {error.colno}" if in_line else f"line {error.lineno} column {error.colno}"
        return f"{error.msg.removesuffix(' at')} at {where} (char {error.pos})"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)

