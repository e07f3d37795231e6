"""Indirect speech: reported words with a cue verb and no quote marks.

- "X a affirmé que CLAUSE", "X said (that) CLAUSE", "X told reporters CLAUSE": the clause
  after "que"/"that" (or after the object of "told") to the end of the sentence;
- "Selon X, CLAUSE." / "According to X, CLAUSE." and "CLAUSE, selon X.";
- "CLAUSE, a indiqué le Kremlin." / "CLAUSE, a-t-il dit." / "CLAUSE, Putin said.".
Cue words used as nouns ("la menace que", "une note que") are skipped; a clause that is
mostly a direct quote is left to that quote ("a déclaré que « ... »").
"""

from __future__ import annotations

import re

from storyline.extract.cues import INVERTED, SELON, cue_pattern
from storyline.extract.records import Quote
from storyline.extract.speakers import (
    DETERMINER_BEFORE, Speakers, inverted_pronoun, name_at, subject_after, subject_before,
)
from storyline.extract.text import Sentences

__all__ = ["indirect_candidates", "indirect_quote"]

# "que" / "qu'" in French, "che" in Italian
_QUE = re.compile(r"^(?P<gap>[^.!?«»“”\"\n;:]{0,50}?)\b(?:que\b|qu['’]|che\b)\s*", re.IGNORECASE)
_THAT = re.compile(r"^(?P<gap>[^.!?\"“”«»;:\n]{0,60}?)\s+that\s+")
# "said the talks ...", "told reporters the talks ...": the clause starts with its subject
_EN_OBJECT = r"(?:\s+(?:him|her|them|us|me|reporters|journalists|lawmakers|parliament|the\s+press|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*))"
_NO_THAT = re.compile(r"^(?P<object>" + _EN_OBJECT + r")?(?:\s+(?:on\s+[A-Z]\w+|yesterday|today|earlier))?,?\s+"
                      r"(?=(?:the|a|an|it|he|she|they|we|i|his|her|their|its|this|these|there|[A-Z][\w-]*)\b|[\"“«])")
_EN_SAY = re.compile(r"\b(?P<cue>said|says|told|stated|declared|added|warned|insisted|argued|claimed|noted|"
                     r"explained|announced|confirmed|denied|stressed|acknowledged|admitted|suggested|predicted|"
                     r"vowed|promised|pledged|estimated|indicated|revealed|maintained|reiterated)\b")
_EN_SAY_NO_THAT = frozenset({"said", "says", "told", "added", "warned", "insisted", "argued", "claimed",
                             "noted", "stressed", "acknowledged", "admitted", "suggested", "predicted",
                             "maintained", "estimated"})


def indirect_candidates(text: str, lang: str | None):
    """(position, match) of cue verbs, inverted cues and "selon" that may introduce indirect speech."""
    pattern = _EN_SAY if lang == "en" else cue_pattern(lang)
    for match in pattern.finditer(text):
        if DETERMINER_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue  # "la menace que", "une note que": nouns, not verbs
        yield match.start(), ("cue", match)
    for match in SELON.finditer(text):
        yield match.start(), ("selon", match)
    if lang != "en":
        for match in INVERTED.finditer(text):
            yield match.start(), ("inverted", match)


def _overlaps_quote(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in ranges)


