"""Calendar words and numbers in French and English (and Spanish and Italian month and weekday
names, with their tense markers), for the temporal rules.

Data only: month and weekday names (with the abbreviations news uses), number words,
time units, and the tense markers that decide whether a bare weekday or month points
back (past, the default) or forward.
"""

from __future__ import annotations

import re

from storyline.extract.text import fold

__all__ = ["MONTHS", "WEEKDAYS", "NUMBERS", "UNITS", "month_number", "weekday_number", "number_value",
           "FUTURE", "PAST"]

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
}
_MONTH_ABBREVIATIONS = {
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
}
WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
}
_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}
NUMBERS = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
#: unit word (folded, singular or plural) -> (ISO duration letter, granularity of a point that far away)
UNITS = {
    "jour": ("D", "day"), "jours": ("D", "day"), "day": ("D", "day"), "days": ("D", "day"),
    "semaine": ("W", "week"), "semaines": ("W", "week"), "week": ("W", "week"), "weeks": ("W", "week"),
    "mois": ("M", "month"), "month": ("M", "month"), "months": ("M", "month"),
    "an": ("Y", "year"), "ans": ("Y", "year"), "annee": ("Y", "year"), "annees": ("Y", "year"),
    "year": ("Y", "year"), "years": ("Y", "year"),
    "heure": ("H", "hour"), "heures": ("H", "hour"), "hour": ("H", "hour"), "hours": ("H", "hour"),
    "decennie": ("10Y", "year"), "decennies": ("10Y", "year"), "decade": ("10Y", "year"), "decades": ("10Y", "year"),
    "siecle": ("100Y", "year"), "siecles": ("100Y", "year"),
}
UNIT_WORDS = r"(?:jours?|semaines?|mois|ans|an|années?|heures?|décennies?|siècles?|days?|weeks?|months?|years?|hours?|decades?)"


# Folded name -> number, every language together (a name shared by two, "marzo", has one number).
_MONTH_NUMBERS = {fold(n): i for names in MONTHS.values() for i, n in enumerate(names, 1)}
_WEEKDAY_NUMBERS = {fold(n): i for names in WEEKDAYS.values() for i, n in enumerate(names)}


def month_number(word: str) -> int | None:
    w = fold(word).rstrip(" .")
    return _MONTH_NUMBERS.get(w) or _MONTH_ABBREVIATIONS.get(w)


def weekday_number(word: str) -> int | None:
    return _WEEKDAY_NUMBERS.get(fold(word))


def number_value(word: str) -> int | None:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


MONTH_FR = (r"(?:" + _alternation(MONTHS["fr"] + ("fevrier", "aout", "decembre")) +
            r"|janv\.|févr\.|fevr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\.|dec\.)")
MONTH_EN = r"(?:" + _alternation(m.capitalize() for m in MONTHS["en"]) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
WEEKDAY_FR = r"(?:" + _alternation(WEEKDAYS["fr"]) + r")"
WEEKDAY_EN = r"(?:" + _alternation(w.capitalize() for w in WEEKDAYS["en"]) + r")"
# Spanish and Italian (temporal.py reads fewer expressions in them), the names as written
# and without their accents.
MONTH_ES = r"(?:" + _alternation(MONTHS["es"] + ("setiembre",)) + r")"
MONTH_IT = r"(?:" + _alternation(MONTHS["it"]) + r")"
WEEKDAY_ES = r"(?:" + _alternation({*WEEKDAYS["es"], *(fold(w) for w in WEEKDAYS["es"])}) + r")"
WEEKDAY_IT = r"(?:" + _alternation({*WEEKDAYS["it"], *(fold(w) for w in WEEKDAYS["it"])}) + r")"

# Tense markers near an expression (see temporal._tense). French simple future endings
# are matched on verbs only: the stem list keeps "front", "caméra" and "Ankara" out.
FUTURE = {
    "fr": re.compile(
        r"\b(?:sera|seront|serai|aura|auront|fera|feront|ira|iront|pourra|pourront|devra|devront|viendra|"
        r"viendront|tiendra|tiendront|rendra|rendront|\w{2,}(?:era|eront|ira|iront|dra|dront))\b"
        # the conditional: the future seen from the past ("il a dit qu'il viendrait lundi")
        r"|\b\w+(?:erait|eraient|irait|iraient|drait|draient|rrait|rraient|urait|uraient)\b"
        r"|\b(?:va|vont)\s+(?:\w+\s+)?\w+(?:er|ir|re)\b|\b(?:doit|doivent|devrait|devraient)\s+\w+"
        r"|\bprévue?s?\s+(?:pour|le|la|ce|cette)\b|\bprochaine?s?\b|\bà\s+venir\b|\bd['’]ici\b", re.IGNORECASE),
    "es": re.compile(r"\b\w{2,}(?:ará|arán|erá|erán|irá|irán|drá|drán)\b|\b(?:va|van)\s+a\s+\w+(?:ar|er|ir)\b"
                     r"|\bpróxim[oa]s?\b|\bprevist[oa]s?\s+para\b", re.IGNORECASE),
    "it": re.compile(r"\b\w{2,}(?:erà|eranno|irà|iranno|arà|aranno)\b|\bprossim[oaie]\b|\bprevist[oaie]\s+per\b",
                     re.IGNORECASE),
    "en": re.compile(
        r"\b(?:will|shall|would|could|might|'ll)(?:\s+(?:not|be|have|been))*(?:\s+\w+)?\b"
        r"|\b(?:is|are|was|were)\s+(?:due|set|expected|scheduled|planned|going|to)\b|\bplans?\s+to\b"
        r"|\bnext\b|\bupcoming\b", re.IGNORECASE),
}
PAST = {
    "fr": re.compile(
        r"\b(?:a|ont|avait|avaient|est|sont|était|étaient|fut|furent|aurait)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|is|"
        r"it|u|us|ue|ert|ort|eint|aint)\b|-t-(?:il|elle|ils|elles|on)\s+\w+(?:é|i|u|t|s)\b"
        r"|\b\w{3,}(?:ait|aient)\b|\bhier\b|\bdernière?s?\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:ha|han|había|habían|fue|fueron)\s+\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)\b"
                     r"|\b\w{3,}(?:ó|aron|ieron|aba|aban|ía|ían)\b|\bayer\b|\bpasad[oa]s?\b", re.IGNORECASE),
    "it": re.compile(r"\b(?:ha|hanno|è|sono|aveva|avevano|era|erano)\s+\w+(?:ato|ata|ati|ate|ito|ita|iti|ite|uto|uta"
                     r"|uti|ute)\b|\b\w{3,}(?:ò|arono|irono|erono|ava|avano|eva|evano)\b|\bieri\b|\bscors[oaie]\b",
                     re.IGNORECASE),
    "en": re.compile(r"\b\w{3,}ed\b|\b(?:was|were|had|did|said|met|held|took|went|came|made|told|began|"
                     r"left|spoke|last)\b", re.IGNORECASE),
}
