"""The integration action plan as validated data, rendered to HTML.

This package is the core of the site generator. It imports nothing from MkDocs, so it is
tested without a build and could serve another engine; `hooks/site.py` adapts it to MkDocs.
"""
