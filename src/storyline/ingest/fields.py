"""From a record's fields (a JSON object, a CSV row, front matter) to a RawDoc.

Field names follow DESIGN.md, matched case-insensitively, plus the names of the
exports we meet most (news-please's ``maintext``/``date_publish``/
``source_domain``, NewsAPI's ``publishedAt`` and ``source: {"name"}``). The
first name of each tuple that holds a usable value wins.

The user's ``--source``/``--lang`` never override what the input states; they
fill in when it is silent. A source still missing is then taken from the URL's
host, a weaker guess than what the user said.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from storyline.clean.markup import looks_like_html
from storyline.ingest.rejects import reject
from storyline.records import RawDoc, Reason, Rejected

TEXT_FIELDS = ("text", "content", "body", "maintext")
TITLE_FIELDS = ("title", "headline")
PUBLISHED_FIELDS = ("published", "date", "time", "publish_date", "pubdate", "date_publish",
                    "publishedat", "published_at", "datetime")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "outlet", "site", "source_domain", "source_name")
LANG_FIELDS = ("lang", "language")
AUTHOR_FIELDS = ("author", "authors", "byline")
ID_FIELDS = ("id", "_id", "guid", "uuid")

@dataclass(frozen=True, slots=True)
class Defaults:
    """What the user said about all the inputs of a run (``--source``, ``--lang``)."""

    source: str | None = None
    lang: str | None = None


def host_of(url: str | None) -> str | None:
    """``https://www.lemonde.fr/x`` -> ``lemonde.fr``; None for anything but a web URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.removeprefix("www.")


def make_doc(path: str, body: str, *, defaults: Defaults, format: str, kind: str | None = None,
             locator: str = "", title: str | None = None, url: str | None = None,
             published: str | None = None, source: str | None = None, lang: str | None = None,
             author: str | None = None, ext_id: str | None = None, encoding: str = "utf-8") -> RawDoc:
    """A RawDoc with the kind guessed from the body and the user's defaults filled in."""
    return RawDoc(
        path=path, body=body, kind=kind or ("html" if looks_like_html(body) else "text"),
        format=format, locator=locator, title=title, url=url, published=published,
        source=source or defaults.source or host_of(url), lang=lang or defaults.lang,
        author=author, ext_id=ext_id, encoding=encoding,
    )


def from_fields(record: Mapping[str, Any], *, path: str, locator: str, format: str,
                defaults: Defaults, encoding: str = "utf-8") -> RawDoc | Rejected:
    """Map one record's fields; NO_TEXT_FIELD or EMPTY when there is no article text."""
    by_name = {str(key).strip().lower(): value for key, value in record.items()}
    body = _text(by_name)
    if isinstance(body, _Missing):
        where = f"{locator}: " if locator else ""
        # EMPTY's usual hint speaks of a file; here one record of a file is empty.
        hint = "this record has no text; fix or remove it, the others were read" if (
            body.reason is Reason.EMPTY and locator) else None
        return reject(path, body.reason, f"{where}{body.what}", locator, hint=hint)
    return make_doc(path, body, defaults=defaults, format=format, locator=locator, encoding=encoding,
                    **metadata(by_name))


def metadata(record: Mapping[str, Any]) -> dict[str, str | None]:
    """The metadata keyword arguments of :func:`make_doc` found in ``record``."""
    by_name = {str(key).strip().lower(): value for key, value in record.items()}
    return {
        "title": _first(by_name, TITLE_FIELDS, _scalar),
        "url": _first(by_name, URL_FIELDS, _scalar),
        "published": _first(by_name, PUBLISHED_FIELDS, _scalar),
        "source": _first(by_name, SOURCE_FIELDS, _named),
        "lang": _first(by_name, LANG_FIELDS, _scalar),
        "author": _first(by_name, AUTHOR_FIELDS, _names),
        "ext_id": _first(by_name, ID_FIELDS, _scalar),
    }


@dataclass(frozen=True, slots=True)
class _Missing:
    reason: Reason
    what: str


def _text(by_name: dict[str, Any]) -> str | _Missing:
    empty: str | None = None
    wrong: str | None = None
    for name in TEXT_FIELDS:
        if name not in by_name:
            continue
        value = by_name[name]
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # a list of paragraphs
        if isinstance(value, str):
            if value.strip():
                return value
            empty = empty or name
        elif value is not None:
            wrong = wrong or f"field {name!r} is {json_kind(value)}, not text"
    if wrong:
        return _Missing(Reason.NO_TEXT_FIELD, wrong)
    if empty:
        return _Missing(Reason.EMPTY, f"field {empty!r} is empty")
    found = ", ".join(sorted(by_name)[:12]) or "none"
    return _Missing(Reason.NO_TEXT_FIELD, f"no text field ({'/'.join(TEXT_FIELDS)}); fields found: {found}")


def json_kind(value: Any) -> str:
    """"a number", "a list"...: what a JSON value is, for messages."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _first(by_name: dict[str, Any], names: tuple[str, ...], convert) -> str | None:
    for name in names:
        value = convert(by_name.get(name))
        if value:
            return value
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None


def _named(value: Any) -> str | None:
    # NewsAPI gives {"id": "le-monde", "name": "Le Monde"}.
    if isinstance(value, dict):
        return _scalar(value.get("name")) or _scalar(value.get("title")) or _scalar(value.get("id"))
    return _scalar(value)


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_named(item) for item in value) if name]
        return ", ".join(names) or None
    return _named(value)
