"""Page leftovers removed from scraped plain text, line by line.

Every rule matches a whole, short line, anchored at both ends, never a word inside
prose: "Les deux pays veulent partager les ressources du fleuve." stays, "Partager"
alone on its line goes. Each removed line is told by its rule family:

``read_also``  "À lire aussi", "Related:", "Les plus lus", "Leggi anche" … and the
               short headlines listed after such a marker; "» headline" link lines;
               a blog's series note ("Ce billet fait partie de notre dossier sur…");
``share``      share, comment, print, subscribe, back-to-top, newsletter, ad and account-form lines;
``menu``       lines made only of navigation words ("Accueil > Monde > Europe");
``cookie``     cookie and consent notices and their buttons;
``generic``    URL, e-mail, handle-only lines, copyright, photo credits, reading
               times, agency credits, punctuation-only and code lines;
``repeated``   lines that recur in many otherwise different documents of a corpus
               (see :class:`RepeatedLines`);
``comments``   the readers' comments under an article, from the first comment stamp
               ("March 29, 2011 at 12:43 am | Reply", "At 2:10 pm on 02 Jun 2009, kim
               wrote:", "12 mars 2011 à 18h20 | Répondre") to the end of the page.

Publication lines ("Publié le …") are kept: the date inference reads the cleaned text.
Quote attributions ("— Dmitri Peskov", "Eman Hashim tweete :") are article content.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.clean.calendar import MONTH, MONTH_NAMES, alternation
from storyline.clean.normalize import fold_accents

__all__ = ["FAMILIES", "RemovedLine", "RepeatedLines", "classify_line", "comment_section", "explain_residue",
           "is_chronology_entry", "strip_link_notes", "strip_residue"]

FAMILIES = ("read_also", "share", "menu", "cookie", "generic", "repeated", "comments")

# Phrases are written folded (lowercase, no accents): lines are folded before lookup.
# "block" markers announce a list of headlines; the others stand alone. These tables are
# half of the module; they stay beside the rules that read them.
_PHRASES: dict[str, dict[str, str]] = {
    "fr": {
        "block": """a lire aussi|lire aussi|voir aussi|a voir aussi|a lire egalement|lire egalement|a voir egalement
            |sur le meme sujet|sur le meme theme|dans la meme rubrique|a lire dans la meme rubrique|les plus lus
            |articles les plus lus|les plus consultes|les plus consultes cette semaine|les plus consultes depuis 24h
            |les plus partages|la redaction vous conseille|a consulter egalement|a decouvrir aussi|a decouvrir
            |articles lies|articles similaires|articles associes|derniers articles|les derniers articles
            |dernieres actualites|a la une|notre dossier|dossier special|pour aller plus loin|nos articles
            |derniers articles de l'auteur|dans l'actualite|a lire|a voir|lire la suite de l'article""",
        "read_also": "lire la suite|voir la suite|lire notre dossier complet|lire notre dossier|en savoir plus",
        "share": """partager|partager sur facebook|partager sur twitter|partager sur linkedin|partager sur whatsapp
            |partager cet article|partagez cet article|partager l'article|partager par e-mail|tweeter|envoyer
            |envoyer par email|envoyer par e-mail|envoyer par mail|envoyer a un ami|imprimer|imprimer l'article
            |commenter|commentaires|reagir|reagissez|ajouter une reaction|laisser un commentaire|laisser une reponse
            |repondre|signaler|signaler un abus|retour en haut|haut de page|retour en haut de page
            |retour en haut de la page|haut de la page|remonter en haut|retour au debut|aller au contenu
            |aller au contenu principal|passer au contenu|ajouter aux favoris|agrandir le texte|reduire le texte
            |taille du texte|s'abonner|abonnez-vous|je m'abonne|publicite|annonce|recevez nos newsletters
            |merci d'avoir partage cet article avec vos amis|cet article a ete ajoute dans vos favoris|suivez-nous
            |retrouvez-nous sur|suivez-nous sur les reseaux sociaux|ecouter cet article|copier le lien|lien copie
            |sauvegarder|votre avis|fermer""",
        "cookie": """accepter|tout accepter|refuser|tout refuser|continuer sans accepter|gerer mes choix
            |parametrer les cookies|parametres des cookies|personnaliser|j'accepte|politique de cookies
            |politique cookies|gestion des cookies|choix de consentement""",
        "menu": """accueil|actualite|actualites|actu|monde|international|internationale|europe|afrique|asie
            |amerique|ameriques|moyen-orient|politique|economie|eco|societe|sport|sports|culture|idees|opinions
            |debats|tribunes|planete|environnement|sciences|sante|tech|high-tech|medias|people|videos|video
            |photos|podcasts|meteo|bourse|immobilier|emploi|education|justice|regions|blogs|forums|archives
            |contact|abonnement|menu|rechercher|recherche|connexion|deconnexion|inscription|services|newsletters
            |jeux|horoscope|voyage|auto|mode|cuisine|livres|cinema|musique|television|radio|direct|mon compte
            |se connecter|s'identifier|s'inscrire|mentions legales|plan du site|nous contacter|contactez-nous
            |qui sommes-nous|a propos|faits divers|en direct|fil info|programme tv|politique de confidentialite
            |donnees personnelles|vie privee|conditions generales|cgu|charte de moderation|edition du jour
            |droit d'auteur|charte de la vie privee|politique de protection des donnees a caractere personnel
            |code de conduite|formulaire de recherche|nuage de tags|je n'ai pas de compte|j'ai deja un compte
            |telecharger|registre de publicite electorale|menu de navigation|menu principal""",
    },
    "en": {
        "block": """read also|read more|see also|related|related news|related articles|related stories
            |related content|related coverage|more from|more on this story|more stories|most read|most popular
            |most viewed|recommended|recommended for you|you may also like|you might also like|trending
            |top stories|editor's picks|further reading|latest news|more news|also read|what to read next""",
        "read_also": "continue reading|keep reading|read the full story|read full article",
        "share": """share|share this|share this article|share this story|share on facebook|share on twitter|tweet
            |email|print|print this article|comment|comments|leave a reply|leave a comment|reply|back to top
            |return to top|back to the top|back to the top of the page|return to the top of the page|go to top
            |back to top of page|top of page
            |skip to content|skip to main content|jump to navigation|exit mobile version|subscribe|sign up
            |advertisement|sponsored|save|save article|follow us|copy link|listen to this article|close""",
        "cookie": """accept|accept all|reject all|accept cookies|manage preferences|manage cookies|cookie settings
            |cookies settings|cookie policy|i agree|agree""",
        "menu": """home|news|world|us|u.s.|uk|politics|business|economy|markets|money|technology|science|health
            |entertainment|arts|lifestyle|travel|opinion|photos|weather|search|login|log in|log out|sign in
            |register|about|about us|contact us|newsletters|more|latest|live|climate|local|national|middle east
            |africa|asia|americas|privacy policy|terms of use|terms of service|sitemap|download|navigation menu
            |main menu""",
    },
    "es": {
        "block": """leer tambien|lee tambien|lea tambien|ver tambien|noticias relacionadas|articulos relacionados
            |relacionado|relacionados|te puede interesar|tambien te puede interesar|lo mas visto|lo mas leido
            |lo + leido|mas leidas|mas leidas hoy|mas leido|lo mas visto en|mas informacion|mas informacion sobre
            |mas noticias|no te puedes perder|hoy en portada|temas del dia|en esta seccion|ultimas noticias""",
        "read_also": "leer mas|sigue leyendo|ver lista completa|vea todos los blogs",
        "share": """compartir|compartir en facebook|compartir en twitter|comentar|comentarios|imprimir|enviar
            |enviar por correo|volver arriba|ir arriba|volver al inicio|ir al contenido|suscribete|publicidad|siguenos
            |siguenos en nuestras rrss|siguenos en redes sociales|envia esta noticia por correo electronico a
            |envialo a varias personas separando los correos con comas
            |suscribete a nuestro boletin|recibe el boletin""",
        "cookie": "aceptar|aceptar todo|rechazar|configurar cookies|politica de cookies|acepto",
        "menu": """inicio|portada|noticias|actualidad|mundo|internacional|nacional|politica|economia|deportes
            |cultura|sociedad|opinion|tecnologia|ciencia|salud|gente|videos|fotos|buscar|entrar|registrarse
            |iniciar sesion|contacto|quienes somos|aviso legal|politica de privacidad|blogs|el tiempo|television
            |cine|musica|motor|viajes|ultima hora|barra lateral primaria|barra lateral secundaria|agradecimientos
            |menu de navegacion""",
    },
    "it": {
        "block": """leggi anche|leggi pure|vedi anche|articoli correlati|notizie correlate|potrebbe interessarti
            |potrebbe interessarti anche|ti potrebbe interessare|i piu letti|piu letti|piu lette|le piu lette
            |da non perdere|ultimi di sezione|dai nostri archivi|gli altri blog|in questo articolo|altre notizie
            |ultime notizie""",
        "read_also": "leggi tutto|continua a leggere",
        "share": """condividi|condividi su facebook|condividi su twitter|commenta|commenti|commenta la notizia
            |stampa|invia|torna su|torna in alto|torna all'inizio|vai al contenuto|iscriviti
            |iscriviti alla newsletter|pubblicita
            |seguici|seguimi su twitter|lascia un commento|share and enjoy|lascia un commento annulla risposta
            |collegamenti ad aree di contenuto della pagina|questo sito contribuisce all'audience di""",
        "cookie": "accetta|accetta tutto|rifiuta|gestisci preferenze|accetto",
        "menu": """home|notizie|cronaca|politica|esteri|mondo|economia|sport|cultura|spettacoli|tecnologia
            |scienza|salute|opinioni|video|foto|cerca|accedi|registrati|contatti|chi siamo|blog|regioni|meteo
            |ultima ora|ricerca nel blog|ti trovi qui|disclaimer|privacy|copyright|modifica consenso cookie
            |info e login|menu di navigazione""",
    },
}
_ALL_LANGS = tuple(_PHRASES)
_SOCIAL = frozenset(
    "facebook twitter x linkedin whatsapp instagram youtube pinterest email e-mail mail messenger telegram reddit "
    "flipboard tiktok snapchat rss imprimer print partager share compartir condividi".split()
)
_HOME_WORDS = frozenset({"accueil", "home", "inicio", "portada"})

