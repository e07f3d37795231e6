"""What the articles of one collection say about each day: the evidence dates are ranked on.

A day gathers
- its *mentions*: day-level date expressions resolved to it (``jeudi 7 novembre``,
  ``hier``, ``on 20 April``), each with the article that wrote it and when;
- its *reports*: articles published on it;
- its *candidate sentences*: the sentences holding a mention of the day, and the lead
  sentences, holding no date, of articles published that day or the day after (a report's
  lead says what happened without always naming the day, and a report often comes out the
  morning after; news-tls's DATEWISE collects the same way).

Month-level mentions (``en mars``, ``last October``) are gathered the same way per month,
for entries where the text gives no day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Sequence

from storyline.clean.residue import is_chronology_entry, strip_link_notes
from storyline.extract.text import Sentences
from storyline.records import DateMention

__all__ = ["Doc", "Candidate", "DayEvidence", "Evidence", "gather", "LEAD_SENTENCES"]

# Lead sentences of a report taken as candidates for its publication day: five is where
# the lead of a news article ends in T17 (past it, sentences are background more often
# than not).
LEAD_SENTENCES = 5
# Sentences of 8 to 45 words: shorter ones are captions and fragments, longer ones T17's
# title-and-lead run-ons; on T17, 8-45 gave AR1 0.104 against 0.102 for 5-60 and 0.100 for 5-35.
MIN_WORDS, MAX_WORDS = 8, 45


@dataclass(frozen=True)
class Doc:
    """One article as the timeline sees it."""

    id: str
    text: str
    published: date | None
    source: str | None = None
    lang: str | None = None
    title: str = ""
    duplicate_of: str | None = None  # the original this article copies, when it is a copy


# What a wire report puts before its first sentence: a dateline ("HOUSTON, April 29 (Reuters) -",
# "PARIS, 7 novembre (AFP) -", T17's tokenized "Cairo , Egypt -LRB- CNN -RRB- --", with the page's
# "HONG KONG | Tue May 12 , 2009 8:56 am EDT" before it), or a list bullet. Lines drop it; choosing
# sentences without it scored a little lower on T17 (AR2 0.0325 -> 0.0312), so they are chosen whole.
_AGENCY = r"(?:Reuters(?: Life!)?|AP|AFP|CNN|dpa|DPA|ANSA|EFE|Belga|Xinhua|ATS|APA)"
_DATELINE = re.compile(
    r"^[^.!?\n]{0,100}?(?:\(|-LRB-\s*)" + _AGENCY + r"(?:\)|\s*-RRB-)\s*(?:-{1,2}|[–—:])?\s+"
    r"|^(?:\\?[*•·]|-)\s+")
# What a page puts before the lead on the same line: a photo credit ("Photograph: Jane Roe/AP"),
# a page stamp ("Wednesday 20 July 2005 00.24 BST", "Last updated at 15:41 GMT", "Clare
# Spencer | 09:51 UK time, Friday, 28 May 2010"); what is left of a live update's time ("ET)
# --") goes with the cut brackets below. Lines drop it, and a sentence that is nothing else
# is no candidate. On T17 (where 79 of 1,757 chosen lines began "Photograph :") AR1 / AR2
# 0.1166 / 0.0338 -> 0.1174 / 0.0337.
_CREDIT_END = (r"(?:\S*/\S*|AP|EPA|AFP|PA|Reuters|REUTERS|Getty(?: Images)?|Corbis|Rex Features|Associated Press"
               r"|Sipa|Maxppp|ANSA|EFE|Xinhua|Bloomberg|for the \w+)")
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|UK(?: time)?|[ECMP][SD]?T)"
_PAGE_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?\s*" + _ZONE
_PAGE_DATE = (r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\s*,?\s*)?(?:\d{1,2}(?:st|nd|rd|th|er)?\s+[A-Za-zÀ-ÿ]{3,}\.?\s*,?\s+\d{4}"
              r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,\s*\d{4})")
_PAGE_PREFIX = re.compile(
    r"^(?:Photograph|Photo|Picture|Image|Credit|Crédit photo|Foto)\s*:\s*(?:\S+\s+){0,5}?" + _CREDIT_END + r"\s+"
    r"|^.{0,160}?(?:" + _PAGE_DATE + r"\s*[-,]?\s*" + _PAGE_TIME + r"|" + _PAGE_TIME + r"\s*,?\s*" + _PAGE_DATE
    + r"(?:\s+\d{1,2}[:.]\d{2}\s*" + _ZONE + r")?|[Ll]ast updated(?: at)?\s*:?\s*" + _PAGE_TIME + r"(?:\s*,?\s*" + _PAGE_DATE + r"(?:\s+\d{1,2}[:.]\d{2}\s*"
    + _ZONE + r")?)?)(?:\s+Help)?\s+"
    # a blog's byline stamp: "Posted by Kim on April 2, 2005 11:01 PM."
    r"|^(?:Posted|Posté|Publié)(?: by| par)?\s[^.!?]{1,60}?\s(?:on|le)\s" + _PAGE_DATE
    + r"\s*,?\s*(?:at|à)?\s*\d{1,2}[:.h]\d{2}(?:\s*[AaPp]\.?\s?[Mm]\.?)?\s*\.?\s*"
    # a live blog's entry time: "21h01 :", "22 h 30 :", "10:05 a.m. ET -"; with its day: "-- June
    # 02 , 2010 2:43 PM"
    r"|^(?:-{1,2}\s*)?" + _PAGE_DATE + r"\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*[AaPp]\.?\s?[Mm]\.?\s+"
    r"|^\d{1,2}(?:\s?h\s?\d{0,2}|[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?)\s*(?:" + _ZONE + r")?\s*(?::|-{1,2}|[–—])\s+")


# A day named as where a span starts or ends ("portée disparue depuis le 28 janvier", "no oil
# since 15 July") is not what the sentence tells of that day: the mention counts for the
# day, the sentence is no candidate for it. T17 AR1 / AR2 0.1174 / 0.0337 -> 0.1178 / 0.0339,
# ML-Crisis fr 0.0887 / 0.0112 -> 0.0885 / 0.0113.
_SINCE = re.compile(r"(?:\b(?:since|until|till|depuis|desde|hasta|dal|dall'|fino al|fino a)|jusqu'(?:au|à|a))"
                    r"\s*(?:le|el|il|the)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A sentence that may say what happened on a day."""

    doc: Doc
    start: int
    end: int
    explicit: bool  # it names the day itself (not only a lead published that day)

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def line(self) -> str:
        """The sentence as a timeline shows it: past any dateline or list bullet."""
        return display_line(self.text)


