"""The ingest stage: paths in, one :class:`~storyline.records.RawDoc` per article out.

Two verbs:

- :func:`expand` turns files, folders and globs into the files to read;
- :func:`read` turns one file into RawDoc records, one per article.

Neither loses an input: whatever cannot be read comes out as a
:class:`~storyline.records.Rejected` carrying a :class:`~storyline.records.Reason`
and a one-line message that ends with how to fix it. Neither raises for a bad
input.

Modules, by job: :mod:`.paths` (expand), :mod:`.inputs` (opening, binary and
compressed files), :mod:`.sniff` (what a file is), :mod:`.decode` (bytes to
text), :mod:`.fields` (record fields to RawDoc), one reader per format family
(:mod:`.text`, :mod:`.jsonfiles`, :mod:`.csvfiles`, :mod:`.feeds`,
:mod:`.warcs`), and :mod:`.core`, which runs them in order.
"""

from storyline.ingest.core import MAX_BYTES_DEFAULT, read
from storyline.ingest.paths import expand

__all__ = ["MAX_BYTES_DEFAULT", "expand", "read"]