# Trimmed from both ends of a folded line before a phrase lookup ("Partager :", "› Home").
_TRIM = " \t:.…!|/»›>-–—*•·()[]"
_SEPARATORS = re.compile(r"\s*(?:[>|/›»•·,]|\s[-–]\s)\s*")
_COUNTER = re.compile(
    r"^(?:se han publicado )?\d+\s*»?\s*(?:commentaires?|reactions?(?: a cet article)?|comments?|comentarios?"
    r"|commenti|partages|shares|reponses?|replies)\b.{0,30}$"
)
_SUBSCRIBE = re.compile(r"^(?:s'abonner|abonnez-vous|je m'abonne|subscribe|suscribete|abbonati|iscriviti)\b")
_NEWSLETTER = re.compile(r"\bnewsletters?\b")
# Subscription offers: "Offre spéciale été - 2 mois pour 1€, sans engagement".
# A price alone is not enough ("780 euros par mois" is prose): it takes the euro sign.
_OFFER = re.compile(
    r"sans engagement|\b\d+ mois pour \d|€\s*(?:/\s*|par |al |per )?(?:mois|semaine|mes|mese|month)\b"
    r"|offre (?:speciale|numerique|limitee|d'essai)"
    r"|€\s*(?:el|le|il|the) (?:primer|premier|primo|first) (?:mes|mois|mese|month)\b"  # "por solo 3€ el primer mes"
)
# An account form: it names the password and speaks to the reader ("Saisissez votre adresse
# e-mail fournie lors de votre inscription. Vous recevrez par email les instructions pour
# réinitialiser votre mot de passe.", "Mot de passe oublié ?", "Forgot your password?").
_PASSWORD = re.compile(r"\b(?:mot de passe|password|contrasena|parola d'ordine)\b")
_TO_THE_READER = re.compile(r"\b(?:votre|vos|saisissez|entrez|oublie|your|enter|forgot|introduzca|olvidado"
                            r"|inserisci|dimenticato|la tua)\b")