@dataclass
class DayEvidence:
    """Everything the collection says about one day (or month, for month entries)."""

    value: str  # YYYY-MM-DD, or YYYY-MM for a month
    mentions: list[tuple[str, date | None, int]] = field(default_factory=list)  # (doc id, published, offset)
    reports: set[str] = field(default_factory=set)
    reports_next: set[str] = field(default_factory=set)
    candidates: dict[tuple[str, int], Candidate] = field(default_factory=dict)

    @property
    def mention_docs(self) -> set[str]:
        return {m[0] for m in self.mentions}

    def article_ids(self) -> set[str]:
        return self.mention_docs | self.reports

    def add(self, candidate: Candidate) -> None:
        key = (candidate.doc.id, candidate.start)
        known = self.candidates.get(key)
        if known is None or (candidate.explicit and not known.explicit):
            self.candidates[key] = candidate


@dataclass
class Evidence:
    days: dict[date, DayEvidence]
    months: dict[str, DayEvidence]
    docs: dict[str, Doc]


# What is left of a bracket the sentence splitter cut through: the tail of a live update's
# stamp ("ET) --", "Sunday ET) :", "2:28 p.m. in Libya) The government...", T17's "Tuesday
# in Libya -RRB-") or of a ticker ("BP.N) said", split at the dot), a closing bracket with no
# opening one before it, or a clip's running time ("(2:38) Aug. 12 - ..."). Lines drop it.
_OPEN, _CLOSE = r"(?:-LRB-|\()", r"(?:-RRB-|\))"
_NOT_BRACKET = r"(?:(?!-LRB-|-RRB-)[^()])"
_CUT_BRACKET = re.compile(
    r"^(?:" + _OPEN + _NOT_BRACKET + r"{0,40}?" + _CLOSE + r"\s*)?" + _NOT_BRACKET + r"{0,50}?" + _CLOSE
    + r"\s*(?:-{1,2}|[–—:])?\s+|^" + _OPEN + r"\s*\d{1,2}[:.]\d{2}\s*" + _CLOSE + r"\s*")


def display_line(sentence: str) -> str:
    """``sentence`` past any page prefix (photo credit, page stamp), dateline or list bullet,
    without links' language notes and footnote calls."""
    line = _DATELINE.sub("", _PAGE_PREFIX.sub("", sentence.strip(), count=1), count=1)
    return strip_link_notes(_CUT_BRACKET.sub("", line, count=1))


