"""Quotes and their speakers: direct, partial and indirect speech, in French and English, and
with fewer rules in Spanish and Italian (their cues in :mod:`storyline.extract.cues`; no NER
model there, so a name of two words stands for a person unless it names a body).

Steps (see :func:`find_quotes`):
 1. quoted spans, paragraph by paragraph: « », “ ”, „ “, " ", and the machine-translation
    pairs the clean stage could not repair (” … “); nesting kept (“ ” inside « »); a
    guillemet left open runs to the end of its paragraph (multi-paragraph quotes);
 2. each span is a ``direct`` quote (a sentence), a ``partial`` one (a fragment inside
    reported speech: «de ne pas intensifier le conflit»), or a term in quote marks (short,
    no speech cue in its sentence) that is not a quote at all;
 3. its speaker, first rule that answers: the attribution right after it ("», a déclaré
    Dmitri Peskov", "," Putin said", "a-t-il ajouté"), a bullet or dash line naming someone
    right under it, the cue verb before it in the sentence ("X a déclaré : «", "Selon X,
    «", "X said: \""), and else the last speaker of the same or previous paragraph
    (:mod:`storyline.extract.speakers`);
 4. indirect speech: a cue verb and "que"/"that" ("X a affirmé que ...", "X said the
    talks ..."), "selon X, ...", "..., selon X." and "..., a-t-il dit." without quote marks
    (:mod:`storyline.extract.indirect`), merged in text order with the direct quotes so that
    "il" always means the speaker before it.

A speaker is the entity of the mention that names it (a name, or a role phrase such as
"le porte-parole du Kremlin" that refers back to one); "il"/"elle"/"he"/"she" go back to
the last speaker (else the last person named); organisations and places can speak
("le Kremlin a affirmé"). Words that name nobody known ("un diplomate") are kept as
the speaker text with no entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.cues import INVERTED, SELON, cue_pattern
from storyline.extract.indirect import indirect_candidates, indirect_quote
from storyline.extract.records import Mention, Quote
from storyline.extract.speakers import (
    Speakers, attribution_after, attribution_before, attribution_end, attribution_line,
)
from storyline.extract.text import Sentences, fold

__all__ = ["find_quotes", "quoted_spans"]

_MARKS = "«»“”„\""
#: A quoted term of at most this many words, with no speech cue in its sentence, is a
#: name or a scare quote, not a quote ("l'opération «spéciale»").
MAX_TERM_WORDS = 3


@dataclass
class _Span:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (end of paragraph when left open)
    depth: int


def quoted_spans(text: str) -> list[_Span]:
    """Pairs of quote marks, paragraph by paragraph (see the module docstring, step 1)."""
    out: list[_Span] = []
    line_start = 0
    for line in text.split("\n"):
        if any(mark in line for mark in _MARKS):
            out.extend(_pair_line(line, line_start))
        line_start += len(line) + 1
    return out


def _looks_closing(line: str, i: int) -> bool:
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _pair_line(line: str, base: int) -> list[_Span]:
    stack: list[tuple[str, int]] = []
    out = []
    for i, c in enumerate(line):
        if c not in _MARKS:
            continue
        top = stack[-1][0] if stack else None
        if c == "«":
            stack.append((c, i))
        elif c == "»":
            # close the innermost guillemet, closing anything opened inside it
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == "«":
                    out.append(_Span(base + stack[k][1], base + i, k))
                    del stack[k:]
                    break
        elif c == "„":
            stack.append((c, i))
        elif c == "“":
            if top in ("„", "”") or (top == "“" and _looks_closing(line, i)):
                # German „…“, broken ” … “ or “ … “ from machine translation
                out.append(_Span(base + stack[-1][1], base + i, len(stack) - 1))
                stack.pop()
            else:
                stack.append((c, i))
        elif c == "”":
            if top in ("“", "”") and (top == "“" or _looks_closing(line, i)):
                out.append(_Span(base + stack[-1][1], base + i, len(stack) - 1))
                stack.pop()
            elif not _looks_closing(line, i):
                stack.append((c, i))  # a broken opening mark: ” … “
        elif c == '"':
            if top == '"':
                out.append(_Span(base + stack[-1][1], base + i, len(stack) - 1))
                stack.pop()
            else:
                stack.append((c, i))
    # a guillemet (or curly mark) left open runs to the end of the paragraph
    for k, (mark, i) in enumerate(stack):
        if mark in "«“" and len(line) - i > 20:
            out.append(_Span(base + i, base + len(line), k))
            break
    return out


def _has_cue(sentence: str, lang: str | None) -> bool:
    return bool(cue_pattern(lang).search(sentence) or SELON.search(sentence) or INVERTED.search(sentence)
                or re.search(r"\b(?:qualifi\w+|appel\w*|dénon\w+|évoqu\w+|promis|promet|called|described|"
                             r"urged|vowed)\b", sentence))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Inside the marks, without spaces or the comma English puts before its closing mark."""
    start += 1
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS or text[end - 1] in ",;"):
        end -= 1
    return start, end


