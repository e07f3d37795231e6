"""From NER spans to linked mentions: spans tidied, missed names added, roles tied, all canonical.

Steps (see :func:`link_mentions`):
 1. NER spans tidied: determiners and titles off ("M. Poutine" -> "Poutine", "l'OTAN" ->
    "OTAN"), calendar words and uncapitalized spans dropped;
 2. names the registry or the exonym table already knows, where the NER missed them
    (whole capitalized words only; short acronyms only in capitals, so "Un" is not the UN);
 3. every name linked to its canonical entity, in text order (:class:`EntityRegistry`);
 4. role phrases: beside a person's name they teach the registry who holds the role; alone
    they become a mention of that person ("le président russe" -> Vladimir Putin).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from storyline.extract.canonical import ArticleContext, EntityRegistry
from storyline.extract.names import strip_name
from storyline.extract.ner import NerSpan
from storyline.extract.records import Mention
from storyline.extract.roles import find_roles, is_qualified
from storyline.extract.text import fold

__all__ = ["link_mentions"]

# Capitalized words the French and English models tag as entities too often (folded).
_NOT_NAMES = frozenset("""
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december etat etats gouvernement premier premiere ministre president
presidente
dieu god photo video afp video partager share lire aussi read more selon according
""".split())
_CAPITAL_WORD = re.compile(r"(?<![\w.-])[A-ZÀ-ÖØ-Þ][\w-]*")
_WORD = re.compile(r"[\w.-]+")
_MAX_ALIAS_WORDS = 4
# A role beside a name: only spaces and commas between ("le porte-parole du Kremlin, Dmitri Peskov").
_APPOSITION_GAP = re.compile(r"^[\s,]{0,3}$")


# Lowercase words that may start a name ("al-Assad", "de Gaulle", "van der Leyen").
_PARTICLES = frozenset("al el ibn bin ben van von der da di de du le la della dos das".split())
# Capitalized by convention, not names, when the words after them are lowercase ("l'Etat ukrainien").
_COMMON_HEADS = frozenset({"etat", "etats"})
_PORTFOLIOS = frozenset("affaires transports finances armees economie interieur defense justice sante education "
                        "culture travail agriculture environnement energie industrie information commerce budget "
                        "emploi esteri interni difesa giustizia exteriores asuntos interior defensa hacienda "
                        "justicia".split())
_INSTITUTIONS = frozenset("ministere institut agence banque universite tribunal conseil commission parlement "
                          "assemblee cour fondation societe compagnie office autorite ministry agency".split())
_PORTFOLIO = re.compile(  # "ministre (syrien) de l'"
    r"\bministr[eèo]\w*(?:\s+(?!des\b|du\b|de\b|of\b|degli\b|della\b|del\b|dell['’])[a-zà-ÿ]+){0,2}"
    r"\s+(?:des|de\s+la|de\s+l['’]|du|de|of|degli|della|dell['’]|del|di)\s*$",
    re.IGNORECASE)
# Words that join two names the model ran together ("Nations unies pour la Libye").
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
_JOINERS = re.compile(r"\s+(?:pour|contre|avec|à|en|et|and|for|against|with|in)\s+(?:(?:la|le|les|l['’]|the)\s*)?")


def _tidy(text: str, span: NerSpan) -> tuple[int, int] | None:
    """The span without determiners and titles, or None when it is no name (see _NOT_NAMES etc.)."""
    surface = text[span.start:span.end]
    if "\n" in surface:
        surface = surface.split("\n", 1)[0]
    start, end = strip_name(surface)
    start, end = span.start + start, span.start + end
    while start < end and not text[start].isalnum():
        start += 1  # "#Kadhafi", "-OTAN"
    while end > start and not text[end - 1].isalnum():
        end -= 1  # "Libye-", "Egypte]"
    name = text[start:end]
    if end - start < 2 or not any(c.isupper() for c in name) or not any(c.isalpha() for c in name):
        return None
    words = name.split()
    first = fold(words[0])
    if fold(name) in _NOT_NAMES or (len(words) == 1 and first in _NOT_NAMES):
        return None
    if name[0].islower() and first.split()[0] not in _PARTICLES:
        # "port de Tripoli" -> "Tripoli", "institut Météo-Alpes" -> "Météo-Alpes"; but
        # "ministère de l'Economie" is the name itself.
        if first in _INSTITUTIONS and len(words) > 1 and not words[1][:1].isupper():
            return start, end
        capital = re.search(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ]", name)
        if capital is None:
            return None  # "iPhone", "eBay": no word starts with a capital
        start += capital.start()
        name = text[start:end]
        words = name.split()
        first = fold(words[0])
    if first in _PORTFOLIOS and all(w[:1].islower() for w in words[1:]):
        return None  # "Transports", "Affaires étrangères": a minister's portfolio
    if first in _COMMON_HEADS and all(w[:1].islower() for w in words[1:]):
        return None
    if len(words) == 1 and _PORTFOLIO.search(text[max(0, start - 30):start]):
        return None  # "ministre des Transports": a portfolio, not an organisation
    return start, end


def _all_name_words(words: list[re.Match]) -> bool:
    """Every word capitalized, or a particle ("Mohamed ElBaradei", "Abu Bakr al-Yunis")."""
    return all(w.group()[:1].isupper() or fold(w.group()).split()[0] in _PARTICLES for w in words)


# Where people post or whom they speak to: "a appelé sur Twitter Mohamed ElBaradei", "a dit à
# l'AFP Mohammed Saïd" ran into one span.
_PLATFORMS = frozenset("twitter facebook youtube instagram telegram tiktok afp reuters".split())


# Bodies whose officer is named right after them: "le secrétaire général de l'[Otan Anders Fogh
# Rasmussen]", "le président du [CNT Moustapha Abdeljalil]".
_BODIES = frozenset("otan nato onu un ue eu cnt oms who fmi imf unicef kremlin elysee pentagone".split())
_OF_BEFORE = re.compile(r"\b(?:de\s+l['’]|du|de\s+la|des|of(?:\s+the)?)\s*$", re.IGNORECASE)


def _name_after_platform(text: str, start: int, end: int) -> int | None:
    """Where the name starts in a span the model ran on from a platform or a body before it:
    "sur [Twitter Mohamed ElBaradei]", "le secrétaire général de l'[Otan Anders Fogh Rasmussen]"
    (an organisation, shown as the speaker). None when it is not that."""
    words = list(re.finditer(r"\S+", text[start:end]))
    first = fold(words[0].group()) if words else ""
    if len(words) < 3 or not words[1].group()[:1].isupper() or not (first in _PLATFORMS or (
            first in _BODIES and _OF_BEFORE.search(text[max(0, start - 12):start]))):
        return None  # "l'Otan de Naples" is the body's command in Naples
    name = words[1:]
    return start + name[0].start() if _all_name_words(name) else None


def _minister_after_portfolio(text: str, start: int, end: int) -> int | None:
    """Where the minister's name starts in a span the model ran on from the portfolio before
    it: "ministre de l'[Énergie Éric Besson]", "ministre de la [Justice Mustapha Abdeljalil]",
    "ministre des [Affaires étrangères Alain Juppé]" (typed an organisation, they were
    entities of their own). None when the span is not that."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) < 3 or fold(words[0].group()) not in _PORTFOLIOS or not _PORTFOLIO.search(
            text[max(0, start - 30):start]):
        return None
    k = 1
    while k < len(words) and words[k].group()[:1].islower():
        k += 1  # "Affaires étrangères"
    name = words[k:]
    return start + name[0].start() if len(name) >= 2 and _all_name_words(name) else None


