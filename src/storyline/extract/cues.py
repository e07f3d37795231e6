"""Speech cues: the verbs and phrases that attribute words to someone, in French and English
(and the commonest in Spanish and Italian).

Kept apart from :mod:`storyline.extract.quotes` because they are data: adding a verb is
adding a word here. Forms are listed rather than lemmatized so no lemmatizer is needed
(the NER-only spaCy pipeline has none; see :mod:`storyline.extract.ner`).
"""

from __future__ import annotations

import re

__all__ = ["FR_CUE", "EN_CUE", "SAID_AFTER", "EN_VERBS", "SUBJECT_PRONOUNS", "ROLE_HEADS", "cue_pattern", "PRONOUNS",
           "SELON", "INVERTED"]

# Past participles after "a" / "avait" / "ont" ... and present forms (3rd person singular).
_FR_PARTICIPLES = """
déclaré affirmé dit assuré estimé indiqué annoncé souligné remercié félicité expliqué ajouté précisé rappelé averti prévenu reconnu
jugé considéré martelé insisté confirmé démenti nié répété promis écrit déploré regretté dénoncé réitéré répondu
lancé conclu admis concédé observé noté signalé révélé raconté confié soutenu prédit menacé commenté tweeté protesté
réagi plaidé lâché glissé résumé poursuivi renchéri tranché exhorté appelé demandé qualifié accusé exigé garanti
proclamé certifié avancé argué objecté répliqué rétorqué fustigé salué assuré détaillé informé démenti mis\\s+en\\s+garde évoqué
fait\\s+savoir fait\\s+valoir laissé\\s+entendre déclarée affirmée justifié soupiré remarqué
asséné tonné fulminé ironisé témoigné relaté murmuré tempéré abondé juré plaisanté énuméré
""".split()
_FR_PRESENT = """
déclare affirme dit assure estime indique annonce souligne remercie félicite explique ajoute précise rappelle avertit prévient reconnaît
juge considère martèle insiste confirme dément nie répète promet écrit déplore regrette dénonce réitère répond lance
conclut admet observe note signale révèle raconte confie soutient prédit menace commente tranche exhorte appelle
demande qualifie accuse exige garantit plaide résume poursuit renchérit lâche glisse réplique rétorque fustige salue
détaille avance argue justifie évoque soupire remarque
assène tonne fulmine ironise témoigne relate murmure tempère abonde jure plaisante grince énumère
""".split()
_FR_PLURAL = [w + "nt" for w in _FR_PRESENT if w.endswith("e")] + ["disent", "écrivent", "préviennent",
                                                                  "soutiennent", "promettent", "admettent",
                                                                  "reconnaissent", "avertissent", "concluent"]
_FR_GERUND = """
estimant affirmant soulignant jugeant assurant déclarant expliquant ajoutant précisant rappelant indiquant
avertissant prévenant martelant insistant dénonçant qualifiant accusant appelant exhortant promettant
""".split()
_FR_AUX = r"(?:a|ont|avait|avaient|aurait|auraient|aura|vient\s+d['’]|viennent\s+d['’])"
_FR_ADVERB = r"(?:\s+(?:également|aussi|encore|ensuite|alors|notamment|par\s+ailleurs|pourtant|toutefois|déjà|enfin|plus\s+tard|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))?"
_FR_INFINITIVE = r"(?:déclarer|affirmer|dire|assurer|estimer|indiquer|annoncer|souligner|expliquer|ajouter|préciser|rappeler|avertir|prévenir|reconnaître|juger|confirmer|démentir|nier|répéter|promettre)"

# Imperfect, as a reporter writes a scene ("expliquait-elle entre deux étals").
_FR_IMPERFECT = """
déclarait affirmait disait assurait estimait indiquait annonçait soulignait expliquait ajoutait précisait
rappelait avertissait prévenait reconnaissait jugeait confiait racontait lançait glissait insistait
répétait promettait écrivait regrettait dénonçait répondait concluait soupirait résumait remarquait
assénait tonnait ironisait témoignait relatait murmurait jurait plaisantait
""".split()
# Pronominal verbs ("« … », s'indigne le ministre", "s'est-il félicité", "s'est contenté
# d'affirmer"): present forms after "s'"/"se ", participles after "s'est"/"se sont" (any agreement).
_FR_REFLEXIVE_PRESENT = """
exclame félicite indigne interroge inquiète étonne insurge réjouit emporte défend agace alarme
""".split()
_FR_REFLEXIVE_PARTICIPLE = """
exclam félicit indign interrog inquiét étonn insurg réjou emport défend agac alarm écri
""".split()
_FR_REFLEXIVE_DONE = (rf"(?:(?:{'|'.join(_FR_REFLEXIVE_PARTICIPLE)})(?:é|i|u)e?s?"
                      rf"|contentée?s?\s+(?:de\s+|d['’]\s*){_FR_INFINITIVE})")
