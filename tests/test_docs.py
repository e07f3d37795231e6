"""The docs are part of the product: the quick start is what CI runs, every command has help with an example."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from storyline.cli import cli

from conftest import REPO


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith("storyline demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_word_for_word():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: storyline " in result.output


def test_readme_figures_are_filled_in():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "FIGURES_TABLE" not in readme
    for row in re.findall(r"^\|(?!\s*-)(.+)\|$", readme.split("## Figures", 1)[1], flags=re.M)[1:]:
        assert "`" in row, f"figure without the command that produced it: {row}"
