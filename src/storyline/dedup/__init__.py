"""The dedup stage: copies point to their original (``duplicate_of``) and keep their own source."""

from storyline.dedup.exact import assign_ids_and_exact_duplicates

__all__ = ["assign_ids_and_exact_duplicates"]
