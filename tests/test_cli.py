"""The command line: exit codes, one-line errors, the export shape, search and status."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from storyline.cli import cli
from storyline.export import PARTS

ARTICLE = ("La Kestria et la Valdoria ont signé mardi un accord sur le tracé de leur frontière commune, "
           "a annoncé le médiateur des Nations unies à Genève.")  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True, timeout=120)


def test_ingest_exits_0_and_summarizes(tmp_path):
    (tmp_path / "a.txt").write_text(f"Accord frontalier\n{ARTICLE}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 articles ingested" in result.output
    assert "rejected 1: 1 empty" in result.output


def test_ingest_of_nothing_usable_exits_1_with_one_line(tmp_path):
    (tmp_path / "b.txt").write_text("")
    result = run("ingest", str(tmp_path / "b.txt"), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"), "-q")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("storyline: error: nothing could be ingested (")


def test_reingest_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text(f"Accord frontalier\n{ARTICLE}\n", encoding="utf-8")
    args = ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "-q"]
    assert run(*args).returncode == 0
    again = run(*args)
    assert again.returncode == 0, again.stderr


def test_export_has_every_part_of_the_design_shape(tmp_path):
    (tmp_path / "a.txt").write_text(f"Accord frontalier\n{ARTICLE}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("")
    db = str(tmp_path / "s.db")
    CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db, "-q"])
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["export", "--format", "json", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == set(PARTS)
    assert data["stories"][0]["article_ids"] == [data["articles"][0]["id"]]
    assert data["events"][0]["story_id"] == data["stories"][0]["id"] == data["articles"][0]["story_id"]
    text = data["articles"][0]["text"]
    names = {e["name"] for e in data["entities"]}
    assert {"Kestria", "Valdoria"} <= names or len(names) >= 2, names
    for part in ("quotes", "dates"):  # every offset points into the cleaned text
        for item in data[part]:
            assert text[item["start"] : item["end"]] == item["text"]
    assert any(d["text"] == "mardi" for d in data["dates"])
    (article,) = data["articles"]
    for key in ("id", "title", "published", "published_inferred", "lang", "url", "source", "text",
                "duplicate_of", "event_id", "story_id"):  # fmt: skip
        assert key in article
    assert article["title"] == "Accord frontalier" and article["lang"] == "fr"
    assert data["rejected"][0]["reason"] == "empty"


def test_commands_on_a_missing_database_say_how_to_fix_it(tmp_path):
    for command in (["export", "--format", "json"], ["status"], ["search", "accord"]):
        result = run(*command, "--db", str(tmp_path / "none.db"))
        assert result.returncode == 1
        assert "run `storyline ingest PATH" in result.stderr and result.stderr.count("\n") == 1


def test_search_and_status(tmp_path):
    (tmp_path / "a.txt").write_text(f"Accord frontalier\n{ARTICLE}\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db, "-q"])
    hits = json.loads(CliRunner().invoke(cli, ["search", "geneve", "--db", db, "--json"]).output)
    assert len(hits) == 1 and "[Genève]" in hits[0]["snippet"]
    bad = CliRunner().invoke(cli, ["search", '"unbalanced', "--db", db])
    assert bad.exit_code == 1 and "bad search query" in bad.output
    stats = json.loads(CliRunner().invoke(cli, ["status", "--db", db, "--json"]).output)
    assert stats["articles"] == 1 and stats["languages"] == {"fr": 1}


def test_db_from_environment(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(f"Accord frontalier\n{ARTICLE}\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    assert CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "-q"]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_progress_bar_shows_on_long_runs(tmp_path, monkeypatch):
    from storyline import progress

    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Accord {n}\n{ARTICLE} Numéro {n}.\n", encoding="utf-8")
    shown = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "p.db")])
    assert "ingest" in shown.output and "3/3" in shown.output
    quiet = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "q.db"), "-q"])
    assert quiet.output == ""


def test_exported_date_values_follow_the_design_formats():
    import re

    from storyline.export import date_json
    from storyline.records import DateMention

    week = DateMention("a1", "la semaine prochaine", 0, 20, "2024-W46", "week", True)
    assert date_json(week)["value"] == "2024-11-11" and date_json(week)["granularity"] == "week"
    for value in ("2024-11-07", "2024-11", "2024", None):
        exported = date_json(DateMention("a1", "x", 0, 1, value, "day", value is not None))["value"]
        assert exported == value
    assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", date_json(week)["value"])
