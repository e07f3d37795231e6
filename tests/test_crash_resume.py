"""kill -9 in the middle of a large ingest, then run again: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

CITIES = ["Kastel", "Varno", "Lisbrück", "Orvane", "Terhal", "Sarnac"]


def write_corpus(folder, n_files: int, jsonl_lines: int) -> set[str]:
    """Distinct French articles as text files plus one JSONL; returns their ids/titles."""
    titles = set()
    (folder / "text").mkdir()
    for i in range(n_files):
        city = CITIES[i % len(CITIES)]
        title = f"Réunion numéro {i} du conseil régional de {city}"
        body = (
            f"Le conseil régional de {city} s'est réuni pour la {i}e fois cette année afin d'examiner "
            f"le budget des transports. Les élus ont voté {i % 7 + 3} délibérations, dont une sur la "
            f"rénovation de la gare numéro {i}. « Nous avançons », a déclaré la présidente du conseil."
        )
        (folder / "text" / f"{i:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        titles.add(title)
    with open(folder / "export.jsonl", "w", encoding="utf-8") as out:
        for i in range(jsonl_lines):
            title = f"Dépêche {i} sur les inondations de la vallée"
            text = (f"Les secours ont évacué {i + 10} habitants du village {i} de la vallée de la Sarna, "
                    f"où la crue a atteint {i % 5 + 1} mètres selon la préfecture.")  # fmt: skip
            out.write(json.dumps({"id": f"d{i}", "title": title, "text": text, "published": "2025-11-07"}) + "\n")
            titles.add(title)
    return titles


def stored_titles(db) -> list[str]:
    with sqlite3.connect(db) as con:
        return [row[0] for row in con.execute("SELECT title FROM articles")]


def count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_9_mid_ingest_then_rerun(tmp_path):
    titles = write_corpus(tmp_path, n_files=1500, jsonl_lines=1500)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "storyline", "ingest", str(tmp_path / "text"), str(tmp_path / "export.jsonl"),
               "--db", str(db), "--quiet", "--no-analyze"]  # fmt: skip
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(db) < 400 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, "the ingest ended before it could be killed; make the corpus larger"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    partial = count(db)
    assert 0 < partial < len(titles)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    after = stored_titles(db)
    assert len(after) == len(set(after)), "an article was stored twice"
    assert set(after) == titles, "an article was lost"

    # A third run adds nothing at all.
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert count(db) == len(titles)