def indirect_quote(article_id, text, lang, item, sp: Speakers, sentences: Sentences, direct_ranges) -> Quote | None:
    how, match = item
    s_start, s_end = sentences.bounds(match.start())
    if _overlaps_quote(match.start(), match.end(), direct_ranges):
        return None  # the cue sits inside a direct quote; that quote's own speaker stands
    if how == "selon":
        after = text[match.end():s_end]
        comma = after.find(",")
        lead = text[s_start:match.start()].strip()
        if not lead and comma != -1:  # "Selon X, CLAUSE."
            clause = (match.end() + comma + 1, s_end)
            who = subject_after(text, match.end(), match.end() + comma, sp)
            # "Selon le porte-parole, Dmitar Voss, CLAUSE.": the name is the speaker, not the clause's start
            named = name_at(text, clause[0], sp)
            if named is not None and text[named.end:s_end].lstrip().startswith(","):
                clause = (text.index(",", named.end) + 1, s_end)
                who = named.entity_id, named.text
        elif lead and lead.endswith(","):  # "CLAUSE, selon X."
            clause = (s_start, s_start + len(text[s_start:match.start()].rstrip()) - 1)
            who = subject_after(text, match.end(), s_end, sp)
        else:
            return None
        if who[0] is None and who[1] is None:
            return None
        return _make_indirect(article_id, text, clause, who, match.group("cue"), sp, direct_ranges, names=sp.names)
    if how == "inverted":
        lead = text[s_start:match.start()].rstrip()
        if not lead.endswith(",") or any(c in lead for c in "«»“”\""):
            return None
        clause = (s_start, s_start + len(lead) - 1)
        who = sp.pronoun(match.start(), inverted_pronoun(match))
        return _make_indirect(article_id, text, clause, who, match.group("cue"), sp,
                              direct_ranges, names=sp.names)
    # a cue verb
    rest = text[match.end():s_end]
    if lang == "en":
        that = _THAT.match(rest)
        bare = None if that else _NO_THAT.match(rest)
        verb = match.group("cue").split()[-1]
        if that is None and (bare is None or verb not in _EN_SAY_NO_THAT
                             or (verb in ("told", "tells") and not bare.group("object"))):
            return _end_attribution(article_id, text, lang, match, s_start, s_end, sp, direct_ranges)
        clause_start = match.end() + (that or bare).end()
    else:
        que = _QUE.match(rest)
        if que is None:
            return _end_attribution(article_id, text, lang, match, s_start, s_end, sp, direct_ranges)
        clause_start = match.end() + que.end()
    if clause_start >= s_end or text[clause_start] in "«“\"”":
        return None  # "a déclaré que « ... »", "told him \"...\"": the quote itself carries it
    who = subject_before(text, match.start(), s_start, sp)
    if who == (None, None):
        return None
    return _make_indirect(article_id, text, (clause_start, s_end), who, match.group("cue"), sp, direct_ranges,
                          names=sp.names)


def _end_attribution(article_id, text, lang, match, s_start, s_end, sp, direct_ranges) -> Quote | None:
    """"CLAUSE, a indiqué le Kremlin." / "CLAUSE, Putin said." with no quote marks."""
    lead = text[s_start:match.start()].rstrip()
    if lang == "en":
        # ", Putin said." / ", he said." / ", said Putin."
        m = re.search(r",\s*(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|he|she|they|(?:the|a|an)\s+\w+(?:\s+\w+){0,3})?$",
                      lead)
        if not m or any(c in lead for c in "«»“”\""):
            return None
        tail = text[match.end():s_end].strip(" .")
        if m.group(0).strip(", "):
            who_start = s_start + m.start() + 1
            who = subject_before(text, match.start(), who_start, sp)
        elif len(tail.split()) <= 5:
            who = subject_after(text, match.end(), s_end, sp)
        else:
            return None
        clause = (s_start, s_start + m.start())
    else:
        if not lead.endswith(",") or any(c in lead for c in "«»“”\""):
            return None
        tail = text[match.end():s_end].strip(" .")
        if len(tail.split()) > 6 or tail.startswith(":"):
            return None  # a colon after the cue: what follows is said, what came before is the subject
        who = subject_after(text, match.end(), s_end, sp)
        clause = (s_start, s_start + len(lead) - 1)
    if who == (None, None) or clause[1] - clause[0] < 15:
        return None
    return _make_indirect(article_id, text, clause, who, match.group("cue"), sp, direct_ranges, names=sp.names)


def _make_indirect(article_id, text, clause, who, cue, sp: Speakers, direct_ranges, names) -> Quote | None:
    start, end = clause
    while end > start and text[end - 1] in " .!?;,…":
        end -= 1
    while start < end and text[start] in " ,":
        start += 1
    if end - start < 8 or len(text[start:end].split()) < 3:
        return None
    covered = sum(max(0, min(b, end) - max(a, start)) for a, b in direct_ranges)
    if covered > 0.6 * (end - start):
        return None
    entity_id, speaker = sp.speaker(who[0], who[1], start)
    return Quote(article_id, text[start:end], start, end, names.get(entity_id, speaker) if entity_id else speaker,
                 entity_id, "indirect", cue)
