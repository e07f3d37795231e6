"""Shared fixtures: a store in a temporary folder, and the path to ../shared/eval."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.store import open_store

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"evaluation corpora not found at {EVAL}: clone the project beside ../shared to run quality gates")
    return EVAL
