"""Editors' tools: spreadsheet round trip, new entries from templates, reports and JSON Schemas."""
