"""Build ``corpus/archives/demo.warc.gz``, the demo corpus's web archive.

The archive holds one ``warcinfo`` record and three ``response`` records, each an
HTTP 200 response with a full HTML article page. The pages are written here, as
strings; they belong to the fictional world described in ``corpus/README.md``
(outlets, people and places are invented).

The output is reproducible: record ids are derived from the URLs and the dates
are fixed, so running the script twice gives the same bytes.

    python src/storyline/demo/make_warc.py [OUTPUT]
"""

from __future__ import annotations

import sys
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "corpus" / "archives" / "demo.warc.gz"

KASTEL_TIMES_SECOND_CALL = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Geneva summit on the table after Marek–Dorsi call | Kastel Times</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="President Anton Marek and Kestrian Prime Minister Lena Dorsi agreed on Wednesday to meet in Geneva next month.">
  <meta name="author" content="Viktor Halm">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="Kastel Times">
  <meta property="og:title" content="Geneva summit on the table after Marek–Dorsi call">
  <meta property="article:published_time" content="2025-11-12T20:10:00+01:00">
  <meta property="article:section" content="Politics">
  <link rel="canonical" href="https://www.kastel-times.example/politics/2025/11/12/geneva-summit-on-the-table">
  <link rel="stylesheet" href="/assets/kt.css">
</head>
<body class="kt article">
  <header class="kt-masthead">
    <a class="kt-logo" href="/">Kastel Times</a>
    <nav class="kt-nav">
      <a href="/">Home</a> <a href="/politics/">Politics</a> <a href="/world/">World</a>
      <a href="/business/">Business</a> <a href="/sport/">Sport</a> <a href="/opinion/">Opinion</a>
    </nav>
  </header>
  <main id="content">
    <article class="kt-story">
      <header>
        <p class="kt-kicker">Sarn valley crisis</p>
        <h1>Geneva summit on the table after Marek–Dorsi call</h1>
        <p class="kt-byline">By <a rel="author" href="/authors/viktor-halm">Viktor Halm</a>
          · <time datetime="2025-11-12T20:10:00+01:00">12 November 2025, 20:10</time></p>
      </header>
      <div class="kt-body">
        <p>President Anton Marek and Kestrian Prime Minister Lena Dorsi agreed on Wednesday to meet in Geneva next month, in their second phone call since the border crisis erupted in September.</p>
        <p>The hour-long conversation came five days after the shelling of Dolna Sarn, which killed two civilians and led Kestria to suspend its participation in the joint military commission. Both leaders agreed to restore the ceasefire fully and to bring the commission back to work next week, the presidency said.</p>
        <p>“We do not want a war that nobody can win,” presidential spokesman Dimitar Voss told reporters after the call. He said the president had offered his condolences to the families of the victims but did not accept that Valdorian forces were responsible.</p>
        <p>The call was set up by the UN envoy Margit Ellander, who met Marek in Kastel on Monday before travelling to Brenna. A date and a format for the Geneva meeting are still being discussed, officials said.</p>
        <p>Voss also confirmed that Defence Minister Ilja Hornek would brief the defence committee of parliament on Thursday about the night of 6 to 7 November.</p>
      </div>
      <footer class="kt-share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></footer>
    </article>
    <aside class="kt-related">
      <h2>Related</h2>
      <ul>
        <li><a href="/politics/2025/11/07/presidency-denies-targeting-civilians">Presidency denies targeting civilians as Sarn truce falters</a></li>
        <li><a href="/politics/2025/10/21/ceasefire-in-numbers">Ceasefire in numbers: what the Geneva deal says</a></li>
      </ul>
    </aside>
  </main>
  <footer class="kt-footer">
    <p>We use cookies to personalise content and to analyse our traffic. <a href="/cookies">Manage cookies</a></p>
    <p>© 2025 Kastel Times. All rights reserved. <a href="#top">Back to top</a></p>
  </footer>