_ACRONYM_SKIP = frozenset("de des du d la le les l et en a au aux of the for and".split())


def _spelt_out(text: str, name: Mention, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an acronym in brackets right after the name it stands for,
    its letters the initials of the name's words: "Conseil suprême des forces armées (CSFA)",
    "Human Rights Watch (HRW)"; not "Conseil suprême de l'armée (SCAF)", an English acronym."""
    acronym = text[start:end]
    if not (2 <= len(acronym) <= 6 and acronym.isupper() and acronym.isalpha()):
        return False
    if text[name.end:start] not in (" (", "(", " [") or text[end:end + 1] not in (")", "]"):
        return False
    initials = "".join(w[0] for w in fold(name.text).split() if w not in _ACRONYM_SKIP)
    return len(initials) >= 2 and initials == fold(acronym)


def _split_joined(text: str, start: int, end: int, known: dict[str, str]) -> list[tuple[int, int]]:
    """Cut a span at a spaced dash between words ("Égypte - Safwat Hegazi", a headline's two
    parts), and at a joining word when the parts are names the registry knows."""
    name = text[start:end]
    dashes = list(_SPACED_DASH.finditer(name))
    if dashes:
        bounds = [0, *(x for d in dashes for x in (d.start(), d.end())), len(name)]
        parts = [(a, b) for a, b in zip(bounds[::2], bounds[1::2]) if name[a:b].strip()]
        # one word each side is a name typed with spaces round its hyphen ("Al - Jazeera", "Etats - Unis")
        if any(len(name[a:b].split()) > 1 for a, b in parts):
            return [(start + a, start + b) for a, b in parts]
    if len(name.split()) < 3 or fold(name) in known:
        return [(start, end)]
    parts, cursor = [], 0
    for joiner in _JOINERS.finditer(name):
        parts.append((cursor, joiner.start()))
        cursor = joiner.end()
    parts.append((cursor, len(name)))
    if len(parts) < 2 or not all(fold(name[a:b]) in known for a, b in parts):
        return [(start, end)]
    return [(start + a, start + b) for a, b in parts]


def _known_name_spans(text: str, known: dict[str, str], taken: list[tuple[int, int]], words=None):
    """Known names the NER missed: n-grams of words starting with a capital, longest first.

    A name starting with a capitalized determiner ("Le Caire") is found by its other
    words ("Caire"), since keys are stored without determiners.
    """
    if not known:
        return
    words = words if words is not None else [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [w[0] for w in words]
    taken_sorted = sorted(taken)
    for match in _CAPITAL_WORD.finditer(text):
        i = bisect_left(starts, match.start())
        if i >= len(words) or words[i][0] != match.start():
            continue
        for n in range(min(_MAX_ALIAS_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            key = fold(text[start:end])
            hit = known.get(key)
            if hit is None:
                continue
            while end > start and not text[end - 1].isalnum():
                end -= 1  # "Moscou." -> "Moscou"
            surface = text[start:end]
            if "\n" in surface or len(key) < 2 or (len(key) <= 3 and not surface.isupper()):
                continue
            span = (start, end)
            j = bisect_left(taken_sorted, (span[0], -1))
            neighbours = taken_sorted[max(0, j - 1):j + 1]
            if any(a < span[1] and span[0] < b for a, b in neighbours):
                break
            yield span, hit
            break


def link_mentions(article_id: str, text: str, lang: str | None, spans: list[NerSpan],
                  registry: EntityRegistry, ctx: ArticleContext | None = None) -> list[Mention]:
    """The article's mentions, each linked to a canonical entity (see the module docstring)."""
    ctx = ctx or registry.context(article_id, lang)
    # 1. tidy NER spans (overlaps: the first, longest wins)
    found: list[tuple[int, int, str, str]] = []  # start, end, label, how
    last_end = -1
    known = registry.known_names()
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        tidied = _tidy(text, span)
        if tidied is None or tidied[0] < last_end:
            continue
        label = span.label
        person = _minister_after_portfolio(text, *tidied) or _name_after_platform(text, *tidied)
        if person is not None:
            tidied, label = (person, tidied[1]), "PER"
        for start, end in _split_joined(text, tidied[0], tidied[1], known):
            found.append((start, end, label, "ner"))
        last_end = tidied[1]
    # 2. known names the NER missed: the registry's, and this article's own people by
    #    surname (the model often tags "Vladimir Poutine" and misses a later bare "Poutine")
    taken = [(s, e) for s, e, _, _ in found]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    for (start, end), entity_id in _known_name_spans(text, known, taken, words):
        found.append((start, end, registry.entity_type(entity_id), "alias"))
    surnames = {fold(text[s:e].split()[-1]): "PER" for s, e, label, _ in found
                if label == "PER" and len(text[s:e].split()) > 1}
    if surnames:
        taken = [(s, e) for s, e, _, _ in found]
        for (start, end), label in _known_name_spans(text, surnames, taken, words):
            found.append((start, end, label, "alias"))
    found.sort()
    # 3. link names in text order
    mentions: list[Mention] = []
    for s, e, label, how in found:
        if mentions and _spelt_out(text, mentions[-1], s, e):
            entity_id = registry.link_acronym(text[s:e], mentions[-1].entity_id, label, ctx)
        else:
            entity_id = registry.link(text[s:e], label, ctx)
        mentions.append(Mention(article_id, s, e, text[s:e], label, entity_id, how))
    # 4. roles: appositions teach, bare roles refer back
    people = [m for m in mentions if registry.entity_type(m.entity_id) == "PER"]
    starts = [m.start for m in people]
    all_starts = [m.start for m in mentions]
    role_mentions = []
    for role in find_roles(text, lang):
        i = bisect_left(starts, role.end)
        after = people[i] if i < len(people) else None
        before = people[i - 1] if i > 0 else None
        j = bisect_left(all_starts, role.end)
        named = mentions[j] if j < len(mentions) else None
        if (named is not None and named is not after and len(named.text.split()) >= 2
                and _APPOSITION_GAP.match(text[role.end:named.start]) and registry.person_by_role(named.entity_id)):
            after = named  # "le ministre allemand des Affaires étrangères [Guido Westerwelle]", untyped till now
        if after and _APPOSITION_GAP.match(text[role.end:after.start]):
            registry.learn_role(role.key, after.entity_id, ctx)
        elif before and before.end <= role.start and _APPOSITION_GAP.match(text[before.end:role.start]):
            registry.learn_role(role.key, before.entity_id, ctx)
        elif role.determined and any(m.start < role.end and role.start < m.end for m in people):
            continue
        elif role.determined:
            qualified = _qualified(text, role, mentions)
            entity_id = registry.link_role(role.key, ctx, qualified)
            if entity_id is None and qualified:
                entity_id = _last_person(people, role.start)
            if entity_id:
                start = _role_start(text, role.start, role.end)
                role_mentions.append(Mention(article_id, start, role.end, text[start:role.end], "PER",
                                             entity_id, "role"))
    if role_mentions:
        mentions = sorted(mentions + role_mentions, key=lambda m: (m.start, m.end))
    return mentions


#: How far back (characters) an untaught, qualified role ("le chef du Kremlin") looks for the
#: person it refers back to; beyond that it names no one. Two short paragraphs.
ROLE_REACH = 400


def _qualified(text: str, role, mentions: list[Mention]) -> bool:
    """A role that says whose it is: a nationality ("le ministre russe") or a named body
    ("le chef du Kremlin"); "le ministre de l'Agriculture" names no one we know."""
    if is_qualified(text[role.start:role.end]):
        return True
    return any(role.start <= m.start and m.end <= role.end for m in mentions)


def _last_person(people: list[Mention], pos: int) -> str | None:
    """The person named last before ``pos`` within :data:`ROLE_REACH`, if any."""
    for m in reversed(people):
        if m.end <= pos:
            return m.entity_id if pos - m.end <= ROLE_REACH else None
    return None


_ROLE_DETERMINER = re.compile(r"^(?:le|la|l['’]|du|de\s+la|de\s+l['’]|au|à\s+la|the)\s*", re.IGNORECASE)


def _role_start(text: str, start: int, end: int) -> int:
    """The role mention starts after its determiner: "le président russe" -> "président russe"."""
    match = _ROLE_DETERMINER.match(text[start:end])
    return start + match.end() if match else start