# An account prompt: "¿Es un usuario nuevo? Regístrese", "Nouvel utilisateur ? Inscrivez-vous".
_ACCOUNT = re.compile(
    r"^(?:¿\s*)?(?:(?:es (?:usted )?)?un usuario nuevo|nouvel utilisateur|new user|nuovo utente)\b.{0,40}$")
# A browser's notice that the site may not notify: "Su navegador tiene las notificaciones bloqueadas…",
# "Notificaciones bloqueadas". Prose may say notifications were blocked: the notice names the
# browser or how to unblock them, or is a short line that is no sentence.
_NOTIFICATIONS = re.compile(r"\bnotifica(?:ciones|tions|zioni|che)\b.{0,25}\b(?:bloque|blocc|block)")
_UNBLOCK = re.compile(r"\b(?:navegador|navigateur|browser|desbloque\w*|debloque\w*|unblock\w*|sblocca\w*)\b")
# A cookie notice names cookies, speaks to the reader and says what the site does.
# Long lines are matched as written (casefolded only, folding them costs too much).
_COOKIE_WORD = re.compile(r"\b(?:cookies?|traceurs|t[eé]moins de connexion)\b")
_COOKIE_ADDRESS = re.compile(
    r"\b(?:vous|votre|vos|you|your|tu|tus|usted|su navegaci[oó]n|ti|tuo|tuoi|navigando|navigation|browsing"
    r"|consent\w*)\b"
)
_COOKIE_SITE = re.compile(
    r"utilis|\buse|accept|consent|param[eè]tr|setting|polic|navig|brows|exp[eé]rience|partenaires|partners|trac"
)
_COOKIE_START = re.compile(
    r"^(?:nous utilisons|nous et nos partenaires|(?:ce|notre) site(?: web| internet)? utilise|this (?:web)?site uses"
    r"|we use|we and our partners|utilizamos|usamos|este sitio(?: web)? utiliza|questo sito(?: web)? utilizza"
    r"|utilizziamo)\b"
)
# Generic residue, on the folded line: each alternative matches the whole line.
_GENERIC_LINE = re.compile(
    "|".join(
        rf"(?:{p})$"
        for p in (
            r"(?:https?://|www\.)\S+",  # a bare URL
            r"(?:e-?mail\s*:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # a bare e-mail
            r"(?:@\w+[\s,;|/·•]*)+",  # handles only
            r"[^\w]+",  # punctuation only: "> > >", "***", "—"
            r"(?:\(\)\s*)?(?:©|\(c\)|copyright\b).{0,200}",
            r"\(?(?:photos?|credits?(?: photo)?|photo credits?|image|illustration|fotos?|fotografia|source photo)"
            r"\s*[:/©]\s*[^.!?]{1,80}\)?",
            r"\(?(?:afp|reuters|ap|epa|ansa|efe|getty images|sipa|maxppp|abaca)(?: photo)?\s*/\s*[^.!?]{1,60}\)?",
            r"(?:temps de lecture|lecture|reading time|tiempo de lectura|tempo di lettura)\s*:?\s*\d+\s*"
            r"(?:min|minutes?|minutos?|minuti)\.?",
            r"\d+\s*(?:min|minutes?|minutos?|minuti)\.?\s*(?:de lecture|read|de lectura|di lettura)",
            r"(?:hace|il y a)\s+\d+\s+(?:horas?|minutos?|heures?|minutes?)|\d+\s+(?:hours?|minutes?)\s+ago",
            # code and page templates: "var x = 1;", "} else {", ".logo{display: block}"
            r"(?://|/\*|\*/).*|(?:var|let|const|function)\s.*[;{(]|(?:if|else|for|while)\s*\(.*[;{}]|\}\s*else\b.*",
            r"[\w.#-]*\{[^}]*:[^}]*;[^}]*\}",
            # object literals and assignments: "type: 'POST',", "attemptCounter = 0;"
            r"['\"][\w$.-]+['\"]\s*:\s*.+[,{;]",
            r"[a-z_$][\w$.-]*\s*:\s*(?:['\"][^\s'\"]*['\"]|[\w$.]+|function\b.*|\{|\[)\s*[,{;]",
            r"[a-z_$][\w$.\[\]'\"]*\s*[+-]?=\s*.+;",
            r"(?:var|let|const)\s+[\w$.]+\s*=.*",  # "var d_names = new Array("Domenica", …" spread over lines
            r"(?:\"[^\"]{0,30}\"\s*[,);]+\s*){3,}",  # … and its last line: '"Giovedì", "Venerdì", "Sabato");'
            # a section and the site's domain: "España | elmundo.es", "Mundo | elmundo.es"
            r"(?:[\w' -]{1,30}\|\s*)?[\w-]+\.(?:com|es|fr|it|net|org|info|be|ch)(?:\s*\|[\w' -]{1,30})?",
        )
    )
)
_GENERIC_ANYWHERE = re.compile(
    r"tous droits reserves|all rights reserved|todos los derechos reservados|tutti i diritti riservati"
    r"|riproduzione riservata|<%=|%>"
)
_READ_ALSO_LINK = re.compile(r"^[»›]\s*[\w«\"“].{0,150}(?<![.!,;:])$")  # "» Le clan Kadhafi à la loupe"
# A blog's series note, on the folded line: "Ce billet fait partie de notre dossier sur la
# Libye.", "This post is part of our special coverage of Egypt Protests 2011", "Este post
# forma parte de nuestra cobertura especial…", "Questo post fa parte dello speciale…".
_SERIES_NOTE = re.compile(
    r"^(?:ce billet|cet article|ce post|this (?:post|article)|este (?:post|articulo)|esta entrada"
    r"|questo (?:post|articolo)) (?:fait partie|is part|forma parte|es parte|fa parte)\b.{0,80}"
    r"\b(?:dossiers?|couverture|serie|series|coverage|cobertura|especial|speciale|special)\b.{0,120}$"
)
# "Le Monde avec AFP", "(Avec AFP, AP et Reuters)": matched on the line as written, so that
# the words before "avec" must be a name ("Il s'est entretenu avec l'AFP." is prose).
_AGENCIES = r"(?:l')?(?:AFP|AP|Reuters|agences|agencias|EFE|ANSA|dpa)"
_AGENCY_CREDIT = re.compile(
    r"^\(?(?:(?:Par\s+)?[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|de|du|des|la|le|l'|del))*\s+)?"
    rf"(?:[Aa]vec|[Cc]on información de|[Ww]ith)\s+{_AGENCIES}"
    rf"(?:(?:\s*,\s*|\s+et\s+|\s+y\s+|\s+and\s+|\s*&\s*){_AGENCIES})*\)?\.?$"
)
_TEASER_END = re.compile(r"(?:leggi tutto|lire la suite|read more|leer mas)\s*»?$")
# Speech verbs before a colon: the line introduces a quote and is article content.
_QUOTE_INTRO = re.compile(
    r"\b(?:ajoute|ecrit|note|tweete|dit|declare|explique|precise|annonce|affirme|confirme|poursuit|raconte"
    r"|says?|writes?|adds?|tweets?|tweeted|wrote|said|escribe|dice|anade|scrive|aggiunge)\b[^:]{0,40}:$"
)