</body>
</html>
"""

ACP_PRISONER_EXCHANGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Valdoria and Kestria swap 112 prisoners at Mirovo crossing - ACP English</title>
  <meta name="author" content="ACP English Service">
  <meta name="description" content="Valdoria and Kestria exchanged 112 prisoners on Friday at the Mirovo border crossing.">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="Agence Continentale de Presse">
  <meta property="article:published_time" content="2026-01-09T12:30:00+01:00">
  <link rel="canonical" href="https://www.acp-presse.example/en/world/2026/01/09/valdoria-kestria-swap-112-prisoners">
</head>
<body>
  <div id="cookie-consent" class="consent">This site uses cookies. By continuing to browse you accept their use. <button>OK</button></div>
  <header>
    <div class="brand">ACP <span>Agence Continentale de Presse</span></div>
    <ul class="menu">
      <li><a href="/en/">Home</a></li><li><a href="/en/world/">World</a></li>
      <li><a href="/en/europe/">Europe</a></li><li><a href="/en/economy/">Economy</a></li>
      <li><a href="/fr/">Français</a></li>
    </ul>
  </header>
  <div class="page">
    <article class="dispatch">
      <h1>Valdoria and Kestria swap 112 prisoners at Mirovo crossing</h1>
      <div class="meta"><span class="author">ACP English Service</span> <time datetime="2026-01-09T12:30:00+01:00">Jan 9, 2026 12:30 CET</time></div>
      <div class="text">
        <p>MIROVO, Jan 9, 2026 (ACP) - Valdoria and Kestria exchanged 112 prisoners on Friday at the Mirovo border crossing, the first concrete step since their leaders met in Geneva last month.</p>
        <p>Fifty-eight Valdorians and 54 Kestrians, most of them soldiers captured during last autumn's fighting in the Sarn valley, walked across the bridge over the river in groups of ten, watched by UN observers.</p>
        <p>"This is the day we have been waiting for since September," said Dmitar Voss, spokesman for Valdorian President Anton Marek, who was at the crossing. Kestrian Prime Minister Lena Dorsi greeted the returning prisoners on her side of the border at Dolna Sarn.</p>
        <p>UN special envoy Margit Ellander welcomed "a concrete gesture of trust" and said the joint commission tasked with marking out the border would hold its first session in Geneva next week.</p>
        <p>The exchange was agreed at the December 12 summit, where Marek and Dorsi also extended their ceasefire indefinitely.</p>
      </div>
    </article>
    <aside class="more">
      <h3>More on this story</h3>
      <a href="/en/world/2025/12/12/geneva-summit">Handshake in Geneva seals lasting truce</a>
      <a href="/en/world/2025/11/07/dolna-sarn-shelling">Two civilians killed as Sarn truce is broken</a>
    </aside>
  </div>
  <footer><p>© 2026 Agence Continentale de Presse. Reproduction prohibited without a licence.</p></footer>
</body>
</html>
"""

VOIX_SORELLE_MUD = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Lanvieux se réveille sous la boue - La Voix de la Sorelle</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="author" content="Claire Montaz">
  <meta name="description" content="Au lendemain de la rupture partielle du barrage de Pra-Lorient, Lanvieux a découvert jeudi matin l'ampleur des dégâts.">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="La Voix de la Sorelle">
  <meta property="article:published_time" content="2026-01-29T07:00:00+01:00">
  <meta property="article:section" content="Lanvieux">
  <link rel="canonical" href="https://www.voix-sorelle.example/lanvieux/2026/01/29/lanvieux-se-reveille-sous-la-boue">
