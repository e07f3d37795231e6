"""Text normalized for NLP, a hash for exact duplicates, and accent folding.

``normalize`` is what every later stage reads: one kind of space, one kind of
apostrophe, one line ending, paragraphs separated by at most one blank line, and
words that scraping glued together ("Washington PostDonald Trump") split again.
It is idempotent: ``normalize(normalize(t)) == normalize(t)``.

``fold_accents`` is shared by the residue and date rules, which match French,
Spanish and Italian words whatever the accents ("fevrier", "février").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["normalize", "text_hash", "fold_accents"]

# Invisible characters that scraping leaves in text. Zero-width (non-)joiners are
# kept on purpose: they spell Persian words and emoji sequences.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Every space that is not a plain space; NBSP and the narrow NBSP are French typography.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_APOSTROPHES = "\u2019\u2018\u02bc\uff07"

# str.replace per character beats one str.translate: translate looks every non-ASCII
# character up in a dict, replace scans in C and most of these characters are absent.
_REPLACEMENTS = [(c, "") for c in _INVISIBLE] + [(c, " ") for c in _SPACES] + [(c, "'") for c in _APOSTROPHES]
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")

# Glued words: a lowercase letter directly followed by a capitalized word.
_LOWER = "a-zß-öø-ÿœ"
_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_GLUED = re.compile(
    # Not inside URLs, handles, hashtags, domains, compounds or elisions: those
    # neighbours mean the capital is deliberate ("#ArabProtest", "LePoint.fr").
    rf"(?<![\w@#/.'_-])([{_UPPER}]?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)+)(?![\w@#/.'_-])"
)
# Cheap test first: most lines have no lowercase-uppercase junction at all.
_JUNCTION = re.compile(rf"[{_LOWER}][{_UPPER}]")
_HUMP = re.compile(rf"[{_UPPER}]?[{_LOWER}]+")
# Name particles that are written glued to a capital on purpose (MacArthur, VanDyke).
# Two-letter ones (Mc, Le, La, De, Di, El, Al) are already safe: the left part must be
# three letters or more.
_PARTICLES = frozenset(
    {"mac", "van", "von", "den", "der", "des", "del", "della", "dos", "das", "ben", "abu", "abd", "fitz", "san"}
    | {"saint"}
)
# Camel-case names with a capitalized left part of four letters or more; shorter ones
# (YouTube, TikTok, PayPal, GoPro, WhatsApp, LinkedIn) are already safe.
_BRANDS = frozenset(
    w.casefold()
    for w in """PlayStation PowerPoint WordPress JavaScript BlackBerry SoundCloud MasterCard
    HarperCollins DreamWorks SmackDown StarCraft SpongeBob SharePoint DropBox BuzzFeed HuffPost
    FaceTime FaceBook DailyMotion SnapChat BlackRock SeaWorld WikiLeaks OpenStreetMap GlaxoSmithKline
    ArcelorMittal PricewaterhouseCoopers ExxonMobil ConocoPhillips DaimlerChrysler AstraZeneca
    ChemChina PetroChina SinoPharm TotalEnergies EuroMillions CaixaBank BlaBlaCar TripAdvisor
    DeepMind DeepSeek SoftBank CrowdStrike GameStop StubHub HelloFresh DoorDash SolarWinds
    easyJet airBaltic MasterChef NordVPN ProtonMail ThyssenKrupp MediaPart RyanAir EasyJet
    CinemaScope DreamTV AlJazeera NewYorker StarLink WeChat WeiBo""".split()
)


def fold_accents(text: str, *, lower: bool = True) -> str:
    """``text`` without accents, lowercased unless ``lower=False`` ("Février" -> "fevrier", "1ᵉʳ" -> "1er")."""
    return (text.casefold() if lower else text).translate(_FOLD)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin letters, modifier and superscript letters ("1ᵉʳ"), Latin extended additional.
    ranges = [(0xC0, 0x250), (0x2B0, 0x2FF), (0x1D00, 0x1DC0), (0x1E00, 0x1F00), (0x2070, 0x20A0)]
    for cp in (cp for start, end in ranges for cp in range(start, end)):
        char = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and base != char:
            table[cp] = base
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("ø"): "o", ord("ł"): "l", ord("đ"): "d"})
    return table


_FOLD = _build_fold_table()


def _split_glued(match: re.Match[str]) -> str:
    word = match.group(1)
    if word.casefold() in _BRANDS:
        return word
    humps = _HUMP.findall(word)
    out = [humps[0]]
    for left, right in zip(humps, humps[1:]):
        if _should_split(left, right):
            out.append(" ")
        out.append(right)
    return "".join(out)


def _should_split(left: str, right: str) -> bool:
    if len(left) < 3 or len(right) < 3 or left.casefold() in _PARTICLES:
        return False
    if left[0].islower():
        # "présidentEmmanuel": a lowercase word never legitimately runs into a capital.
        return True
    # "PostDonald" looks like "PlayStation": both parts must be real-sized words.
    return len(left) >= 4 and len(right) >= 4


def normalize(text: str) -> str:
    """Whitespace, apostrophes, line endings and glued words normalized for NLP."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    for char, replacement in _REPLACEMENTS:
        text = text.replace(char, replacement)
    # Whole-text passes first: one regex call per article instead of one per line
    # (T17 pages have a hundred one-sentence lines; this halved normalize's cost).
    text = _SPACE_RUN.sub(" ", text.replace("\t", " "))
    lines = [
        (_GLUED.sub(_split_glued, line) if _JUNCTION.search(line) else line).strip() for line in text.split("\n")
    ]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


_NOT_ALNUM = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def text_hash(text: str) -> str:
    """SHA-1 hex of the text reduced to casefolded letters and digits, single-spaced.

    Two copies of an article that differ only in case, accents, punctuation,
    quote marks or whitespace hash the same.
    """
    # NFKD then dropping combining marks folds accents like fold_accents does, at 60%
    # of its cost on long texts (str.translate with a dict table is slow per character).
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return hashlib.sha1(_NOT_ALNUM.sub(" ", folded).strip().encode("utf-8")).hexdigest()