# Readers' comments: each opens (or closes) with a stamp, a date and a time side by side,
# then a separator, a reply or report link, or "<name> wrote:". One stamp with such a word,
# or three lines with a bare "date time |" stamp, and the page's comment section starts at the first: everything from that
# line on is residue (a timeline must never quote a reader as if reporting the news).
_STAMP_DATE = (rf"(?:{MONTH}\s+\d{{1,2}}\s*,?\s*\d{{4}}"
               rf"|\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:de\s+)?{MONTH}\s+(?:de\s+)?\d{{4}}"
               r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})")
_STAMP_TIME = r"\d{1,2}[:h.]\d{2}(?:\s*[ap]\.?\s?m\.?)?"
# A site's name and the day the page was saved, alone on a line: "Diritto di critica | July 29, 2020".
_SITE_STAMP = re.compile(rf"^[^|]{{1,40}}\|\s*{_STAMP_DATE}$", re.IGNORECASE)
# a moderator's trace stands where a comment was: "8th November 2011 - 17:42 This comment was
# removed because the moderators found it broke the house rules."
_COMMENT_WORD = (r"(?:(?:reply|report abuse|r[eé]pondre|signaler(?: un abus)?|responder|rispondi|segnala)\b"
                 r"|(?:\S+\s+){0,3}(?:wrote|a [eé]crit|escribi[oó]|ha scritto)\s*:"
                 r"|(?:this|ce|este|questo) (?:comment|commentaire|message|comentario|mensaje|commento|messaggio)"
                 r" (?:was|has been|a [eé]t[eé]|ha sido|fue|[eè] stato) (?:removed|deleted|supprim[eé]|mod[eé]r[eé]"
                 r"|eliminado|borrado|rimosso|cancellato)\b)")
