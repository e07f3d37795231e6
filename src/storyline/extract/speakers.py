"""Who said it: the speaker rules shared by direct and indirect quotes.

- after a closing mark: "», a déclaré Dmitri Peskov", "», a-t-il ajouté", "," Putin said";
- a bullet or dash line under the quote: "— Dmitri Peskov, porte-parole";
- a cue verb before the opening mark in the sentence: "X a déclaré : «", "Selon X, «";
- the subject of a cue verb: the nearest person before it, else an organisation or place
  that is the subject ("le Kremlin a affirmé", not "Depuis Kyïv, la présidence a précisé"),
  else a pronoun ("il", "he": the last speaker, else the last person named), else a noun
  phrase: a role ("le ministre", "the minister") goes back like a pronoun, a generic
  organisation noun ("l'entreprise") to the last organisation named, anything else
  ("un diplomate") is kept as the speaker's words with no entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from storyline.extract.cues import (
    EN_VERBS, INVERTED, ORG_HEADS, PRONOUNS, ROLE_HEADS, SAID_AFTER, SELON, SUBJECT_PRONOUNS, cue_pattern,
)
from storyline.extract.records import Mention

__all__ = ["Speakers", "subject_before", "subject_after", "attribution_after", "attribution_end",
           "attribution_line", "attribution_before", "name_at", "inverted_pronoun", "DETERMINER_BEFORE"]

# Languages that drop the subject pronoun, and their pronouns when written (see Speakers)
_PRO_DROP = frozenset({"es", "it"})
_ROMANCE_PRONOUNS = frozenset({"él", "ella", "ellos", "ellas", "lui", "lei", "loro"})
_BULLET_LINE = re.compile(r"\n[ \t]*[-—–•·*][ \t]*")
# "le dit accord", "un rappel": a noun, not a cue; "comme le disait X": "le" is the object pronoun.
DETERMINER_BEFORE = re.compile(
    r"(?:\b(?<!\bcomme\s)(?:le|la|les|un|une|des|sa|son|ses|cette|ce|leur|leurs|du|the|a|an|his|her|its|their)\s+)$",
    re.IGNORECASE)


_GENDER = {"il": "m", "lui": "m", "he": "m", "him": "m", "elle": "f", "she": "f", "her": "f"}


class Speakers:
    """Mentions by position, and the running "last speaker" for pronouns."""

    def __init__(self, mentions: list[Mention], names: dict[str, str], types: dict[str, str], text: str = "",
                 lang: str | None = None):
        self.text = text
        self.lang = lang
        # Spanish and Italian drop the subject pronoun ("« … », añadió"); written, it is one of
        # theirs ("il" and "le" are Italian articles there, not French pronouns)
        romance = lang in _PRO_DROP
        self.pronouns = _ROMANCE_PRONOUNS if romance else PRONOUNS
        self.subject_pronouns = _ROMANCE_PRONOUNS if romance else SUBJECT_PRONOUNS
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.names = names
        self.types = types
        self.last: tuple[str | None, str | None] = (None, None)  # (entity id, text)
        self.last_pos = -1
        self.quoted = (0, 0)  # the quote being attributed: no one named inside it is its speaker
        self.said: list[tuple[int, int]] = []  # what was quoted so far
        # the last direct quote: where it closed, and who said it ("« … », ou « … »" goes on with them)
        self.listed: tuple[int, str | None, str | None, str | None] | None = None
        self.gender: dict[str, str] = {}  # entity id -> "m" / "f", from the pronouns that stood for it

    def first_after(self, pos: int, limit: int) -> Mention | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.mentions) and self.mentions[i].start <= limit:
            return self.mentions[i]
        return None

    def before(self, lo: int, hi: int) -> list[Mention]:
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def people_before(self, pos: int):
        """Persons named before ``pos``, latest first, but none named inside a quote: not in
        the one being attributed, nor in what a speaker was reported saying."""
        for m in reversed(self.mentions[:bisect_right(self.starts, pos)]):
            if (self.types.get(m.entity_id) == "PER" and m.end <= pos
                    and not any(a <= m.start < b for a, b in (self.quoted, *self.said))):
                yield m

    def pronoun(self, pos: int, word: str | None = None) -> tuple[str | None, str | None]:
        """Who "il", "elle", "he" or a role (``word`` None) stands for: the latest person named
        since the last speaker spoke ("Léna Dorsi s'est rendue à Mirovo. « … », a-t-elle
        promis"), or the subject of the sentence naming them when they are not it ("Hugo
        Lemaire l'emporte contre Claire Bertaud"); else the last speaker; with no speaker yet,
        the latest person. A person "elle" once stood for is not who "il" means, and the
        other way round."""
        word = (word or "").lower()
        if word == "on":
            return None, None  # "a-t-on appris", "a-t-on insisté": no one in particular
        want = _GENDER.get(word)

        def fits(entity_id: str) -> bool:
            return want is None or self.gender.get(entity_id, want) == want

        if want is not None:  # "il", "elle", "he", "she"; not the impersonal "on"
            someone = self._someone_since(pos)
            if someone is not None:
                return None, someone
        found = self._antecedent(pos, fits, gendered=want is not None)
        if found[0] is not None and want is not None:
            self.gender.setdefault(found[0], want)
        return found

    def _someone_since(self, pos: int) -> str | None:
        """An unnamed person introduced since the last speaker and after the latest person named
        ("D'autres témoins ont rapporté des affrontements, l'un d'eux qualifiant les événements de
        massacres. « … », a-t-il précisé"): who "il" means there, not the last speaker."""
        window_start = max(self.last_pos, pos - 400, 0)
        latest = next(iter(self.people_before(pos)), None)
        if latest is not None:
            window_start = max(window_start, latest.end)
        found = None
        for match in _SOMEONE.finditer(self.text, window_start, pos):
            if any(a <= match.start() < b for a, b in (self.quoted, *self.said)):
                continue
            named = next(iter(self.people_before(match.start())), None)
            if named is not None and re.fullmatch(r"\s*,\s*", self.text[named.end:match.start()]):
                continue  # "Bahira Mahmoud, une manifestante": her description, not someone else
            found = match.group(0)
        return found

    def _antecedent(self, pos: int, fits, gendered: bool = False) -> tuple[str | None, str | None]:
        """``gendered``: "il"/"elle", which a country that spoke last ("la Libye a démenti") is
        less likely to be than the person named before it."""
        latest = None
        for m in self.people_before(pos):
            if self.last[0] is not None and m.start <= self.last_pos:
                break
            if not fits(m.entity_id):
                continue
            if latest is None:
                latest = m
                sentence_start = max(self.text.rfind(end, 0, m.start) for end in (". ", "! ", "? ", "\n"))
            elif m.start < sentence_start:
                break
            if self._subject(m):
                return m.entity_id, m.text
        if self.last[0] is not None and fits(self.last[0]) and not (
                gendered and self.types.get(self.last[0]) == "LOC" and latest is None
                and next(self.people_before(pos), None) is not None):
            return self.last
        if latest is None and self.last[0] is not None:
            # the last speaker is not who the pronoun means, and no one was named since
            latest = next((m for m in self.people_before(pos) if fits(m.entity_id)), None)
        return (latest.entity_id, latest.text) if latest else (None, None)

    def _subject(self, m: Mention) -> bool:
        """Whether a person mention may be a sentence's subject: no preposition among the few
        words before it, nor right before their determiner ("la Première ministre Léna Dorsi"
        may; "la chute de Mouammar Kadhafi", "avec la Première ministre Léna Dorsi", "spoke with
        Russian President Vladimir Putin" may not)."""
        segments = re.split(r"([.!?;:,«»\"“”()])", self.text[max(0, m.start - 120):m.start])
        before = segments[-1].split()[-6:]
        for k in range(len(before) - 1, -1, -1):
            if _PREPOSITION_BEFORE.search(before[k] + " "):
                return False
            if DETERMINER_BEFORE.search(before[k] + " "):
                return k == 0 or not _PREPOSITION_BEFORE.search(before[k - 1] + " ")
        # names alone after a comma name what the clause before them named: "aux présidents
        # américain et français, Barack Obama et Nicolas Sarkozy" are no subject
        if (all(w[:1].isupper() or w in ("et", "and") for w in before) and len(segments) >= 3
                and segments[-2] == "," and _ROLES_AFTER_PREPOSITION.search(segments[-3])):
            return False
        return True

    def speaker(self, entity_id: str | None, text: str | None, pos: int) -> tuple[str | None, str | None]:
        if entity_id is not None:
            self.last, self.last_pos = (entity_id, text), pos
        return entity_id, text


# An unnamed person a report brings in: "l'un d'eux", "un témoin", "a resident".
_SOMEONE = re.compile(
    r"\b(?:[Ll]['’]une?\s+d['’](?:eux|elles|entre\s+eux|entre\s+elles)"
    r"|[Uu]ne?\s+(?:autre\s+)?(?:témoin|source|homme|femme|habitante?|manifestante?|médecin|infirmière|infirmier"
    r"|soldat|combattante?"
    r"|insurgée?|rebelle|journaliste|militante?|étudiante?|commerçante?|passante?|réfugiée?|secouriste|policier"
    r"|policière|officier)"
    r"|[Oo]ne\s+of\s+them|[Aa]n?\s+(?:witness|resident|protester|doctor|nurse|soldier|fighter|rebel|student))\b")


# Words after which a speaker's noun phrase is over: "le nouvel élu | devant la mairie".
_PHRASE_END = (r"(?:devant|lors|dans|depuis|après|avant|sur|pour|par|vers|avec|à|au|aux|en|"
               r"at|in|on|before|after|during|outside|from|to|with)")
# a determiner and up to four words; "ce" not as a pronoun ("ce qui", "c'est") nor with a time ("cette semaine")
_NOUN_PHRASE = (r"(?<![\w’'-])(?:(?:[Ll]e|[Ll]a|[Ll]es|[Uu]n|[Uu]ne|[Dd]es|[Ss]on|[Ss]a|[Ss]es|[Ll]eur"
                r"|(?:[Cc]e|[Cc]et|[Cc]ette|[Cc]es)(?!\s+(?:qui|que|qu['’]|dont|à|au|par|et|est|sont|n['’]|ne"
                r"|matin|soir|midi|nuit|semaine|mois|année|an|week-end|après-midi|jour|jours"
                r"|derniers?|dernières?)\b)"
                r"|[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+"
                r"|[Ll]['’])[\w’'-]+(?:\s+(?!" + _PHRASE_END + r"\b)[\w’'-]+){0,3}")
_NOUN_BEFORE = re.compile(rf"({_NOUN_PHRASE})\s*$")
_NOUN_AFTER = re.compile(rf"\s*({_NOUN_PHRASE})")
# The same in Spanish and Italian ("el portavoz del Gobierno", "il ministro degli Esteri"); kept
# apart because "Il" opens a French sentence as a pronoun.
_ROMANCE_END = r"(?:en|ante|desde|tras|durante|con|a|al|in|davanti|per|su|da|dal|nel)"
_ROMANCE_NOUN_PHRASE = (r"(?<![\w’'-])(?:(?:[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Uu]n|[Uu]na|[Uu]nos|[Uu]nas|[Ii]l|[Ll]o"
                        r"|[Gg]li|i|[Ll]e|[Uu]no|[Ss]u|[Ss]us|[Ss]uo|[Ss]ua|[Qq]uesto|[Qq]uesta|[Ee]ste|[Ee]sta)\s+"
                        r"|[Ll]['’])[\w’'-]+(?:\s+(?!" + _ROMANCE_END + r"\b)[\w’'-]+){0,3}")
_NOUN_BEFORE_BY_LANG = dict.fromkeys(("es", "it"), re.compile(rf"({_ROMANCE_NOUN_PHRASE})\s*$"))
_NOUN_AFTER_BY_LANG = dict.fromkeys(("es", "it"), re.compile(rf"\s*({_ROMANCE_NOUN_PHRASE})"))
# "aux présidents américain et français", "à son homologue russe": whom the names after them are
_ROLES_AFTER_PREPOSITION = re.compile(
    r"\b(?:à|au|aux|avec|pour|chez|to|with)\s+(?:les?\s+|la\s+|l['’]|ses\s+|son\s+|sa\s+|leurs?\s+|the\s+|his\s+)?"
    r"(?:présidents?|ministres?|dirigeants?|chefs?|homologues?|responsables?|leaders?|presidents?|counterparts?)\b"
    r"[^.!?]{0,40}$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:à|au|aux|de|du|des|depuis|en|dans|sur|pour|par|vers|avec|contre|chez|entre|"
                                 r"from|in|at|to|of|on|for|by|with|against|among|d['’])\s*$", re.IGNORECASE)


#: How far back (characters) "l'entreprise" or "l'organisation" looks for the organisation it means.
ORG_REACH = 600


def _described(phrase: str, pos: int, sp: Speakers) -> tuple[str | None, str | None]:
    """A noun phrase naming the speaker: a role description refers back like a pronoun,
    a generic organisation noun to the last organisation named."""
    if ROLE_HEADS.match(phrase):
        entity_id, _ = sp.pronoun(pos)
        if entity_id is not None:
            return entity_id, phrase
    elif ORG_HEADS.match(phrase):
        for m in reversed(sp.before(max(0, pos - ORG_REACH), pos)):
            if sp.types.get(m.entity_id) in ("ORG", "MISC") and m.end <= pos:
                return m.entity_id, phrase
    return None, phrase


def subject_before(text: str, cue_start: int, clause_start: int, sp: Speakers) -> tuple[str | None, str | None]:
    """The speaker a cue verb's subject names: nearest person, else organisation or place, else pronoun."""
    head = text[clause_start:cue_start]
    stripped = head.rstrip(" ,")
    last_word = re.search(r"(\w+)\W*$", stripped)
    resumed = _RESUMED.search(head)
    if resumed:  # "L'opposition nationaliste, elle, dénonce": the pronoun takes up what is before it
        head = head[:resumed.start()]
        cue_start = clause_start + resumed.start()
        stripped = head.rstrip(" ,")
    elif last_word and last_word.group(1).lower() in sp.subject_pronouns:
        return sp.pronoun(cue_start, last_word.group(1))
    elif last_word and last_word.group(1).lower() == "on" and stripped[:last_word.start()].strip(" ,") == "":
        return None, None  # "On murmure que…", "On accuse Morsi de…": no one in particular
    else:
        cut = _before_incises(text, clause_start, cue_start, sp)
        if cut is not None:
            head, cue_start = text[clause_start:cut], cut
            stripped = head.rstrip(" ,")
    candidates = [m for m in sp.before(clause_start, cue_start) if m.end <= cue_start]
    people = [m for m in candidates if sp.types.get(m.entity_id) == "PER"]
    if people:
        return people[-1].entity_id, people[-1].text
    # An organisation or place speaks when it is the subject: "le Kremlin a affirmé", not
    # "Depuis Kyïv, la présidence a précisé" (after a preposition, or cut off by a comma).
    for m in candidates:
        if "," not in text[m.end:cue_start] and not _PREPOSITION_BEFORE.search(text[clause_start:m.start]):
            return m.entity_id, m.text
    noun = _NOUN_BEFORE_BY_LANG.get(sp.lang or "", _NOUN_BEFORE).search(stripped)
    if noun:
        return _described(noun.group(1), cue_start, sp)
    words = stripped.split()
    if 0 < len(words) <= 3 and words[0][:1].isupper():  # "Authorities said", "Officials told"
        return None, " ".join(words)
    return None, None


_RESUMED = re.compile(r"(?<=\w),\s*(?:il|elle|ils|elles|lui|eux)\s*,\s*$", re.IGNORECASE)


def _before_incises(text: str, clause_start: int, cue_start: int, sp: Speakers) -> int | None:
    """Where the subject's part of a cue's clause ends when clauses set off by commas stand
    between the subject and the cue: "L'ONG Human Rights Watch, évoquant vingt-quatre morts pour
    la journée de jeudi, a dénoncé", "X, who met Y on Monday, said", "Les signataires, permettant
    ..., ouvrant ..., avaient déclaré". None when there is no such clause, when it is a name in
    apposition ("Le porte-parole, Dmitar Voss, a déclaré"; the name is the speaker), or when no
    subject stands before it ("Jeudi, les Etats-Unis ont pressé ..., assurant")."""
    cut = None
    end = cue_start
    while True:
        incise = _INCISE.search(text, clause_start, end)
        if incise is None:
            break
        start, stop = incise.start(1), incise.end(1)
        first = re.match(r"\s*([\w’'-]+)", text[start:stop])
        word = first.group(1).lower() if first else ""
        if cut is not None and not (word in _RELATIVE or word.endswith(("ant", "ing"))):
            break  # past the first, only a chain of clauses ("permettant …, ouvrant …,") goes
        if cut is None and word not in _RELATIVE and _apposition(start, stop, sp):
            break
        if any(cue_pattern(lang).search(text, start, stop) for lang in ("fr", "en")):
            break  # a clause with its own speech verb ("…, a affirmé à Oslo le ministre Sergueï Lavrov, estimant")
        if not _SUBJECT_LIKE.search(text, clause_start, incise.start()) and not sp.before(clause_start, incise.start()):
            break
        cut = end = incise.start()
    return cut


def _apposition(start: int, end: int, sp: Speakers) -> bool:
    """Whether ``[start, end)`` is a name in apposition, maybe after a title ("Dmitri Peskov", "la
    colonelle Petra Anselm", "l'IISS"), not a clause naming something in passing ("à Paris")."""
    return any(m.end == end and sp._subject(m) for m in sp.before(start, end))


_RELATIVE = {"qui", "que", "dont", "où", "lequel", "laquelle", "who", "whom", "whose", "which", "where"}
_SUBJECT_LIKE = re.compile(
    r"\b(?:[Ll]e|[Ll]a|[Ll]es|[Ll]['’]|[Uu]n|[Uu]ne|[Dd]es|[Tt]he|[Aa]n?|[Cc]e|[Cc]et|[Cc]ette)\s*\w")
_INCISE = re.compile(r"(?<=[\w)])\s*,\s*([^,;:«»\"“”]{3,150}?)\s*,\s*$")


def subject_after(text: str, pos: int, limit: int, sp: Speakers) -> tuple[str | None, str | None]:
    """The speaker named right after a cue ("a déclaré Dmitri Peskov", "said Putin", "selon lui"),
    maybe past a day ("a déclaré mercredi le chef de la diplomatie française Alain Juppé"; only a
    named speaker there: "a annoncé lundi des restrictions" names none)."""
    found = _subject_after(text, pos, limit, sp)
    when = _WHEN_AFTER.match(text, pos, limit)
    skipped = text[pos:when.end()] if when else ""
    if when and when.end() > pos and (found[0] is None or sp.types.get(found[0]) == "LOC"
                                      or (found[1] is not None and found[1] in skipped)):
        past = _subject_after(text, when.end(), limit, sp)
        if past[0] is not None and sp.types.get(past[0]) != "LOC":
            return past
    return found


def _subject_after(text: str, pos: int, limit: int, sp: Speakers) -> tuple[str | None, str | None]:
    window = text[pos:limit]
    word = re.match(r"\s*(\w+)", window)
    if word and word.group(1).lower() in sp.pronouns:
        return sp.pronoun(pos, word.group(1))
    noun = _NOUN_AFTER_BY_LANG.get(sp.lang or "", _NOUN_AFTER).match(window)
    # the role, then the name: "a déclaré le porte-parole du Kremlin, Dmitri Peskov, lors…"
    named = _APPOSITION.match(window, noun.end()) if noun else None
    mention = name_at(text, pos + named.end(), sp) if named else None
    if mention is not None:
        return mention.entity_id, mention.text
    mention = sp.first_after(pos, min(limit, pos + 40))
    if mention is None and noun is not None:
        # a long title, then the full name: "le ministre britannique des Affaires étrangères William
        # Hague" (a surname alone there is a complement: "un responsable de l'administration Obama")
        mention = name_at(text, pos + noun.end(), sp)
        if mention is not None and len(mention.text.split()) < 2:
            mention = None
    if mention is not None and noun is not None and sp.types.get(mention.entity_id) != "PER":
        # "a déclaré le secrétaire général de l'Otan Anders Fogh Rasmussen": the body's officer, named next
        officer = sp.first_after(mention.end, mention.end + 1)
        if officer is not None and sp.types.get(officer.entity_id) == "PER":
            return officer.entity_id, officer.text
        # "soupire une commerçante de la place du Marché": the place is where she stands
        inside = _COMPLEMENT.search(text, pos + noun.start(1), mention.start)
        if inside is not None:
            return _described(text[pos + noun.start(1):inside.start()], pos, sp)
    if mention is not None:
        return mention.entity_id, mention.text
    return _described(noun.group(1), pos, sp) if noun else (None, None)


_DAY_WORDS = (r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
              r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_WHEN_AFTER = re.compile(  # a day, a place, a platform: "mercredi", "samedi à Paris", "depuis Brasilia"
    rf"(?:\s*(?:(?:on\s+)?(?:{_DAY_WORDS})(?:\s+(?:matin|soir|après-midi|midi|morning|afternoon|evening|night))?"
    r"|hier(?:\s+(?:matin|soir))?|aujourd'hui|ce\s+(?:matin|soir)|yesterday|today|ayer|hoy|ieri|oggi)\b\s*,?)?"
    r"(?:\s*(?:à|au|en|depuis|in|from|at)\s+(?-i:[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?)\s*,?)?"
    # where it was posted, whom it was said to: "a appelé sur Twitter Mohamed ElBaradei", "a dit à l'AFP X"
    r"(?:\s*(?:sur|on|via)\s+(?:son\s+compte\s+|sa\s+page\s+|his\s+|her\s+)?"
    r"(?:Twitter|Facebook|YouTube|Instagram|Telegram|TikTok)\s*,?"
    r"|\s*(?:à|to)\s+(?:l['’])?(?:AFP|Reuters)\s*,?"
    # "dijo a la agencia Reuters el abogado…", "racconta all'Ansa un giovane…"
    r"|\s*(?:a|a\s+la|al|all['’]|alla|ad)\s*(?:agencia\s+|agenzia\s+)?(?:AFP|Reuters|EFE|ANSA|AP|BBC)\s*,?)?",
    re.IGNORECASE)
# where a described speaker is ("un témoin à l'AFP", "ce surveillant dans un lycée de Haute-Égypte",
# "des témoignages compilés à Paris"); "en" only before a name ("commandant en chef" is one title)
_COMPLEMENT = re.compile(r"\s+(?:de|du|des|d['’]|dans|sur|à|au|aux|en(?=\s+[A-ZÉ])|of|from|in|at|on"
                         r"|del|dal|dalla|dai|dagli|della|dei|degli|di|da|desde|por)\b")  # Spanish, Italian


def inverted_pronoun(match: re.Match) -> str:
    """The pronoun of an inverted cue ("a-t-elle promis" -> "elle")."""
    return next(match.group(g) for g in ("pro", "pro2", "pro3", "pro4", "pro5") if match.group(g))


def name_at(text: str, at: int, sp: Speakers) -> Mention | None:
    """The person named at ``at``, maybe after a title of their own ("la colonelle Petra Anselm")."""
    mention = sp.first_after(at, at + 30)
    if (mention is not None and sp.types.get(mention.entity_id) == "PER"
            and not re.search(r"[,.;:!?«»\"“”\n]", text[at:mention.start])):
        return mention
    return None


_APPOSITION = re.compile(r"[^,.;:!?«»\"“”\n]{0,40},\s*")


_EN_AFTER_VERBS = "|".join(EN_VERBS + ["continued"])
_EN_NAME = r"[A-ZÀ-Ý][\w.’'-]*(?:\s+[A-ZÀ-Ý][\w.’'-]*){0,3}"
_EN_AFTER = re.compile(  # ," Putin said | ," said Putin | ," he told reporters | ," prosecutor Jane Roe said
    rf"^[\s,]*(?:(?P<verb1>{_EN_AFTER_VERBS})\b|(?P<who>{_EN_NAME}|(?:[a-z]+\s+){{1,3}}{_EN_NAME}|he|she|they|"
    rf"(?:the|a|an|one)\s+\w+(?:\s+\w+){{0,3}})"
    rf"(?:,\s+[^,.;:!?\"“”\n]{{1,80}},)?"  # ," Dmitar Voss, spokesman for the president, told reporters
    rf"\s+(?:has\s+|had\s+)?(?P<verb2>{_EN_AFTER_VERBS})\b)")

# A crowd's words are said by who chants them, named right after the closing mark: "« Benghazi,
# réveille-toi ! », scandaient notamment les manifestants". Only there: before a quote ("scandant
# « … »") the chanters are elsewhere in the sentence, often not named at all.
_FR_CHANT = r"(?:scand|cri|chant|hurl)"  # scander, crier, chanter, hurler
_CHANT_AFTER = {
    "fr": re.compile(rf"(?P<cue>(?:(?:a|ont|avaient)\s+)?{_FR_CHANT}(?:e|ent|ait|aient|é)"
                     r"(?:\s+(?:notamment|encore|alors|aussi))?)(?![\w-])"),
    "es": re.compile(r"(?P<cue>(?:gritan|gritaban|gritaba|corean|coreaban|coreaba|cantaban|coreó|corearon))(?![\w-])"),
    "it": re.compile(r"(?P<cue>(?:gridano|gridavano|urlano|urlavano|scandiscono|scandivano|cantano|cantavano))"
                     r"(?![\w-])"),
}
# Chanted words announced before a colon: "ont scandé des slogans contre le régime : «".
_CHANT_BEFORE = {
    "fr": re.compile(rf"(?P<cue>(?:(?:a|ont|avait|avaient)\s+)?(?<![\w'’]){_FR_CHANT}"
                     r"(?:e|ent|ait|aient|é|és|ée|ées|ant))\b[^.:«»\"“”]{0,80}:\s*$"),
}
_SENTENCE_STOP = re.compile(r"[.!?\n]")


def attribution_after(text: str, end: int, lang: str | None, sp: Speakers, sentence_end: int):
    """Speaker named after a closing mark in the same sentence; None when nothing attributes it."""
    tail = text[end + 1:sentence_end + 1]
    said = SAID_AFTER[lang].match(text, end + 1) if lang in SAID_AFTER else None
    if said:
        stop = _SENTENCE_STOP.search(text, said.end())
        return subject_after(text, said.end(), stop.start() if stop else len(text), sp), said.group("cue")
    if not re.match(r"^[\s,.]*\S", tail) or not re.match(r"^\s*[,]|^\s+[a-zà-ÿ]|^\s*[.]?\s*$|^[\s,]*\w+-t-", tail):
        # "« ... ». Il a ajouté" starts a new sentence: no attribution in this one
        if not re.match(r"^[\s,]+", tail):
            return None
    base = end + 1
    dash = _DASH_NAME.match(tail)  # "“The line is open.” — Dimitar Voss, presidential spokesman"
    if dash:
        mention = sp.first_after(base + dash.end(), base + dash.end())
        if mention is not None and sp.types.get(mention.entity_id) == "PER":
            return (mention.entity_id, mention.text), None
    inverted = INVERTED.match(tail.lstrip(" ,")) if tail.lstrip(" ,") else None
    if inverted:
        offset = base + len(tail) - len(tail.lstrip(" ,"))
        return sp.pronoun(offset, inverted_pronoun(inverted)), inverted.group("cue")
    selon = SELON.match(tail.lstrip(" ,"))
    if selon:
        offset = base + len(tail) - len(tail.lstrip(" ,")) + selon.end()
        return subject_after(text, offset, sentence_end, sp), selon.group("cue")
    if lang == "en":
        match = _EN_AFTER.match(tail)
        if match:
            if match.group("verb1"):
                return subject_after(text, base + match.end(), sentence_end, sp), match.group("verb1")
            who_start = base + match.start("who")
            who = match.group("who")
            if who.lower() in PRONOUNS:
                return sp.pronoun(who_start, who), match.group("verb2")
            mention = sp.first_after(who_start, who_start + len(who))
            # "prosecutor Jane Roe said", not "a spokesman for Putin said"
            if mention is not None and (who[0].isupper() or (mention.end == who_start + len(who)
                                                             and sp.types.get(mention.entity_id) == "PER")):
                return (mention.entity_id, mention.text), match.group("verb2")
            if not who[0].isupper():
                return _described(who, who_start, sp), match.group("verb2")
            return (None, who), match.group("verb2")
        return None
    cue = cue_pattern(lang).match(tail.lstrip(" ,"))
    if cue and _THAT_AFTER.match(tail.lstrip(" ,"), cue.end()):
        cue = None  # "», estimant que ce rôle revenait à l'Union africaine": speech of its own, no attribution
    chant = cue is None and lang in _CHANT_AFTER
    if chant:
        cue = _CHANT_AFTER[lang].match(tail.lstrip(" ,"))
    if cue and len(tail) - len(tail.lstrip(" ,")) <= 3:
        offset = base + len(tail) - len(tail.lstrip(" ,")) + cue.end()
        who = subject_after(text, offset, sentence_end, sp)
        if (who == (None, None) and sp.lang in _PRO_DROP and not chant
                and not text[offset:sentence_end + 1].strip(" .,;!?…")):
            who = sp.pronoun(offset)  # "« … », añadió.": Spanish and Italian drop the pronoun
        return who, cue.group("cue")
    # the name, then the verb (a translated page): "”, Marek a dit aux journalistes"
    named = _NAME_FIRST.match(tail)
    cue = cue_pattern(lang).match(tail, named.end()) if named else None
    if cue:
        mention = sp.first_after(base + named.start("who"), base + named.end("who"))
        if mention is not None:
            return (mention.entity_id, mention.text), cue.group("cue")
    return None


def attribution_end(text: str, close: int, lang: str | None, sp: Speakers, sentence_end: int):
    """The speaker a sentence names at its end, for a quote inside it: "L'Otan n'exercera pas « le
    pilotage politique » de la coalition, mais interviendra comme « outil de planification », a
    déclaré mercredi Alain Juppé." Read as :func:`attribution_after` reads what follows a closing
    mark, from the sentence's last comma, when what follows it is short."""
    comma = text.rfind(",", close + 1, sentence_end)
    if comma == -1 or "\n" in text[close:comma]:
        return None
    last = text[comma + 1:sentence_end]
    # only a reporting verb and who spoke, then maybe where ("…, a souligné le chef de la
    # diplomatie allemande dans un entretien à paraître dimanche"): not "…, estimant que ce rôle
    # revenait à l'Union africaine", "…, dénonce le climat de maccarthysme", "…, ajoute sur Twitter :"
    said = _PLACE_AFTER.split(last, maxsplit=1)[0]
    if len(said.split()) > 12 or any(mark in last for mark in "«»“”\":") or not _END_CUE.match(last):
        return None
    found = attribution_after(text, comma - 1, lang, sp, sentence_end)
    if found is None:
        return None
    if found[0][0] is not None:
        # "…, a insisté lors de sa réunion à Doha sur…": a place found past the verb is where, not who
        return None if sp.types.get(found[0][0]) == "LOC" else found
    # "…, a annoncé son retrait des discussions": an object there, no speaker ("…, a dit son
    # porte-parole" has one)
    phrase = found[0][1] or ""
    owned = _POSSESSIVE.match(phrase)
    if owned and not ROLE_HEADS.match("le " + phrase[owned.end():]):
        return None
    return found


_POSSESSIVE = re.compile(r"(?:son|sa|ses|leur|leurs|his|her|its|their)\s+", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s(?:dans|devant|lors|depuis|sur|à|au|aux|en|in|at|on|during|before)\s")


_END_CUE = re.compile(
    r"\s*(?:(?:a|avait|ont)\s+(?:\w+\s+)?(?:déclaré|dit|affirmé|indiqué|annoncé|précisé|ajouté|expliqué|"
    r"souligné|assuré|estimé|confirmé|poursuivi|insisté|rapporté)"
    r"|(?:déclare|dit|affirme|indique|annonce|précise|ajoute|explique|souligne|assure|estime|confirme|poursuit|"
    r"rapporte)(?:-t-(?:il|elle))?"
    r"|(?:said|says|told|added|announced|stated))\b(?!\s+(?:que|qu['’]|that)\b)")


_THAT_AFTER = re.compile(r"\s+(?:que|qu['’]|that)\b", re.IGNORECASE)


_DASH_NAME = re.compile(r"^[ \t]*[—–][ \t]*")
_NAME_FIRST = re.compile(r"^\s*,\s*(?P<who>[A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*){0,3})\s+")


def attribution_line(text: str, end: int, sp: Speakers):
    """A bullet or dash line right under the quote naming its speaker ("— Dmitri Peskov, porte-parole")."""
    line_end = text.find("\n", end)
    if line_end == -1 or text[end + 1:line_end].strip(" .,»”\"") != "":
        return None
    bullet = _BULLET_LINE.match(text, line_end)
    if not bullet:
        return None
    next_end = text.find("\n", bullet.end())
    next_end = len(text) if next_end == -1 else next_end
    mention = sp.first_after(bullet.end(), min(next_end, bullet.end() + 5))
    if mention is not None:
        return (mention.entity_id, mention.text), "—"
    words = text[bullet.end():next_end].split(",")[0].strip()
    return ((None, words), "—") if words and len(words) < 60 else None


_AS_SAID = re.compile(r"\b(?:comme|as)\s+(?:le\s+|l['’]\s*)?$", re.IGNORECASE)


def attribution_before(text: str, start: int, lang: str | None, sp: Speakers, sentence_start: int):
    """The cue before an opening mark in its sentence: "X a déclaré : «", "Selon X, «", "X said: \"..."."""
    head = text[sentence_start:start]
    if not head.strip():
        return None
    chant = _CHANT_BEFORE.get(lang or "")
    chanted = chant.search(head) if chant else None
    if chanted:  # "Les manifestants ont scandé des slogans : « … »": the chanters, or no one named
        # the clause's own subject: "Les corps de X…, et les participants à la procession ont scandé"
        clause = head.rfind(",", 0, chanted.start()) + 1
        crowd = _NOUN_AFTER.match(re.sub(r"^\s*(?:et|mais|puis|alors)\s", " ", head[clause:chanted.start()]))
        who = _described(crowd.group(1), sentence_start + chanted.start(), sp) if crowd else subject_before(
            text, sentence_start + chanted.start(), sentence_start + clause, sp)
        return who, chanted.group("cue")
    selon = list(SELON.finditer(head))
    cues = [m for m in cue_pattern(lang).finditer(head) if not DETERMINER_BEFORE.search(head[:m.start()])]
    if selon and (not cues or selon[-1].start() > cues[-1].start()):
        pos = sentence_start + selon[-1].end()
        return subject_after(text, pos, start, sp), selon[-1].group("cue")
    inverted = list(INVERTED.finditer(head))
    if inverted and (not cues or inverted[-1].start() >= cues[-1].start()):
        last = inverted[-1]
        return sp.pronoun(sentence_start + last.start(), inverted_pronoun(last)), last.group("cue")
    if cues:
        cue = cues[-1]
        cue_start = sentence_start + cue.start()
        as_said = _AS_SAID.search(head[:cue.start()])  # "Comme le disait X, «": X comes after
        who = (None, None) if as_said else subject_before(text, cue_start, sentence_start, sp)
        if who == (None, None):
            who = subject_after(text, sentence_start + cue.end(), start, sp)
        return who, cue.group("cue")
    colon = re.search(r"(\S[^:]{0,60}?)\s*:\s*$", head)
    if colon:
        lead_start = sentence_start + colon.start(1)
        mention = [m for m in sp.before(lead_start, start) if m.end <= start]
        if mention:
            people = [m for m in mention if sp.types.get(m.entity_id) == "PER"]
            # "Un photographe espagnol à Misrata : «", "Testimoni all'Ansa: \"", "Sardelli a Moffa:":
            # the name after the preposition is where or to whom; the words before it say who
            cut = _PLACE_PREPOSITION.search(text, lead_start, mention[-1].start)
            if cut is not None and cut.start() > lead_start and text[lead_start].isupper():
                earlier = [m for m in mention if m.end <= cut.start()]  # "Le Kremlin à Moscou :"
                if earlier:
                    return (earlier[-1].entity_id, earlier[-1].text), ":"
                who = text[lead_start:cut.start()].strip()
                if not people and len(who.split()) <= 4:  # a description, not a clause
                    return (None, who), ":"
            named = (people or mention)[-1]
            return (named.entity_id, named.text), ":"
    return None


_PLACE_PREPOSITION = re.compile(r"\s+(?:à|au|aux|en|dans|depuis|in|at|from|a|al|all['’]|alla|ad|nel|nella|desde)"
                                r"(?:\s+|(?<=['’]))")
