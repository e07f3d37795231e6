"""expand(): files, folders, globs; every path yields a file or a reason, once."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

from storyline import ingest
from storyline.ingest import expand
from storyline.records import Reason, Rejected


def _write(path: Path, text: str = "Titre\n\nTexte.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _split(items):
    files = [item for item in items if not isinstance(item, Rejected)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    return files, rejected


def test_public_api_is_small():
    assert sorted(ingest.__all__) == ["MAX_BYTES_DEFAULT", "expand", "read"]
    assert ingest.MAX_BYTES_DEFAULT == 5_000_000


def test_folder_is_walked_recursively_sorted_and_hidden_names_skipped(tmp_path):
    for name in ["b.txt", "a.txt", "sub/z.html", "sub/deeper/c.jsonl", ".hidden.txt", ".git/config", "sub/.swp"]:
        _write(tmp_path / name)
    files, rejected = _split(list(expand([str(tmp_path)])))
    assert rejected == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.txt", "b.txt", "sub/deeper/c.jsonl", "sub/z.html"]


def test_hidden_file_named_explicitly_is_read(tmp_path):
    hidden = _write(tmp_path / ".notes.txt")
    assert list(expand([str(hidden)])) == [hidden]


def test_globs_simple_and_recursive(tmp_path):
    for name in ["a.txt", "b.html", "x/c.txt", "x/y/d.html"]:
        _write(tmp_path / name)
    files, _ = _split(list(expand([str(tmp_path / "*.txt")])))
    assert [f.name for f in files] == ["a.txt"]
    files, _ = _split(list(expand([str(tmp_path / "**" / "*.html")])))
    assert [f.name for f in files] == ["b.html", "d.html"]


def test_missing_path_and_empty_glob_are_not_found(tmp_path):
    missing = tmp_path / "nope.txt"
    items = list(expand([str(missing), str(tmp_path / "*.xyz")]))
    assert [(r.reason, r.path) for r in items] == [
        (Reason.NOT_FOUND, str(missing)), (Reason.NOT_FOUND, str(tmp_path / "*.xyz"))]
    assert all("\n" not in r.message and r.message for r in items)


def test_literal_name_with_glob_characters(tmp_path):
    odd = _write(tmp_path / "report [draft].txt")
    assert list(expand([str(odd)])) == [odd]


def test_same_real_file_is_yielded_once(tmp_path):
    real = _write(tmp_path / "data" / "a.txt")
    (tmp_path / "link.txt").symlink_to(real)
    os.link(real, tmp_path / "hard.txt")
    files, rejected = _split(list(expand([str(tmp_path / "data"), str(real), str(tmp_path)])))
    assert rejected == []
    assert files == [real]


def test_directory_symlink_loop_is_reported_once_and_walk_ends(tmp_path):
    root = tmp_path / "news"
    _write(root / "a.txt")
    _write(root / "sub" / "b.txt")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    files, rejected = _split(list(expand([str(root)])))
    assert [f.name for f in files] == ["a.txt", "b.txt"]
    assert [(r.reason, Path(r.path).name) for r in rejected] == [(Reason.SYMLINK_LOOP, "back")]
    assert str(root.resolve()) in rejected[0].message


def test_link_to_a_sibling_folder_is_a_detour_not_a_loop(tmp_path):
    _write(tmp_path / "a" / "one.txt")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "to_a").symlink_to(tmp_path / "a", target_is_directory=True)
    files, rejected = _split(list(expand([str(tmp_path)])))
    assert rejected == []
    assert [f.name for f in files] == ["one.txt"]


def test_file_symlinks_pointing_at_each_other(tmp_path):
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    _, rejected = _split(list(expand([str(tmp_path)])))
    assert sorted(r.reason for r in rejected) == [Reason.SYMLINK_LOOP, Reason.SYMLINK_LOOP]


def test_broken_symlink_is_not_found(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    [rejected] = list(expand([str(tmp_path)]))
    assert rejected.reason is Reason.NOT_FOUND
    assert "broken symbolic link" in rejected.message


def test_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    _write(tmp_path / "a.txt")
    files, rejected = _split(list(expand([str(tmp_path)])))
    assert [f.name for f in files] == ["a.txt"]
    assert [r.reason for r in rejected] == [Reason.UNREADABLE]
    assert "named pipe" in rejected[0].message


def test_unreadable_folder_and_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    _write(locked / "secret.txt")
    _write(tmp_path / "ok.txt")
    private = _write(tmp_path / "private.txt")
    if os.geteuid() == 0:
        # root reads through chmod 000: simulate the permission errors instead.
        real_scandir, real_access = os.scandir, os.access

        def scandir(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != private and real_access(path, mode))
    else:
        locked.chmod(0)
        private.chmod(0)
    try:
        files, rejected = _split(list(expand([str(tmp_path)])))
    finally:
        locked.chmod(0o755)
        private.chmod(0o644)
    assert [f.name for f in files] == ["ok.txt"]
    assert sorted((Path(r.path).name, r.reason) for r in rejected) == [
        ("locked", Reason.UNREADABLE), ("private.txt", Reason.UNREADABLE)]
    assert all("ermission denied" in r.message for r in rejected)



def test_recursive_glob_survives_symlink_loops(tmp_path):
    # Two links back up make glob.glob(recursive=True) explore 2**40 paths.
    news = tmp_path / "news"
    _write(news / "a.txt")
    _write(news / "sub" / "b.txt")
    (news / "sub" / "up").symlink_to(news, target_is_directory=True)
    (news / "sub" / "up2").symlink_to(news, target_is_directory=True)
    files, rejected = _split(list(expand([str(news / "**" / "*.txt"), str(news / "**" / "*.md")])))
    assert [f.name for f in files] == ["a.txt", "b.txt"]
    assert sorted(Path(r.path).name for r in rejected if r.reason is Reason.SYMLINK_LOOP) == ["up", "up2"]
    assert [r.path for r in rejected if r.reason is Reason.NOT_FOUND] == [str(news / "**" / "*.md")]


@pytest.mark.parametrize("pattern", [
    "**/*.txt", "a/**/*.txt", "a/**", "**/c", "**/b/**/*.html", "*/**/?.txt", "**/[!x]*.txt", "**/q[0-9].md",
])
def test_recursive_glob_matches_like_glob_module(tmp_path, monkeypatch, pattern):
    for name in ["a/x.txt", "a/b/y.txt", "a/b/c/z.html", "d/e/w.txt", "top.txt", "a/b/q1.md"]:
        _write(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    expected = set()
    for match in glob.glob(pattern, recursive=True):
        if os.path.isdir(match):
            expected.update(os.path.join(root, f) for root, _, names in os.walk(match) for f in names)
        else:
            expected.add(match)
    got = [item for item in expand([pattern])]
    assert {os.path.normpath(p) for p in got} == {os.path.normpath(p) for p in expected}