_FR_REFLEXIVE_AUX = r"(?:s['’](?:est|était)|se\s+sont|s['’]étaient)"
_FR_REFLEXIVE_NOW = rf"(?:s['’]|se\s+)(?:{'|'.join(_FR_REFLEXIVE_PRESENT)})"
_FR_REFLEXIVE = rf"{_FR_REFLEXIVE_NOW}(?:nt)?|{_FR_REFLEXIVE_AUX}\s+(?:\w+\s+)?{_FR_REFLEXIVE_DONE}"
FR_PARTICIPLE = "|".join(_FR_PARTICIPLES)
FR_FINITE = "|".join(_FR_PRESENT + _FR_PLURAL + _FR_IMPERFECT)
FR_CUE = re.compile(
    rf"\b(?P<cue>{_FR_AUX}(?:{_FR_ADVERB}|(?:\s+(?!que\b|qu['’])[\w’'-]+){{0,3}}?)\s+(?:{FR_PARTICIPLE})|(?:{FR_FINITE})|(?:{'|'.join(_FR_GERUND)})"
    rf"|{_FR_REFLEXIVE}|(?:tient|tiennent)\s+à\s+(?:{_FR_INFINITIVE})|a\s+tenu\s+à\s+(?:{_FR_INFINITIVE})"
    # "le bureau de Léna Dorsi parle d'« un premier pas »": only right before the quote mark
    rf"|(?:{_FR_AUX}\s+)?(?:parle|parlent|parlé)\s+(?:de\s+|d['’]\s*)$)(?![\w-])"
)
#: "a-t-il déclaré", "déclare-t-elle", "dit-il", "a-t-il ajouté", "s'est-il félicité", "s'indigne-t-elle".
INVERTED = re.compile(
    rf"\b(?P<cue>(?:{_FR_AUX})-t-(?P<pro>il|elle|ils|elles|on)\s+(?:\w+\s+)?(?:{FR_PARTICIPLE})"
    rf"|(?:{FR_FINITE})(?:-t)?-(?P<pro2>il|elle|ils|elles)"
    rf"|{_FR_REFLEXIVE_AUX}-(?P<pro3>il|elle|ils|elles|on)\s+(?:\w+\s+)?{_FR_REFLEXIVE_DONE}"
    rf"|{_FR_REFLEXIVE_NOW}(?:-t-(?P<pro4>il|elle|on)|nt-(?P<pro5>ils|elles)))(?![\w-])"
)
SELON = re.compile(r"\b(?P<cue>[Ss]elon|[Dd]['’]après|[Aa]ccording\s+to|[Ss]egún|[Ss]econdo)\s+")

_EN_VERBS = """
said says told tells stated declared added warned insisted argued claimed noted explained announced confirmed denied
stressed urged asked wrote tweeted posted replied responded acknowledged admitted suggested predicted vowed promised
pledged cautioned observed remarked recalled commented conceded complained concluded maintained reiterated repeated
affirmed assured estimated indicated revealed disclosed countered condemned denounced called described
hailed praised dismissed criticized criticised branded labeled labelled termed thanked welcomed
""".split()
EN_VERBS = _EN_VERBS
EN_CUE = re.compile(rf"\b(?P<cue>(?:has\s+|have\s+|had\s+)?(?:{'|'.join(_EN_VERBS)}))(?![\w-])")

PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they", "lui", "him", "her"})
#: Pronouns that can be the subject of a cue verb ("lui avait confié": "lui" is not).
SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})
#: Heads of definite descriptions that refer back to someone already named ("le ministre a
#: ajouté", "the minister added"): a speaker so described is the last speaker, like "il".
ROLE_HEADS = re.compile(
    r"^(?:le|la|l['’]|the)\s*(?:\w+\s+)?(?:président|présidente|ministre|chef|porte-parole|médiateur|médiatrice|"
    r"émissaire|dirigeant|dirigeante|chancelier|chancelière|secrétaire|ambassadeur|ambassadrice|président|"
    r"minister|president|spokesman|spokeswoman|spokesperson|leader|envoy|mediator|chancellor|secretary|"
    r"ambassador|diplomate en chef|premier|élu|élue|maire|candidat|candidate|gouverneur|général|colonel|colonelle|"
    r"procureur|procureure|mayor|governor|general|colonel|prosecutor)\b", re.IGNORECASE)
