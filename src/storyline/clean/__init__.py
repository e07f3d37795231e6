"""The clean stage: one RawDoc in, one Article or Rejected out (see ``stage.clean``)."""
