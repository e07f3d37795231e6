"""Markup in a text field: whether it is a page to extract, and the stray tags of a plain text.

An export's ``text`` or ``content`` field, or a ``.txt`` file, may hold an HTML body
(``<p>…</p><p>…</p>``) or plain text scraped from a page with a few tags left in it: a
video's ``<iframe>``, a comment form's "you may use these tags: <a href> <abbr> <b>…", a
script's ``document.write('<strong>')``, a ``<br />`` between a headline and its lead.
The first goes through trafilatura; the second is text, less its stray tags. Read as a
page, such a text lost its article: trafilatura kept the block it took for the main one,
and a 7,076-character Italian post of ML-Crisis came out as 1,351 characters of its page's
script, titled "ERROR: NO AJAX RESPONSE" (16 of ML-Crisis's 740 articles held a stray tag).
"""

from __future__ import annotations

import re

__all__ = ["looks_like_html", "strip_stray_tags"]

_BLOCK = r"p|div|br|hr|li|ul|ol|h[1-6]|article|section|main|header|footer|table|tr|td|blockquote|figure|figcaption"
_INLINE = r"span|a|html|body|img|strong|em|b|i|u|iframe|script|style|abbr|acronym|cite|code|del|q|strike"
# Tags that only markup has; "a < b" or "<3" in plain text do not match.
_TAG = re.compile(r"</?(?:(?P<block>" + _BLOCK + ")|" + _INLINE + r")\b[^<>]*>", re.IGNORECASE)
_OPENS_AS_PAGE = re.compile(r"\ufeff?\s*(?:<!doctype\b|<!--|<\?xml\b|<(?:html|head|body)\b)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when markup shapes ``text``: it opens as a page (doctype, ``<html>``, a comment)
    or at least half of its lines hold a tag. One or two tags in a long plain text do not."""
    if _OPENS_AS_PAGE.match(text):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    tagged = sum(1 for line in lines if _TAG.search(line))
    return tagged > 0 and 2 * tagged >= len(lines)


def strip_stray_tags(text: str) -> str:
    """``text`` with the markup tags left in it taken out: a block tag (``<br />``, ``<p>``)
    becomes a line break, any other goes."""
    if "<" not in text:
        return text
    return _TAG.sub(lambda m: "\n" if m.group("block") else "", text)