_COMMENT_STAMP = re.compile(
    rf"(?:{_STAMP_DATE}\s*,?\s*(?:at|[aà]|a las|alle|um|-|–)?\s*{_STAMP_TIME}"
    rf"|\b(?:at|[aà]|a las|alle)?\s*{_STAMP_TIME}\s*,?\s*(?:on|le|el|il)?\s*{_STAMP_DATE})"
    rf"\s*,?\s*(?:(?:\|\s*)?(?P<word>{_COMMENT_WORD})|\|)",
    re.IGNORECASE,
)
_COMMENT_SCAN = 400  # a stamp opens its comment line or closes the comment before it: near either end
_HAS_TIME = re.compile(r"\d[:h.]\d\d")  # cheap test first: most lines hold no time of day at all

EDGE_LINES = 2  # lines at the top or bottom of a page, where site chrome sits
_MAX_LINE = 600  # longer lines are prose; only cookie notices get that long
_MAX_SHORT = 300  # longer lines can only be cookie notices
_HEADLINE_MAX = 120  # a listed headline is a short line …
_HEADLINE_FOLLOW = 10  # … and a marker lists a few of them at most
_SENTENCE_END = tuple(".!:;,")
# Fingerprints are made of sentences, not of the short lines that boilerplate is made of:
# otherwise short pages of one site would all look like copies of each other.
_FINGERPRINT_MIN = 60


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A removed line, where it was (0-based line number) and which rule family took it."""

    index: int
    line: str
    family: str


@dataclass(frozen=True, slots=True)
class _Rules:
    phrases: dict[str, str]  # folded phrase -> family ("block" for read-also markers)
    menu_words: frozenset[str]
    marker_with_text: re.Pattern[str]


@lru_cache(maxsize=16)
def _rules(lang: str | None) -> _Rules:
    """The rules for ``lang`` plus English (the web's lingua franca); all languages when unknown."""
    code = (lang or "").strip().lower()[:2]
    langs = (code, "en") if code in _PHRASES else _ALL_LANGS
    phrases: dict[str, str] = {}
    for family in ("menu", "cookie", "share", "read_also", "block"):  # later families win on a clash
        for code_ in langs:
            for phrase in _PHRASES[code_].get(family, "").split("|"):
                if phrase := " ".join(phrase.split()):
                    phrases[phrase] = family
    menu_words = frozenset(p for p, f in phrases.items() if f == "menu")
    markers = sorted((p for p, f in phrases.items() if f == "block"), key=len, reverse=True)
    markers += ["lire", "voir", "read", "watch", "leer", "leggi", "ver", "vedi", "ecouter", "regarder"]
    # "Lire aussi : Le sommet reporté" — a marker, a separator, then the headline.
    marker_with_text = re.compile(rf"^\W{{0,3}}(?:{'|'.join(map(re.escape, markers))})\s*[:»›>|–—-]\s*\S")
    return _Rules(phrases, menu_words, marker_with_text)


@lru_cache(maxsize=1 << 16)  # a line is folded by the rules, then by the repeated-line detector
def _fold(line: str) -> str:
    return " ".join(fold_accents(line).split())


# A link's language note ("a interdit [en anglais] toute forme de manifestation", "[ar]",
# "[en farsi]", "[Liens en anglais ou en arabe]", Global Voices' style) or a footnote call
# ("[3]"): a leftover of the page's links, not the author's words. Editorial insertions
# ("M. [Mohamed] El-Baradei") stay. Unlike the line rules above, this works inside a line,
# so it only ever changes what is shown (titles, timeline lines), never the stored text
# that mentions and quotes point into.
_LANGUAGE_NAMES = ("anglais|arabe|farsi|persan|français|francais|espagnol|italien|allemand|russe|chinois|turc|hébreu"
                   "|english|arabic|persian|french|spanish|german|inglés|ingles|árabe|francés|inglese|arabo|francese")
# Codes that are also short words ("[it]", "[le]", "[de]", "[el]") may be an editor's
# insertion in a quote and are left alone.
_LANGUAGE_CODES = "en|eng|ar|ara|fa|fr|pt|ru|zh|tr|ur|pe|ja|ko|pl|nl|sv"
_LINK_NOTE = re.compile(r"\s*\[(?:(?:(?:liens?|links?|enlaces?|link)\s+)?(?:(?:en|in|em)\s+)?(?:" + _LANGUAGE_NAMES
                        + r")(?:\s+(?:ou|et|or|and|y|o|e)\s+(?:(?:en|in)\s+)?(?:" + _LANGUAGE_NAMES + r"))*"
                        + r"|(?:" + _LANGUAGE_CODES + r")(?:-[a-z]{2})?|\d{1,3})\](?!\w)", re.IGNORECASE)


def strip_link_notes(line: str) -> str:
    """``line`` without its links' language notes and footnote calls (see ``_LINK_NOTE``)."""
    return _LINK_NOTE.sub("", line).strip()


def classify_line(line: str, lang: str | None = None) -> tuple[str | None, bool]:
    """``(family, starts_block)`` for one line, ``(None, False)`` for article text.

    ``starts_block`` is true for a read-also marker alone on its line: the short
    headlines right after it are residue too.
    """
    stripped = line.strip()
    return _classify(stripped, _fold(stripped) if len(stripped) <= _MAX_SHORT else "", _rules(lang))


def _classify(stripped: str, folded: str, rules: _Rules) -> tuple[str | None, bool]:
    """``classify_line`` on a stripped line and its folded form ("" for long lines)."""
    size = len(stripped)
    if not size or size > _MAX_LINE:
        return None, False
    if size > _MAX_SHORT:
        return ("cookie", False) if _is_cookie_notice(stripped.casefold()) else (None, False)
    key = folded.strip(_TRIM)
    family = rules.phrases.get(key)
    if family == "block":
        return "read_also", True
    if family:
        return family, False
    if _COOKIE_WORD.search(folded) and (
        (size <= 60 and not folded.endswith((".", "!", "?")))
        or _COOKIE_START.match(folded)
        or _is_cookie_notice(folded)
    ):
        return "cookie", False
    if (rules.marker_with_text.match(folded) or _READ_ALSO_LINK.match(stripped) or _TEASER_END.search(folded)
            or _SERIES_NOTE.match(folded)):
        return "read_also", False
    if _COUNTER.match(key) or (_SUBSCRIBE.match(key) and size <= 200):
        return "share", False
    if size <= 100 and (_NEWSLETTER.search(folded) or _OFFER.search(folded)) and not folded.endswith("."):
        return "share", False
    if (_PASSWORD.search(folded) and _TO_THE_READER.search(folded)) or _ACCOUNT.match(folded):
        return "share", False
    if _NOTIFICATIONS.search(folded) and (_UNBLOCK.search(folded) or (size <= 60 and not folded.endswith("."))):
        return "share", False
    if (_GENERIC_LINE.match(folded) or _GENERIC_ANYWHERE.search(folded) or _AGENCY_CREDIT.match(stripped)
            or _SITE_STAMP.match(stripped)):
        return "generic", False
    if size <= 120 and (family := _menu_or_social(key, rules)):
        return family, False
    return None, False


def _is_cookie_notice(text: str) -> bool:
    return bool(_COOKIE_WORD.search(text) and _COOKIE_ADDRESS.search(text) and _COOKIE_SITE.search(text))


def _menu_or_social(key: str, rules: _Rules) -> str | None:
    segments = [s for s in _SEPARATORS.split(key) if s]
    if not segments:
        return None
    words = [w for s in segments for w in s.split()]
    if len(words) >= 2 and all(w in _SOCIAL for w in words):
        return "share"
    if all(s in rules.menu_words or all(w in rules.menu_words for w in s.split()) for s in segments):
        return "menu"
    # A breadcrumb starts at the home page, whatever section names follow; so does a bar of
    # sections ("Accueil | Sainte-Ermine | Lisne | Politique | Sports | Faits divers").
    if len(segments) >= 2 and segments[0] in _HOME_WORDS and (
            re.search(r"[>›»]", key) or (len(segments) >= 3 and all(len(s.split()) <= 3 for s in segments))):
        return "menu"
    return None


def _is_breadcrumb(stripped: str, folded: str, lines: list[str], index: int) -> bool:
    """A trail from the home page to the page, written without separators, the page's title
    last and again on the next line: "Accueil Société Actu mondiale Je veux comprendre… les
    manifestations" then "Je veux comprendre… les manifestations"."""
    if not folded or folded.split(" ", 1)[0] not in _HOME_WORDS:
        return False
    following = next((line.strip() for line in lines[index + 1:index + 3] if line.strip()), "")
    return len(following) >= 15 and len(stripped) > len(following) and stripped.endswith(following)


def _is_quote_intro(stripped: str, folded: str) -> bool:
    return stripped.startswith(("—", "–")) or (stripped.endswith(":") and bool(_QUOTE_INTRO.search(folded)))


def _looks_like_headline(line: str) -> bool:
    return len(line) <= _HEADLINE_MAX and not line.endswith(_SENTENCE_END)


def explain_residue(
    text: str, lang: str | None = None, *, repeated: RepeatedLines | None = None
) -> tuple[str, list[RemovedLine]]:
    """The kept text (lines joined by "\\n") and every removed line with its rule family."""
    rules = _rules(lang)
    kept: list[str] = []
    removed: list[RemovedLine] = []
    follow = 0  # headlines still to take after a read-also marker
    lines = text.splitlines()
    comments = comment_section(lines)
    flags = repeated.boilerplate(lines) if repeated is not None else None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        if comments is not None and index >= comments:
            removed.append(RemovedLine(index, line, "comments"))
            continue
        folded = _fold(stripped) if len(stripped) <= _MAX_SHORT else ""
        family, starts_block = _classify(stripped, folded, rules)
        if family is None and _is_breadcrumb(stripped, folded, lines, index):
            family = "menu"
        if family is None and folded and not _is_quote_intro(stripped, folded):
            if follow and _looks_like_headline(stripped):
                family, follow = "read_also", follow - 1
            elif flags is not None and flags[index]:
                family = "repeated"
        if family is None:
            follow = 0
            kept.append(line)
            continue
        if starts_block:
            follow = _HEADLINE_FOLLOW
        elif family not in ("read_also", "repeated"):
            # A share or menu line ends a headline list: what follows may be comments or text.
            follow = 0
        removed.append(RemovedLine(index, line, family))
    return "\n".join(kept), removed


def is_chronology_entry(line: str) -> bool:
    """True for a dated chronology line: "March 17 - The Security Council votes a no-fly zone."."""
    return bool(_CHRONOLOGY.match(_fold(line.strip())))


def comment_section(lines: list[str]) -> int | None:
    """Index of the line where the page's readers' comments start, or None.

    One stamp followed by a reply, report or "wrote:" link makes a section; a bare
    "date time |" needs three lines ("Publié le 12/03/2011 à 18:20 | Mis à jour …" heads
    many a page, and a live blog's entries can look like it).
    """
    first = None
    bare = 0
    for index, line in enumerate(lines):
        match = _stamp(line)
        if match is None:
            continue
        if first is None:
            first = index
        bare += match.group("word") is None
        if match.group("word") is not None or bare >= 3:
            return first
    return None


def _stamp(line: str) -> re.Match[str] | None:
    """The first comment stamp near either end of ``line``: the full pattern is only tried
    around a time of day, as most lines have none."""
    size = len(line)
    for time in _HAS_TIME.finditer(line):
        if _COMMENT_SCAN <= time.start() < size - _COMMENT_SCAN:
            continue
        match = _COMMENT_STAMP.search(line, max(0, time.start() - 60), time.end() + 100)
        if match is not None:
            return match
    return None


def strip_residue(
    text: str, lang: str | None = None, *, repeated: RepeatedLines | None = None
) -> tuple[str, list[str]]:
    """``(kept text, removed lines)``: page residue out, article lines kept in order."""
    kept, removed = explain_residue(text, lang, repeated=repeated)
    return kept, [r.line for r in removed]


class RepeatedLines:
    """Site boilerplate learned from the corpus: lines that recur in many different documents.

    ``observe`` every document first, then :meth:`boilerplate` on each document's lines
    (or pass the detector to :func:`strip_residue`). A line is boilerplate when it is at
    most ``max_chars`` long and appears in enough documents that are otherwise
    different: ``share`` of the documents observed (at least ``min_docs``, ``max_docs``
    at most), or only ``min_docs`` when it sits at the top or bottom of the page or next
    to another repeated line. A site's footer and login prompts come in blocks on every
    page of the site; a background sentence an outlet reuses ("At least 75,000 bodies
    have been buried in mass graves.") sits alone among article lines on a few pages,
    and is article text. Measured (T17 timelines AR1 / AR2 / Date-F1; ML-Crisis story
    F1; chrome lines left in the 371 Spanish ML-Crisis pages):
    - 3 documents for every line: 0.1166 / 0.0336 / 0.5592; 0.873; none;
    - 2% of the run for every line: 0.1182 / 0.0353 / 0.5619; 0.887; 406 lines (a
      site with 7 pages in the run kept its login prompts);
    - 2%, or 3 at the edges and in blocks (this): 0.1166 / 0.0338 / 0.5592; 0.887;
      25 lines (agency bylines such as "Efe | Madrid").

    Syndicated copies of one wire story must not make its sentences "boilerplate", so
    documents are compared by a fingerprint: the hashes of their longest article lines
    (sentence-long lines that no pattern rule removes). Exact duplicates are observed
    once. Two documents that share most of their fingerprint are one story; only
    different stories count. Memory is a few integers per distinct short line and per
    document; the hashes are Python's, so a detector lives in one process.
    """

    def __init__(self, min_docs: int = 3, max_chars: int = 200, fingerprint_lines: int = 3,
                 share: float = 0.02, max_docs: int = 10) -> None:
        self.min_docs = min_docs
        self.share = share
        self.max_docs = max(max_docs, min_docs)
        self.max_chars = max_chars
        self.fingerprint_lines = fingerprint_lines
        self._seen: set[int] = set()
        self._fingerprints: list[frozenset[int]] = []
        self._docs_by_line: dict[int, list[int]] = {}
        self._verdicts: dict[int, bool] = {}  # line -> on needed() stories' pages
        self._weak: dict[int, bool] = {}  # line -> on min_docs stories' pages
        # Enough documents per line to find the needed different stories among copies.
        self._docs_cap = max(64, 8 * self.max_docs)

    def __len__(self) -> int:
        return len(self._fingerprints)

    def observe(self, text: str, content: Iterable[str] | None = None) -> None:
        """Learn the lines of one document.

        ``content``, when the caller has already removed residue by the pattern rules,
        is the document's article lines: the fingerprint is then taken from them
        without classifying every line again (the pipeline's hot path).
        """
        lines = [stripped for stripped in (line.strip() for line in text.splitlines()) if stripped]
        doc_key = hash("\n".join(lines))
        if doc_key in self._seen:
            return
        self._seen.add(doc_key)
        doc = len(self._fingerprints)
        rules = _rules(None)
        folded = [_fold(line) if len(line) <= _MAX_SHORT else "" for line in lines]
        if content is None:
            article_lines = [
                line for line, fold in zip(lines, folded)
                if len(line) >= _FINGERPRINT_MIN and _classify(line, fold, rules)[0] is None
            ]  # fmt: skip
        else:
            article_lines = [line for line in (c.strip() for c in content) if len(line) >= _FINGERPRINT_MIN]
        longest = sorted(article_lines, key=len, reverse=True)[: self.fingerprint_lines]
        self._fingerprints.append(frozenset(hash(_fold(line)) for line in longest))
        for key in {hash(fold) for fold in folded if fold and len(fold) <= self.max_chars}:
            docs = self._docs_by_line.setdefault(key, [])
            if len(docs) < self._docs_cap:
                docs.append(doc)
        self._verdicts.clear()
        self._weak.clear()

    def is_repeated(self, line: str) -> bool:
        """True when ``line`` is boilerplate wherever it sits: on ``needed()`` different stories' pages."""
        return self.is_repeated_folded(_fold(line))

    def is_repeated_folded(self, folded: str) -> bool:
        """``is_repeated`` for a line already folded (lowercase, no accents, single spaces)."""
        return self._verdict(folded, self.needed(), self._verdicts)

    def boilerplate(self, lines: Sequence[str]) -> list[bool]:
        """For each line of one document, whether it is boilerplate.

        A line on ``needed()`` different stories' pages is; a line on ``min_docs`` of them
        is too when it sits at the top or bottom of the page or next to another such line.
        """
        folded = [_fold(line.strip()) if line.strip() else "" for line in lines]
        weak = [bool(f) and self._verdict(f, self.min_docs, self._weak) for f in folded]
        filled = [i for i, f in enumerate(folded) if f]
        edge = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        out = [False] * len(lines)
        for k, i in enumerate(filled):
            if weak[i]:
                near = (filled[j] for j in (k - 1, k + 1) if 0 <= j < len(filled))
                out[i] = i in edge or any(weak[j] for j in near) or self.is_repeated_folded(folded[i])
        return out

    def split(self, text: str) -> tuple[list[str], list[str]]:
        """The lines of ``text`` that stay, and those that :meth:`boilerplate` takes out."""
        kept: list[str] = []
        gone: list[str] = []
        lines = text.split("\n")
        for line, flag in zip(lines, self.boilerplate(lines)):
            (gone if flag else kept).append(line)
        return kept, gone

    def _verdict(self, folded: str, needed: int, cache: dict[int, bool]) -> bool:
        # A quoted sentence on its own line is someone's words: outlets covering one story
        # repeat it, and it must stay in each of them. Teasers quoting a headline
        # ("« Un jour sans fin », le film…") end without a full stop and still go: on
        # ML-Crisis every repeated line with a quote mark was such a teaser.
        if len(folded) > self.max_chars or _QUOTED.search(folded) or _CHRONOLOGY.match(folded):
            return False
        key = hash(folded)
        verdict = cache.get(key)
        if verdict is None:
            verdict = cache[key] = self._count_stories(self._docs_by_line.get(key, ()), needed) >= needed
        return verdict

    def needed(self) -> int:
        """Different documents a line must be in to be boilerplate, for the documents seen so far."""
        return min(self.max_docs, max(self.min_docs, math.ceil(self.share * len(self._fingerprints))))

    def _count_stories(self, docs, needed: int) -> int:
        if len(docs) < needed:
            return 0
        stories: list[frozenset[int]] = []
        for doc in docs:
            fingerprint = self._fingerprints[doc]
            if not any(_same_story(fingerprint, other) for other in stories):
                stories.append(fingerprint)
                if len(stories) >= needed:
                    break
        return len(stories)


# A chronology entry ("March 17 - The Security Council votes a no-fly zone", "17 mars : le
# Conseil de sécurité vote…") is an outlet's own dated account, reused from one article to
# the next as a factbox: article text however often it recurs (the folded line is matched).
_CHRONOLOGY_MONTH = rf"(?:{alternation(MONTH_NAMES, folded_only=True)})\.?"
_CHRONOLOGY = re.compile(
    rf"^\W{{0,3}}(?:{_CHRONOLOGY_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?: ?, ?\d{{4}})?"
    rf"|\d{{1,2}}(?:er|st|nd|rd|th)? (?:de )?{_CHRONOLOGY_MONTH}(?: (?:de )?\d{{4}})?) ?(?:-{{1,2}}|:|–|—) (?:\S+ ){{3,}}\S")
_QUOTED = re.compile(r'^[«“"„—–-].*(?:[.!?…]\s*[»”"]?|[»”"]\s*[.!?…])$')


def _same_story(a: frozenset[int], b: frozenset[int]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) * 3 >= smaller * 2