#: Generic nouns for an organisation already named ("l'entreprise a assuré", "selon
#: l'organisation"): the speaker is the last organisation the text named.
ORG_HEADS = re.compile(
    r"^(?:le|la|l['’]|the)\s*(?:entreprise|organisation|organization|groupe|group|compagnie|company|société|"
    r"ministère|ministry|agence|agency|institut|institute|syndicat|union|ong|alliance)\b", re.IGNORECASE)


# Spanish and Italian: the forms news reports use, finite (preterite, present; Italian passato
# remoto) and compound ("ha dicho", "ha detto"). Names there come untyped (no NER model), so
# speakers are the names and descriptions next to these verbs.
_ES_FINITE = """
dijo dijeron dice dicen afirmó afirmaron afirma declaró declararon declara aseguró aseguraron asegura
explicó explicaron explica añadió añadieron añade agregó agregaron agrega señaló señalaron señala indicó
indicaron indica advirtió advirtieron advierte subrayó subrayaron subraya precisó precisaron manifestó
manifestaron anunció anunciaron denunció denunciaron reconoció reconocieron reconoce insistió insistieron
insiste recordó recordaron sostuvo sostuvieron sostiene apuntó apuntaron apunta comentó comentaron
escribió escribieron escribe respondió respondieron responde exclamó gritó gritaron gritaban destacó
destacaron destaca prometió prometieron aseveró concluyó reiteró reiteraron relató contó explicaba decía
decían aseguraba afirmaba comenta relata critica criticó lamenta lamentó puntualiza puntualizó matiza matizó
concluye reitera manifiesta anuncia denuncia pide pidió exige exigió narra narró
""".split()
_ES_PARTICIPLE = """
dicho afirmado declarado asegurado explicado añadido agregado señalado indicado advertido subrayado
precisado manifestado anunciado denunciado reconocido insistido recordado sostenido apuntado comentado
escrito respondido destacado prometido reiterado relatado
""".split()
_IT_FINITE = """
dice dicono afferma affermano dichiara dichiarano spiega spiegano aggiunge aggiungono sottolinea precisa
annuncia denuncia ricorda scrive commenta assicura avverte ribadisce conferma risponde osserva racconta
disse dissero dichiarò affermò spiegò aggiunse sottolineò precisò annunciò denunciò ricordò scrisse
commentò assicurò avvertì ribadì confermò rispose raccontò diceva dicevano sostiene sostenne ammette ammise
lamenta lamentò chiede chiese replica replicò incalza conclude concluse insiste riferisce riferì rivela rivelò
""".split()
_IT_PARTICIPLE = """
detto dichiarato affermato spiegato aggiunto sottolineato precisato annunciato denunciato ricordato scritto
commentato assicurato avvertito ribadito confermato risposto osservato raccontato
""".split()
ES_CUE = re.compile(rf"\b(?P<cue>(?:ha|han|había|habían)\s+(?:{'|'.join(_ES_PARTICIPLE)})"
                    rf"|(?:{'|'.join(_ES_FINITE)}))(?![\w-])")
IT_CUE = re.compile(rf"\b(?P<cue>(?:ha|hanno|aveva|avevano)\s+(?:{'|'.join(_IT_PARTICIPLE)})"
                    rf"|(?:{'|'.join(_IT_FINITE)}))(?![\w-])")
_CUES = {"en": EN_CUE, "es": ES_CUE, "it": IT_CUE}
#: The next sentence says who spoke: '"…". Lo ha detto il leader libico Gheddafi', "E' quanto
#: afferma il ministro", '"…". Así lo dijo el portavoz'.
SAID_AFTER = {lang: re.compile(r"[\s.,:]*(?:[Ll]o|[ÈE]['’]?\s*quanto|[Cc]osì|[Aa]sí\s+lo)\s+" + cue.pattern)
              for lang, cue in (("es", ES_CUE), ("it", IT_CUE))}


def cue_pattern(lang: str | None) -> re.Pattern:
    return _CUES.get(lang or "", FR_CUE)