</head>
<body class="single-post">
  <header id="masthead">
    <p class="site-title"><a href="/">La Voix de la Sorelle</a></p>
    <nav id="site-navigation">
      <ul>
        <li><a href="/">Accueil</a></li><li><a href="/lanvieux/">Lanvieux</a></li>
        <li><a href="/vallee/">La vallée</a></li><li><a href="/sports/">Sports</a></li>
        <li><a href="/agenda/">Agenda</a></li><li><a href="/abonnement/">S'abonner</a></li>
      </ul>
    </nav>
  </header>
  <div id="primary">
    <article class="post type-post">
      <header class="entry-header">
        <h1 class="entry-title">Lanvieux se réveille sous la boue</h1>
        <div class="entry-meta">Par <span class="author vcard">Claire Montaz</span>, le
          <time class="entry-date published" datetime="2026-01-29T07:00:00+01:00">29 janvier 2026 à 7h00</time></div>
      </header>
      <div class="entry-content">
        <p>Au lendemain de la rupture partielle du barrage de Pra-Lorient, Lanvieux a découvert jeudi matin l'ampleur des dégâts. Dans la Grand-Rue, une ligne brune marque les façades à hauteur d'homme. Des voitures ont été déposées par le courant contre les piles du vieux pont.</p>
        <p>« On a tout perdu au rez-de-chaussée. Les meubles, les papiers, les photos », raconte Monique, 72 ans, qui a passé la nuit au gymnase municipal avec plusieurs centaines d'autres évacués. L'eau a commencé à se retirer dans la nuit, laissant derrière elle une épaisse couche de boue.</p>
        <p>Le maire, Gilles Perrochon, a évoqué « une catastrophe comme la vallée n'en avait pas connu depuis 1957 ». Les recherches se poursuivent pour retrouver une femme de 58 ans portée disparue depuis mercredi.</p>
        <p>Les questions se multiplient sur l'entretien de l'ouvrage. Plusieurs riverains affirment avoir signalé des fissures sur le mur latéral dès l'automne. La société Hydro-Sorelle assure que le barrage faisait l'objet d'inspections régulières.</p>
        <p>La préfète Anne-Laure Vernet est attendue vendredi à Lanvieux avec des représentants du gouvernement.</p>
      </div>
      <footer class="entry-footer">
        <span class="share">Partager : <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></span>
      </footer>
    </article>
    <section class="related-posts">
      <h2>A lire aussi</h2>
      <ul>
        <li><a href="/vallee/2026/01/28/barrage-pra-lorient-ce-que-l-on-sait">Barrage de Pra-Lorient : ce que l'on sait</a></li>
        <li><a href="/lanvieux/2026/01/28/solidarite-dons-sinistres">Solidarité : où déposer vos dons pour les sinistrés</a></li>
      </ul>
    </section>
  </div>
  <footer id="colophon">
    <p>Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. <a href="/cookies">En savoir plus</a></p>
    <p>© 2026 La Voix de la Sorelle — <a href="#masthead">Retour en haut de la page</a></p>
  </footer>
</body>
</html>
"""

#: (url, capture date as WARC-Date, HTTP Last-Modified, page)
PAGES = [
    (
        "https://www.kastel-times.example/politics/2025/11/12/geneva-summit-on-the-table",
        "2025-11-12T19:30:05Z",
        "Wed, 12 Nov 2025 19:10:00 GMT",
        KASTEL_TIMES_SECOND_CALL,
    ),
    (
        "https://www.acp-presse.example/en/world/2026/01/09/valdoria-kestria-swap-112-prisoners",
        "2026-01-09T12:02:41Z",
        "Fri, 09 Jan 2026 11:30:00 GMT",
        ACP_PRISONER_EXCHANGE,
    ),
    (
        "https://www.voix-sorelle.example/lanvieux/2026/01/29/lanvieux-se-reveille-sous-la-boue",
        "2026-01-29T06:48:17Z",
        "Thu, 29 Jan 2026 06:00:00 GMT",
        VOIX_SORELLE_MUD,
    ),
]


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Write the archive to ``output`` and return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = (
            "software: storyline demo make_warc.py\r\n"
            "format: WARC File Format 1.0\r\n"
            "description: storyline demo corpus, three fictional article pages\r\n"
        ).encode("utf-8")
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _record_id("warcinfo:" + output.name),
                    "WARC-Date": "2026-02-12T09:00:00Z",
                    "WARC-Filename": output.name,
                },
            )
        )
        for url, warc_date, last_modified, page in PAGES:
            body = page.encode("utf-8")
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Last-Modified", last_modified),
                    ("Server", "nginx"),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Record-ID": _record_id(url), "WARC-Date": warc_date},
            )
            writer.write_record(record)
    return output


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = build(Path(args[0]) if args else DEFAULT_OUTPUT)
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(PAGES)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
