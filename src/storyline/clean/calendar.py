"""Month and weekday names in French, English, Spanish and Italian, with the abbreviations
news uses, and the regular expressions that read them.

One table for every rule that reads a written date before extraction: publication dates
inferred from the text (:mod:`~storyline.clean.pubdate`), readers' comment stamps and
outlets' chronology entries (:mod:`~storyline.clean.residue`). The temporal rules of the
extraction stage keep their own French and English words (:mod:`storyline.extract.timewords`),
with the tense markers that go with them.
"""

from __future__ import annotations

from storyline.clean.normalize import fold_accents

__all__ = ["MONTH_NAMES", "WEEKDAY_NAMES", "MONTHS", "WEEKDAYS", "MONTH", "WEEKDAY", "LETTER", "alternation",
           "number_of"]

# Names as written; their accent-free spellings are added, so "fevrier" reads as "février".
MONTH_NAMES = [
    "janvier january jan janv enero ene gennaio gen",
    "février february feb févr fév febrero febbraio",
    "mars march mar marzo",
    "avril april apr avr abril abr aprile",
    "mai may mayo maggio mag",
    "juin june jun junio giugno giu",
    "juillet july jul juil julio luglio lug",
    "août august aug agosto ago",
    "septembre september sep sept septiembre setiembre settembre set",
    "octobre october oct octubre ottobre ott",
    "novembre november nov noviembre",
    "décembre december dec déc diciembre dicembre dic",
]
WEEKDAY_NAMES = [
    "lundi monday lunes lunedì",
    "mardi tuesday martes martedì",
    "mercredi wednesday miércoles mercoledì",
    "jeudi thursday jueves giovedì",
    "vendredi friday viernes venerdì",
    "samedi saturday sábado sabato",
    "dimanche sunday domingo domenica",
]


def _table(rows: list[str], start: int) -> dict[str, int]:
    """Folded name -> number, for every name of every row."""
    return {fold_accents(name): number for number, row in enumerate(rows, start) for name in row.split()}


MONTHS = _table(MONTH_NAMES, 1)
WEEKDAYS = _table(WEEKDAY_NAMES, 0)  # Monday is 0, as date.weekday() counts


def alternation(rows: list[str], *, folded_only: bool = False) -> str:
    """Every name of ``rows`` as one regex alternation: as written and accent-free, or only
    accent-free (``folded_only``, for text already folded)."""
    names = {fold_accents(name, lower=False) for row in rows for name in row.split()}
    if not folded_only:
        names |= {name for row in rows for name in row.split()}
    # Longest first, so that "marzo" is not read as "mar" + "zo".
    return "|".join(sorted(names, key=len, reverse=True))


def number_of(table: dict[str, int], name: str) -> int:
    """The number of a month or weekday ``name`` as matched (any case, accents, a final dot)."""
    return table[fold_accents(name.rstrip("."))]


# Patterns match accented and accent-free spellings alike (compile them case-insensitive),
# so a text is never folded as a whole to read its dates: folding 20,000 characters costs
# more than all the matching.
LETTER = r"[^\W\d_]"
MONTH = rf"(?:{alternation(MONTH_NAMES)})(?!{LETTER})\.?"
WEEKDAY = rf"(?:{alternation(WEEKDAY_NAMES)})(?!{LETTER})"
