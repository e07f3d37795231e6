"""Bytes to text, recording which encoding was used.

The order of attempts (:func:`decode`):

 1. a byte-order mark says the encoding: use it;
 2. UTF-8, strictly: it almost never decodes text that is not UTF-8;
 3. UTF-8 text with a few stray bytes (a scraped page pasted into a UTF-8 file
    with one Windows apostrophe): UTF-8, the stray bytes read as cp1252. This
    comes before a declared charset: pages that are UTF-8 but say
    "iso-8859-1" are common, and the reverse is not;
 4. a declared charset (HTML ``<meta charset>``, HTTP ``Content-Type``), strictly;
 5. detection with charset_normalizer, preferring cp1252 among equally clean
    guesses (see :func:`detect`);
 6. whatever came out is refused as BAD_ENCODING when it is mostly replacement
    or control characters: that is a binary file or a wrong guess, not news.

Line streams (:class:`LineDecoder`) take each valid UTF-8 line as it is and
only send the others through these steps.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from storyline.ingest.rejects import reject
from storyline.ingest.sniff import bom_encoding
from storyline.records import Reason, Rejected

#: Share of replacement/control characters above which decoded text is refused.
#: Real articles have none; 10% leaves room for a few stray characters in a
#: long text while catching every garbled file we tried (binary data decoded as
#: text lands between 25% and 60%).
GARBLED_SHARE_MAX = 0.10

#: A guess is "as clean as the best" when its chaos (charset_normalizer's
#: measure of how messy the decoded text is) is within this of the best one.
_CHAOS_TIE = 0.02

# C0 controls other than whitespace, DEL, C1 controls (latin-1 reading cp1252
# bytes) and U+FFFD (what a decoder puts in place of bytes it could not read).
_GARBLED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")

#: Labels that browsers decode as windows-1252 (WHATWG Encoding Standard), and
#: so do we: pages that say "iso-8859-1" routinely contain cp1252 quote marks.
_WINDOWS_1252_LABELS = frozenset({
    "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
    "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252",
})

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # Each stray byte as cp1252, or as latin-1 for the five bytes cp1252 leaves undefined.
    stray = error.object[error.start:error.end]
    return "".join(_cp1252_char(byte) for byte in stray), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error("storyline.cp1252", _cp1252_fallback)


def codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def meta_charset(head: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv``, if any."""
    found = _META_CHARSET.search(head)
    return codec_name(found.group(1).decode("ascii")) if found else None


def header_charset(content_type: str | None) -> str | None:
    """The charset in an HTTP ``Content-Type`` value, if any."""
    found = _HEADER_CHARSET.search(content_type or "")
    return codec_name(found.group(1)) if found else None


def detect(data: bytes) -> str | None:
    """charset_normalizer's guess, with cp1252 winning ties.

    On short Western European text, charset_normalizer often ranks cp1250 or
    EBCDIC first with the same (zero) chaos as cp1252: "troisième" came out as
    "troisičme". cp1252 is by far the most common legacy encoding of the news
    we read (French first), so among equally clean guesses it wins. A text that
    only decodes cleanly as cp1251 (Russian) or Shift-JIS keeps that guess.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + _CHAOS_TIE and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return codec_name(best.encoding) or best.encoding


def garbled_share(text: str) -> float:
    return len(_GARBLED.findall(text)) / len(text) if text else 0.0


def decode(data: bytes, *, path: str, locator: str = "", declared: str | None = None) -> Decoded | Rejected:
    """Decode ``data`` following the steps in the module docstring."""
    decoded = _first_fit(data, declared=declared)
    if decoded is None:
        return reject(path, Reason.BAD_ENCODING, "the bytes are not UTF-8 and no other encoding fits them", locator)
    share = garbled_share(decoded.text)
    if share > GARBLED_SHARE_MAX:
        return reject(path, Reason.BAD_ENCODING,
                      f"decoded as {decoded.encoding}, {share:.0%} of the characters are control or "
                      f"replacement characters", locator)
    return decoded


def _first_fit(data: bytes, *, declared: str | None) -> Decoded | None:
    bom = bom_encoding(data)
    if bom:  # 1.
        text = data.decode(bom, errors="replace")
        return Decoded(text.removeprefix("\ufeff"), "utf-8" if bom == "utf-8-sig" else bom)
    try:  # 2.
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)  # 3.
    if mixed is not None:
        return mixed
    if declared:  # 4.
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    guess = detect(data)  # 5.
    if guess is None:
        return None
    return Decoded(data.decode(guess, errors="replace"), guess)


def _mostly_utf8(data: bytes) -> Decoded | None:
    # Invalid sequences = replacement characters that "replace" adds over "ignore".
    replaced = data.decode("utf-8", errors="replace")
    kept = data.decode("utf-8", errors="ignore")
    stray = replaced.count("\ufffd") - kept.count("\ufffd")
    valid_multibyte = len(kept) - len(kept.encode("ascii", errors="ignore"))
    # UTF-8 must dominate: a cp1252 file has (almost) no valid multibyte sequence.
    if valid_multibyte < 2 * stray:
        return None
    return Decoded(data.decode("utf-8", errors="storyline.cp1252"), "utf-8+cp1252")


class LineDecoder:
    """Decodes the lines of a stream (JSONL, CSV) one by one.

    Each line is tried as UTF-8 first, strictly: a valid line is taken as is,
    whatever the lines around it are (one cut or foreign line must not change
    how the others read). A line that fails goes through :func:`decode`, with
    the file's legacy encoding as the declared one; that encoding is guessed
    once, from every line of the head that is not UTF-8, because one short
    line is too little for charset detection.
    """

    def __init__(self, sample: bytes, *, label: str | None = None) -> None:
        self.sample = sample
        self.label = label
        self._legacy: str | None = None
        self._guessed = False

    @property
    def encoding(self) -> str:
        """The encoding most lines were read with so far: UTF-8 until a legacy one was needed."""
        return self._legacy or "utf-8"

    def decode(self, line: bytes, *, path: str, locator: str) -> Decoded | Rejected:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded = decode(line, path=path, locator=locator, declared=self._legacy_guess(line))
            if isinstance(decoded, Rejected) or self.label is None:
                return decoded
            return Decoded(decoded.text, self.label)
        return Decoded(text.removeprefix("\ufeff"), self.label or "utf-8")

    def _legacy_guess(self, line: bytes) -> str | None:
        if not self._guessed:
            self._guessed = True
            foreign = [part for part in self.sample.split(b"\n")[:-1] if not _utf8_prefix_ok(part)]
            self._legacy = detect(b"\n".join([*foreign, line]))
        return self._legacy


def _utf8_prefix_ok(sample: bytes) -> bool:
    # The sample may end inside a multibyte character: an incremental decoder
    # that is not told the input ended accepts an incomplete last sequence.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True
