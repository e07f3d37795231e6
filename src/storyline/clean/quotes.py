"""Quote marks repaired where machine translation paired them wrongly.

Machine-translated news often closes a quote with the opening mark or the other
way round: ``” … “``, ``“ … “``, ``« … «``. Each paragraph (line) is repaired on
its own, one quote family at a time (English double marks, French guillemets),
and only when the pairing is clear:

* the family's marks in the line are even in number, read as open, close, open, close…,
  and do not already open and close in nested pairs (« a « b » c », a quote in a quote);
* no mark sits where its surroundings say the other role (a mark glued to the word
  after it opens, one glued to the word before it closes): if one does, the line
  holds a nested or multi-paragraph quote and is left as it is.

A French quote whose other end is a straight mark (``« … "``, ``" … »``: a hand-edited or
translated page) gets its guillemet, when every straight mark of the line is such an end and
none sits where its surroundings say the other role.

Left alone on purpose: straight pairs (``"`` opens and closes alike), German ``„ … “``
(a line with ``„`` keeps its ``“``), German/Danish ``»…«`` (a line whose guillemets are
all reversed), and single curly marks (``’`` is also the apostrophe). A mark is only
ever replaced by another mark, so the text keeps its length.
"""

from __future__ import annotations

__all__ = ["repair_quotes"]

# (opening mark, closing mark, marks of the family, fully reversed lines are a style)
_FAMILIES = (
    ("\u201c", "\u201d", "\u201c\u201d", False),  # “ ”
    ("\u00ab", "\u00bb", "\u00ab\u00bb", True),  # « »
)
_ALL_MARKS = "".join(marks for _, _, marks, _ in _FAMILIES)
_LOW_DOUBLE = "\u201e"  # „ German opening mark, closed by “
_OPENERS_BEFORE = "([{\u2014\u2013-/"  # punctuation after which a quote opens


def repair_quotes(text: str) -> str:
    """Repair wrongly paired quote marks line by line; never changes the length."""
    if not any(mark in text for mark in _ALL_MARKS):
        return text  # no curly mark nor guillemet: nothing a straight mark could pair with
    return "\n".join(
        _repair_line(line) if any(mark in line for mark in _ALL_MARKS) else line for line in text.split("\n")
    )


def _repair_line(line: str) -> str:
    """The line repaired until a pass changes nothing more (a repaired guillemet may complete
    a mixed pair: « a "" a « -> « a "" a » -> « a » « a »), so that repairing twice is repairing
    once; a line the passes do not settle is left as it is."""
    current = line
    for _ in range(4):
        repaired = _repair_pass(current)
        if repaired == current:
            return current
        current = repaired
    return line


def _repair_pass(line: str) -> str:
    chars = list(_mixed_guillemets(line))
    for opening, closing, marks, reversed_is_style in _FAMILIES:
        if opening == "\u201c" and _LOW_DOUBLE in line:
            continue
        positions = [i for i, c in enumerate(chars) if c in marks]
        if not positions or len(positions) % 2:
            continue
        if _nested_as_written([chars[i] for i in positions], opening):
            continue  # « les fouloul [« ci-devant », partisans…] ont été… »: a quote inside a quote
        expected = [opening if k % 2 == 0 else closing for k in range(len(positions))]
        if any(_role(chars, i, opening, closing) not in (None, want) for i, want in zip(positions, expected)):
            continue
        wrong = [i for i, want in zip(positions, expected) if chars[i] != want]
        if not wrong or (reversed_is_style and len(wrong) == len(positions)):
            continue
        for i, want in zip(positions, expected):
            chars[i] = want
    return "".join(chars)


def _nested_as_written(marks: list[str], opening: str) -> bool:
    """The marks, as written, open and close in nested pairs (every closing mark closes an open one,
    and all are closed): the alternation would break a quote inside a quote, not repair it."""
    depth = 0
    for mark in marks:
        depth += 1 if mark == opening else -1
        if depth < 0:
            return False
    return depth == 0


def _mixed_guillemets(line: str) -> str:
    """``« … "`` -> ``« … »`` and ``" … »`` -> ``« … »``, when the line leaves no doubt."""
    if '"' not in line:
        return line
    fixes: dict[int, str] = {}
    open_at = straight_at = None  # an open guillemet; a straight mark not yet closed
    for i, c in enumerate(line):
        if c == "\u00ab":
            if open_at is not None or straight_at is not None:
                return line  # nested, or a straight quote holding a French one
            open_at = i
        elif c == "\u00bb":
            if open_at is not None:
                open_at = None
            elif straight_at is not None:
                if not _words_between(line, straight_at, i):
                    return line  # « "" »: marks around nothing pair with no one for sure
                fixes[straight_at], straight_at = "\u00ab", None
            else:
                return line  # a stray closing mark: a German-style line, or an arrow
        elif c == '"':
            if open_at is not None:
                if not _words_between(line, open_at, i):
                    return line
                fixes[i], open_at = "\u00bb", None
            elif straight_at is None:
                straight_at = i
            else:
                return line  # a straight pair: its marks are not ours to change
    if not fixes or open_at is not None or straight_at is not None:
        return line
    chars = list(line)
    if any(_role(chars, i, "\u00ab", "\u00bb") not in (None, want) for i, want in fixes.items()):
        return line
    for i, want in fixes.items():
        chars[i] = want
    return "".join(chars)


def _words_between(line: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in line[start + 1:end])


def _role(chars: list[str], i: int, opening: str, closing: str) -> str | None:
    """The role the surroundings give the mark at ``i``, or None when they do not say.

    French guillemets take a space on both sides, so for them the surroundings
    rarely say anything and the alternation decides alone.
    """
    before = chars[i - 1] if i > 0 else " "
    after = chars[i + 1] if i + 1 < len(chars) else " "
    glued_after = after.isalnum()
    glued_before = before.isalnum() or before in ".,!?;:…"
    if glued_after and not glued_before and (before.isspace() or before in _OPENERS_BEFORE):
        return opening
    if glued_before and not glued_after:
        return closing
    return None
