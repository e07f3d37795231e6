"""Role descriptions ("le président russe", "the Kremlin spokesman") and who they refer back to.

A news text names a person once in full, often beside their role, then refers back by
the role alone: "le président russe Vladimir Poutine ... le président russe a ajouté".
:func:`find_roles` finds role phrases; :func:`role_key` gives them a language-neutral-ish
key ("president russe", "russian president"). The canonicalizer learns
role -> entity from appositions (a role right before or after a person's name, commas
allowed) and resolves a later bare role to that person: first the article's own
apposition, else the registry's memory of earlier articles. A bare role it cannot tie
to anyone is not a mention.
"""

from __future__ import annotations

import re

from storyline.extract.text import fold

__all__ = ["find_roles", "role_key", "is_qualified", "RoleMatch"]

_FR_ADJ = (
    r"russe|ukrainien(?:ne)?|am[ée]ricain(?:e)?|fran[çc]ais(?:e)?|allemand(?:e)?|britannique|chinois(?:e)?|turc|turque"
    r"|[ée]gyptien(?:ne)?|libyen(?:ne)?|syrien(?:ne)?|iranien(?:ne)?|isra[ée]lien(?:ne)?|polonais(?:e)?|italien(?:ne)?"
    r"|espagnol(?:e)?|europ[ée]en(?:ne)?|bi[ée]lorusse|japonais(?:e)?|indien(?:ne)?|saoudien(?:ne)?|tunisien(?:ne)?"
    r"|alg[ée]rien(?:ne)?|marocain(?:e)?|palestinien(?:ne)?|qatari(?:e)?|libanais(?:e)?|hongrois(?:e)?"
)
_FR_ROLES = (
    r"pr[ée]sident(?:e)?(?:\s+de\s+la\s+R[ée]publique)?", r"vice-pr[ée]sident(?:e)?", r"premi(?:er|ère)\s+ministre",
    # "ministre allemand des Affaires étrangères": the nationality may stand before the portfolio
    r"ministre(?:\s+(?:" + _FR_ADJ + r"))?(?:\s+(?:des\s+Affaires\s+[ée]trang[èe]res|de\s+la\s+D[ée]fense"
    r"|de\s+l['’]Int[ée]rieur|des\s+Finances|de\s+l['’][ÉE]conomie))?",
    r"chef\s+de\s+l['’][ÉE]tat", r"chef\s+de\s+la\s+diplomatie", r"chef\s+du\s+gouvernement", r"chef\s+du\s+Kremlin",
    r"porte-parole", r"secr[ée]taire\s+g[ée]n[ée]ral(?:e)?", r"chanceli(?:er|ère)", r"dirigeant(?:e)?",
    r"ambassadeur|ambassadrice", r"émir|roi|reine|pape", r"numéro\s+un", r"ma[îi]tre\s+du\s+Kremlin",
    r"locataire\s+de\s+la\s+Maison[- ]Blanche", r"haut\s+repr[ée]sentant", r"m[ée]diat(?:eur|rice)",
    r"[ée]missaire", r"envoy[ée]e?\s+sp[ée]ciale?",
)
# "du Kremlin", "de la Croix-Rouge", "du syndicat Solidaires Rail" (one common noun allowed first)
_FR_OF = (r"(?:du|de\s+la|de\s+l['’]|des|de)\s+(?:[a-zà-ÿ]+\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]*"
          r"(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?")
FR_ROLE = re.compile(
    rf"\b(?:[Ll]e|[Ll]a|[Ll]['’]|[Dd]u|[Dd]e\s+la|[Dd]e\s+l['’]|[Aa]u|[àÀ]\s+la|(?P<own>[Ss]on|[Ss]a|[Ll]eur))\s*"
    rf"(?P<role>(?:{'|'.join(_FR_ROLES)})"
    rf"(?:\s+(?:{_FR_ADJ}))?(?:\s+{_FR_OF})?)(?![\w-])"
)

