"""Turning the user's paths (files, folders, globs) into the files to read.

:func:`expand` yields every file once, in a deterministic order (arguments in
the order given, folder entries and glob matches sorted), or a
:class:`~storyline.records.Rejected` for each argument or entry that cannot be
read. Nothing is dropped without a record except hidden names (see
:func:`_hidden`).

Identity is the pair (device, inode) from ``stat``, which is what "the same real
file" means: it catches a file reached through two symlinks, a hard link and a
folder given twice, and it costs no ``realpath`` call (one ``lstat`` per path
component) per file.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from storyline.ingest.rejects import os_error, reject
from storyline.records import Reason, Rejected

_GLOB_MAGIC = re.compile(r"[*?[]")

#: What ``stat`` says a non-regular file is, for the message that refuses it.
SPECIAL_FILES = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def special_file(mode: int) -> str | None:
    """Name what a non-regular, non-folder file is; None for a regular file or folder."""
    return SPECIAL_FILES.get(stat.S_IFMT(mode))


def _hidden(name: str) -> bool:
    # Hidden names inside folders are tooling, not news: .git, .DS_Store, editor
    # swap files, .ipynb_checkpoints. Recording one rejection for each would bury
    # the rejections that matter, so they are skipped without a record. A hidden
    # file named explicitly on the command line is still read.
    return name.startswith(".")


def expand(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path | Rejected]:
    """Yield each file under ``paths`` once, or a Rejected for what cannot be read.

    A path is a file, a folder (walked recursively, sorted), or a glob
    (``*.txt``, ``**/*.html``; matched with ``recursive=True``). A path that
    exists literally is taken literally even if it contains glob characters.
    """
    walker = _Walker()
    for arg in paths:
        text = os.fspath(arg)
        if os.path.lexists(text) or not _GLOB_MAGIC.search(text):
            yield from walker.path(text)
            continue
        found = False
        for item in walker.glob(text):
            found = True
            yield item
        if not found:
            yield reject(text, Reason.NOT_FOUND, "the glob matched no file")


class _Walker:
    """Remembers what was yielded and walked, across all the arguments of one call."""

    def __init__(self) -> None:
        self.files: set[tuple[int, int]] = set()
        self.folders: set[tuple[int, int]] = set()
        self.reported: set[str] = set()  # paths already rejected: a loop met by two globs is said once

    def path(self, text: str) -> Iterator[Path | Rejected]:
        """One argument or glob match: a file, a folder, or a rejection."""
        try:
            st = os.stat(text)
        except FileNotFoundError:
            if os.path.islink(text):
                yield reject(text, Reason.NOT_FOUND, f"broken symbolic link to {_link_target(text)}")
            else:
                yield reject(text, Reason.NOT_FOUND, "no such file or folder")
            return
        except OSError as error:
            yield self._stat_error(text, error)
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self._walk(Path(text), st)
        else:
            yield from self._file(Path(text), st)

    def glob(self, pattern: str) -> Iterator[Path | Rejected]:
        """What a glob matches: files, and the files of the folders it matches."""
        if "**" not in pattern:
            # One level per pattern component: no descent, so no loop to fear.
            for match in sorted(glob.glob(pattern)):
                yield from self.path(match)
            return
        # glob.glob(recursive=True) follows links to folders without noticing
        # loops: two links to a parent make it explore 2**40 paths. The tree is
        # walked here instead, loops caught, and each file matched against the
        # pattern (the same rules: "**" spans folders, "*" does not cross "/",
        # hidden names are not matched).
        parts = Path(pattern).parts
        fixed = next(i for i, part in enumerate(parts) if _GLOB_MAGIC.search(part))
        base = os.path.join(*parts[:fixed]) if fixed else "."
        if not os.path.isdir(base):
            return
        matcher = _glob_regex(parts[fixed:])
        for item in _Walker().path(base):  # a walker of its own: files it passes over are not "seen"
            relative = Path(os.path.relpath(item.path if isinstance(item, Rejected) else item, base)).as_posix()
            if isinstance(item, Rejected):
                # A loop or a locked folder may hide matches: said even when its name does not match.
                if (_about_a_folder(item) or _glob_matches(matcher, relative)) and item.path not in self.reported:
                    self.reported.add(item.path)
                    yield item
            elif _glob_matches(matcher, relative):
                yield from self.path(os.path.join(base, relative) if fixed else relative)

    def _file(self, path: Path, st: os.stat_result) -> Iterator[Path | Rejected]:
        what = special_file(st.st_mode)
        if what:
            # Refused here, before anyone opens it: reading a FIFO blocks until a
            # writer comes, which would hang the whole run.
            yield reject(path, Reason.UNREADABLE, f"is {what}, not a regular file",
                         hint="only regular files are read; remove it from the input")
            return
        key = (st.st_dev, st.st_ino)
        if key in self.files:
            return  # the same file through another link or argument: read once
        self.files.add(key)
        if not os.access(path, os.R_OK):
            yield reject(path, Reason.UNREADABLE, "permission denied")
            return
        yield path

    def _walk(self, root: Path, root_stat: os.stat_result) -> Iterator[Path | Rejected]:
        """Depth-first, sorted, without recursion (trees can be deeper than Python's stack)."""
        root_key = (root_stat.st_dev, root_stat.st_ino)
        if root_key in self.folders:
            return  # already walked through another argument: its files were yielded
        self.folders.add(root_key)
        # Each frame: the entries left to visit and the folders on the way down to
        # them (a link to one of those is a loop; a link elsewhere is just a detour).
        stack: list[tuple[Iterator[os.DirEntry[str]], frozenset[tuple[int, int]]]] = []
        listing = self._list(root)
        if isinstance(listing, Rejected):
            yield listing
            return
        stack.append((iter(listing), frozenset({root_key})))
        while stack:
            entries, ancestors = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            if _hidden(entry.name):
                continue
            try:
                st = entry.stat()  # follows symlinks: a link to a folder is walked
            except FileNotFoundError:
                yield reject(entry.path, Reason.NOT_FOUND, f"broken symbolic link to {_link_target(entry.path)}")
                continue
            except OSError as error:
                yield self._stat_error(entry.path, error)
                continue
            if not stat.S_ISDIR(st.st_mode):
                yield from self._file(Path(entry.path), st)
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield reject(entry.path, Reason.SYMLINK_LOOP,
                             f"links back to {os.path.realpath(entry.path)}, a folder it is inside")
                continue
            if key in self.folders:
                continue  # reached again through another link: every file in it was yielded
            self.folders.add(key)
            listing = self._list(Path(entry.path))
            if isinstance(listing, Rejected):
                yield listing
                continue
            stack.append((iter(listing), ancestors | {key}))

    @staticmethod
    def _list(folder: Path) -> list[os.DirEntry[str]] | Rejected:
        try:
            with os.scandir(folder) as it:
                return sorted(it, key=lambda entry: entry.name)
        except OSError as error:
            return os_error(folder, error, "list the folder")

    @staticmethod
    def _stat_error(text: str, error: OSError) -> Rejected:
        if error.errno == errno.ELOOP:  # file symlinks pointing at each other
            return reject(text, Reason.SYMLINK_LOOP, "symbolic links point at each other in a loop",
                          hint="fix or remove the link")
        return os_error(text, error, "look at the path")


def _about_a_folder(rejected: Rejected) -> bool:
    return rejected.reason is Reason.SYMLINK_LOOP or (
        rejected.reason is Reason.UNREADABLE and os.path.isdir(rejected.path))


def _glob_regex(parts: tuple[str, ...]) -> re.Pattern[str]:
    """A regex for relative POSIX paths matching the glob components ``parts``."""
    pieces = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            pieces.append(".*" if last else "(?:[^/]+/)*")
        else:
            pieces.append(_component_regex(part) + ("" if last else "/"))
    return re.compile("".join(pieces) + r"\Z", re.S)


def _component_regex(part: str) -> str:
    """One path component of a glob as a regex (fnmatch's rules, "/" never matched)."""
    out, i = [], 0
    while i < len(part):
        char = part[i]
        i += 1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            j = i + (part[i:i + 1] == "!")
            j += part[j:j + 1] == "]"  # a "]" right after "[" or "[!" is a member, not the end
            end = part.find("]", j)
            if end < 0:
                out.append(re.escape(char))  # no closing bracket: a literal "["
                continue
            members = part[i:end].replace("\\", "\\\\")
            out.append("[^" + members[1:] + "]" if members.startswith("!") else "[" + members + "]")
            i = end + 1
        else:
            out.append(re.escape(char))
    return "".join(out)


def _glob_matches(matcher: re.Pattern[str], relative: str) -> bool:
    # A file inside a matched folder matches too: "news/**/2024" means its files.
    if matcher.match(relative):
        return True
    folders = relative.split("/")[:-1]
    return any(matcher.match("/".join(folders[:depth])) for depth in range(1, len(folders) + 1))


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "a missing file"