# A sentence with a link, an @handle, a #hashtag or an image's file name is a tweet or a
# photo caption quoted in a post ("@Rayyalmulla Photo des manifestants … #dubai #uae
# http://yfrog.com/…", "SUHAIB SALEM/REUTERS http://…/e7a8….jpg Des Libyens examinent…"):
# no timeline line. T17 AR1 0.1341 -> 0.1343; ML-Crisis fr 0.0925 / 0.0140 -> 0.0931 / 0.0139,
# es 0.210 -> 0.211, it 0.040 / 0.011 / 0.127 -> 0.047 / 0.012 / 0.146, fr from fr+es+it alike.
_WEB = re.compile(r"https?://|www\.|(?:^|\s)[@#]\w|\.(?:jpe?g|png|gif)\b", re.IGNORECASE)
# A note of the article's own ("(5) Lire Gilbert Achcar, « … », Le Monde diplomatique, mars 2011."):
# a reference, not what happened.
_NOTE = re.compile(r"^\s*[(\[]\d{1,3}[)\]]\s")


def _usable(text: str) -> bool:
    if _WEB.search(text) or _NOTE.match(text):
        return False
    words = len(display_line(text).split())
    return MIN_WORDS <= words <= MAX_WORDS


def gather(docs: Sequence[Doc], mentions: Iterable[DateMention], start: date | None = None,
           end: date | None = None) -> Evidence:
    """Evidence per day in ``[start, end]`` (both optional) from ``docs`` and their date mentions."""
    by_doc: dict[str, list[DateMention]] = defaultdict(list)
    for m in mentions:
        if m.resolved and m.kind == "date" and m.value:
            by_doc[m.article_id].append(m)

    def inside(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    days: dict[date, DayEvidence] = {}
    months: dict[str, DayEvidence] = {}

    def day_of(day: date) -> DayEvidence:
        if day not in days:
            days[day] = DayEvidence(day.isoformat())
        return days[day]

    # A chronology entry republished word for word in article after article (a wire's
    # factbox) is one mention of its day, not one per article. T17 AR1 / AR2 / Date-F1
    # counting every copy 0.1217 / 0.0384 / 0.5573, none 0.1239 / 0.0399 / 0.5564, the
    # first 0.1224 / 0.0390 / 0.5583.
    factbox: set[str] = set()
    for doc in docs:
        sentences = Sentences(doc.text)
        mentioned_spans: set[int] = set()
        opening: dict[int, int] = {}  # sentence start -> offset of its first day mention
        for m in by_doc.get(doc.id, ()):
            if m.granularity == "day":
                s_start = sentences.bounds(m.start)[0]
                opening[s_start] = min(opening.get(s_start, m.start), m.start)
        for m in by_doc.get(doc.id, ()):
            s_start, s_end = sentences.bounds(m.start)
            mentioned_spans.add(s_start)
            if m.granularity == "day":
                day = date.fromisoformat(m.value)
                if not inside(day):
                    continue
                evidence = day_of(day)
                sentence = doc.text[s_start:s_end]
                copy = " ".join(sentence.split()).lower() if is_chronology_entry(sentence) else None
                if copy not in factbox:
                    evidence.mentions.append((doc.id, doc.published, m.start))
                if copy is not None:
                    factbox.add(copy)
                # a chronology entry tells the day it opens on: "May 29 - BP says the top kill,
                # started three days earlier, has failed" is no line for May 26
                other_day = copy is not None and m.start != opening[s_start]
                since = _SINCE.search(doc.text[max(s_start, m.start - 16):m.start])
                if _usable(sentence) and not other_day and not since:
                    evidence.add(Candidate(doc, s_start, s_end, True))
            elif m.granularity == "month":
                month = months.setdefault(m.value, DayEvidence(m.value))
                month.mentions.append((doc.id, doc.published, m.start))
                if _usable(doc.text[s_start:s_end]):
                    month.add(Candidate(doc, s_start, s_end, True))
        if doc.published is None or not inside(doc.published):
            continue
        day_of(doc.published).reports.add(doc.id)
        before = doc.published - timedelta(days=1)
        if inside(before):
            day_of(before).reports_next.add(doc.id)
        for s_start, s_end in _lead(sentences):
            if s_start not in mentioned_spans and _usable(doc.text[s_start:s_end]):
                # T17, AR1 / AR2 (Perl ROUGE): leads for the publication day only 0.108 / 0.032,
                # for the day before too 0.112 / 0.0325
                for day in (doc.published, before):
                    if inside(day):
                        day_of(day).add(Candidate(doc, s_start, s_end, False))
    return Evidence(days, months, {d.id: d for d in docs})


def _lead(sentences: Sentences) -> list[tuple[int, int]]:
    out = []
    for offset in sentences.starts[:LEAD_SENTENCES]:
        s_start, s_end = sentences.bounds(offset)
        if s_end > s_start:
            out.append((s_start, s_end))
    return out
