"""Unit tests of the `actionplan` core (no MkDocs build)."""
