"""One-article files: plain text / Markdown, and HTML pages.

Both are read whole (bounded by ``max_bytes``) and decoded. Plain text gives
its title from the first line; HTML is passed on as markup, because extracting
the article from a page is the clean stage's job (trafilatura), not ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.ingest.decode import decode, meta_charset
from storyline.ingest.fields import make_doc, metadata
from storyline.ingest.inputs import Input
from storyline.ingest.rejects import reject
from storyline.records import RawDoc, Reason, Rejected

#: A first line longer than this is not a title but the article itself (text
#: scraped without line breaks). The longest headline in the evaluation
#: corpora is under 200 characters.
TITLE_MAX = 300

_ATX_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
# Markdown front matter (Jekyll, Hugo): "---", "key: value" lines, "---".
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def read_txt(inp: Input) -> Iterator[RawDoc | Rejected]:
    """The whole file is one article; its first non-empty line is the title."""
    data = inp.read_all()
    if isinstance(data, Rejected):
        yield data
        return
    decoded = decode(data, path=inp.path)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    text, meta = _front_matter(decoded.text)
    if not text.strip():
        yield reject(inp.path, Reason.EMPTY, "the file holds only whitespace")
        return
    title, body = split_title(text)
    if meta.get("title") and title != meta["title"]:
        body = text.strip()  # the front matter names the title: the first line is the article's
    meta.setdefault("title", title)
    yield make_doc(inp.path, body, defaults=inp.defaults, format="txt", kind="text",
                   encoding=decoded.encoding, **meta)


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first non-empty line, without Markdown ``#``, and the rest.

    No title when the first line is too long to be one, or when it is the only
    line: the text is then the body, so that no word of the article is lost.
    """
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    heading = lines[first].strip()
    atx = _ATX_HEADING.match(heading)
    if atx:
        heading = atx.group(1).strip()
    rest = lines[first + 1:]
    if rest and _SETEXT_UNDERLINE.match(rest[0]) and rest[0].strip():
        rest = rest[1:]
    body = "\n".join(rest).strip()
    if not heading or len(heading) > TITLE_MAX or not body:
        return None, text.strip()
    return heading, body


def _front_matter(text: str) -> tuple[str, dict[str, str | None]]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return text, {}
    fields = {}
    for line in found.group(1).splitlines():
        pair = _FRONT_LINE.match(line)
        if pair:  # lists and nested values ("tags:" then "  - x") carry nothing we map
            fields[pair.group(1)] = pair.group(2).strip("\"'")
    if not fields:
        return text, {}  # a horizontal rule, not front matter
    return text[found.end():], {key: value for key, value in metadata(fields).items() if value}


def read_html(inp: Input) -> Iterator[RawDoc | Rejected]:
    """The page's markup, decoded; ``<meta charset>`` is believed when UTF-8 fails."""
    data = inp.read_all()
    if isinstance(data, Rejected):
        yield data
        return
    decoded = decode(data, path=inp.path, declared=meta_charset(data[:8192]))
    if isinstance(decoded, Rejected):
        yield decoded
        return
    if not decoded.text.strip():
        yield reject(inp.path, Reason.EMPTY, "the page holds only whitespace")
        return
    yield make_doc(inp.path, decoded.text, defaults=inp.defaults, format="html", kind="html",
                   encoding=decoded.encoding)