# First words of Spanish and Italian names of bodies and places, which an untyped name of two
# words is not a person's by: "Hermanos Musulmanes", "Naciones Unidas", "Casa Blanca".
_INSTITUTION_WORDS = frozenset("""
hermanos naciones casa oriente consejo ministerio union estados fuerzas partido movimiento fratelli nazioni
stati unione consiglio ministero partito movimento medio golfo plaza piazza corte tribunal banco banca comision
commissione organizacion organizzazione agencia agenzia gobierno governo ejercito esercito cruz croce amnistia
amnesty human liga lega frente fronte alto alta asamblea assemblea parlamento congreso senado senato
camara camera sala palacio palazzo comite comitato
""".split())


def find_quotes(article_id: str, text: str, lang: str | None, mentions: list[Mention],
                names: dict[str, str], types: dict[str, str], sentences: Sentences | None = None,
                untyped: bool = False) -> list[Quote]:
    """Quotes of one article (see the module docstring). ``names``/``types``: entity id -> name/type.

    ``untyped``: the article's names were found without a NER model (Spanish, Italian), so
    all are MISC; a name of two words or more there may be a person's and is taken as one."""
    sentences = sentences or Sentences(text)
    if untyped:
        types = {**types, **{m.entity_id: "PER" for m in mentions
                             if types.get(m.entity_id) == "MISC" and len(m.text.split()) >= 2
                             and fold(m.text.split()[0]) not in _INSTITUTION_WORDS}}
    sp = Speakers(mentions, names, types, text, lang)
    events: list[tuple[int, str, object]] = [(s.open, "direct", s) for s in quoted_spans(text)]
    events += [(start, "indirect", match) for start, match in indirect_candidates(text, lang)]
    events.sort(key=lambda e: e[0])
    quotes: list[Quote] = []
    direct_ranges: list[tuple[int, int]] = []
    for _, kind, item in events:
        last = sp.last, sp.last_pos
        if kind == "direct":
            quote = _direct(article_id, text, lang, item, sp, sentences)
            if quote is not None:
                direct_ranges.append((quote.start, quote.end))
        else:
            quote = indirect_quote(article_id, text, lang, item, sp, sentences, direct_ranges)
        if quote is None:
            continue
        if any(q.start <= quote.start and quote.end <= q.end for q in quotes):
            # a quote inside another ("A says that B told him «...»"): B is not who "il" means next
            sp.last, sp.last_pos = last
        quotes.append(quote)
        sp.said.append((quote.start, quote.end))
    return quotes


# Between two quotes of one list: "« … », ou « … »", "« … » et « … »", "« … », ou encore « … »".
_LIST_GLUE = re.compile(r"[ \t\u00a0,;]*(?:(?:ou|et|puis|or|and|y|o|e|oppure)(?:[ \u00a0]+encore)?)?[ \t\u00a0,;]*")


def _direct(article_id, text, lang, span: _Span, sp: Speakers, sentences: Sentences) -> Quote | None:
    start, end = _trim(text, span.open, span.close)
    if end - start < 2:
        return None
    content = text[start:end]
    words = len(content.split())
    s_start, s_end = sentences.bounds(span.open)
    # a quote holding several sentences ends in a later "sentence": take the one holding its end
    _, s_end = sentences.bounds(max(span.open, span.close - 1)) if span.close > s_end else (s_start, s_end)
    head = text[s_start:span.open]
    tail_end = sentences.bounds(min(len(text) - 1, span.close + 1))[1] if span.close + 1 < len(text) else s_end
    sentence = text[s_start:max(s_end, tail_end)]
    lowercase_start = content[0].islower()
    before_mark = head.rstrip()
    embedded = bool(before_mark) and not before_mark.endswith((":", "—", "–", "-", "\n")) and lowercase_start
    if words <= MAX_TERM_WORDS and not _has_cue(sentence, lang):
        return None
    if words <= MAX_TERM_WORDS and not lowercase_start and not before_mark.endswith(":"):
        # "«Le Monde»", "the “Spring Offensive”": a title or a name in quote marks
        if not re.search(r"[.!?…]$", content) and not attribution_after(text, span.close, lang, sp,
                                                                           max(s_end, tail_end)):
            return None
    kind = "partial" if embedded or (lowercase_start and words <= 12 and before_mark) else "direct"
    sp.quoted = (span.open, span.close)
    found = (attribution_after(text, span.close, lang, sp, max(s_end, tail_end))
             or attribution_line(text, span.close, sp)
             or attribution_before(text, span.open, lang, sp, s_start)
             or attribution_end(text, span.close, lang, sp, max(s_end, tail_end)))
    if found is not None:
        (entity_id, who), cue = found
    elif sp.listed and _LIST_GLUE.fullmatch(text, sp.listed[0] + 1, span.open):
        _, entity_id, who, cue = sp.listed  # "Des jeunes scandent : « … », ou « … »": the same speaker
    else:
        entity_id, who, cue = _nearest_speaker(text, span.open, sp, sentences)
    sp.quoted = (0, 0)
    entity_id, who = sp.speaker(entity_id, who, span.open)
    sp.listed = (span.close, entity_id, who, cue)
    return Quote(article_id, content, start, end, sp.names.get(entity_id, who) if entity_id else who,
                 entity_id, kind, cue)


def _nearest_speaker(text: str, pos: int, sp: Speakers, sentences: Sentences):
    """No attribution: the last speaker if they spoke in this or the previous paragraph."""
    paragraph_start = text.rfind("\n", 0, pos)
    previous = text.rfind("\n", 0, max(0, paragraph_start))
    if sp.last[0] is not None and sp.last_pos >= previous:
        return sp.last[0], sp.last[1], None
    return None, None, None