_EN_ADJ = (
    r"Russian|Ukrainian|US|U\.S\.|American|French|German|British|Chinese|Turkish|Egyptian|Libyan|Syrian|Iranian"
    r"|Israeli|Polish|Italian|Spanish|European|Belarusian|Japanese|Indian|Saudi|Tunisian|Algerian|Moroccan"
    r"|Palestinian|Qatari|Lebanese|Hungarian|Kremlin|NATO|UN|White\s+House|Pentagon|EU"
)
_EN_ROLES = (
    r"[Pp]resident|[Vv]ice[- ][Pp]resident|[Pp]rime\s+[Mm]inister|[Ff]oreign\s+[Mm]inister|[Dd]efen[cs]e\s+[Mm]inister"
    r"|[Ff]oreign\s+[Ss]ecretary|[Ss]ecretary\s+of\s+[Ss]tate|[Ss]ecretary[- ][Gg]eneral|[Cc]hancellor|[Ll]eader"
    r"|[Ss]pokes(?:man|woman|person)|[Aa]mbassador|[Ee]nvoy|[Mm]ediator|[Kk]ing|[Qq]ueen|[Ee]mir|[Pp]ope|[Hh]ead\s+of\s+[Ss]tate"
)
EN_ROLE = re.compile(
    rf"\b(?:(?P<the>[Tt]he)\s+)?(?P<role>(?:(?:{_EN_ADJ})\s+)?(?:{_EN_ROLES})(?:\s+of\s+[A-Z][\w-]*)?)(?![\w-])"
)


class RoleMatch(tuple):
    """``(start, end, key, bare)``: ``bare`` when the phrase has its determiner (can stand alone)."""

    __slots__ = ()

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    @property
    def key(self) -> str:
        return self[2]

    @property
    def determined(self) -> bool:
        return self[3]


_QUALIFIER = re.compile(rf"\b(?:{_FR_ADJ}|{_EN_ADJ})\b", re.IGNORECASE)


def is_qualified(role: str) -> bool:
    """Does the role name a country or institution ("président russe", "Russian president")?"""
    return bool(_QUALIFIER.search(role))


_ADJ_KEY = re.compile(rf"^(?:{fold(_FR_ADJ)})$")
# Two names of one office: "le chef de la diplomatie allemande" is "le ministre allemand des
# Affaires étrangères".
_SAME_OFFICE = ((re.compile(r"^chef de la diplomatie\b"), "ministre des affaires etrangeres"),)


def role_key(role: str) -> str:
    """The role folded, one office under one name, its nationality last and in the masculine:
    "ministre allemand des Affaires étrangères" and "chef de la diplomatie allemande" are both
    "ministre des affaires etrangeres allemand", so that one teaches who the other is."""
    key = fold(role)
    for pattern, office in _SAME_OFFICE:
        key = pattern.sub(office, key)
    words = key.split()
    nationality = [w for w in words if _ADJ_KEY.match(w)]
    if not nationality:
        return key
    rest = [w for w in words if not _ADJ_KEY.match(w)]
    return " ".join(rest + [_masculine(w) for w in nationality])


def _masculine(adjective: str) -> str:
    if adjective == "turque":
        return "turc"
    if adjective.endswith(("ienne", "enne")):
        return adjective[:-2]
    if adjective.endswith(("aine", "aise", "oise", "ande", "ole", "rie")):  # americaine, chinoise, allemande
        return adjective[:-1]
    return adjective


def find_roles(text: str, lang: str | None) -> list[RoleMatch]:
    """Role phrases in ``text``; the span covers the determiner ("le président russe")."""
    out = []
    if lang == "en":
        for m in EN_ROLE.finditer(text):
            role = m.group("role")
            # "the president" alone, or a qualified role ("Russian President", "Kremlin spokesman").
            if m.group("the") is None and " " not in role.strip():
                continue
            out.append(RoleMatch((m.start(), m.end(), role_key(role), m.group("the") is not None)))
    else:
        for m in FR_ROLE.finditer(text):
            # "son ministre des Affaires étrangères Franco Frattini" teaches; "son ministre" alone
            # is someone's, whose the text has to say, so it refers to no one
            out.append(RoleMatch((m.start(), m.end(), role_key(m.group("role")), m.group("own") is None)))
    return out
