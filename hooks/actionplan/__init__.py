"""The integration action plan as checked data, rendered to web pages and the files beside them.

This package is the core of the site generator. It imports nothing from MkDocs, so it is
tested without a build and could serve another engine; `hooks/plan_pages.py` adapts it to
MkDocs (and `hooks/site_url.py` keeps mike's site_url right).

Where what lives:

- `project.py` – the project's facts from mkdocs.yml, read once (a leaf anything may import)
- `plan/` – the checked plan, no output concerns: errors, YAML sources, models, loading,
  validation, releases (versions, snapshots, ids, removed measures, changes), statistics, texts
  and the generator's words (`labels.yml`)
- `site/` – the web pages: which pages are generated (`pages.py`), the marker registry
  (`markers.py`), rendering, charts, edit links, theme repairs, the Content-Security-Policy
- `outputs/` – files beside the pages: PDF, open data, citations, calendar files, feeds,
  the search index, the URL list
- `editing/` – editors' tools: the spreadsheet round trip, new entries from templates, the
  stale and translation reports, the job summary, the JSON Schemas
- `publishing/` – mike: releases and the draft into the gh-pages branch
- `build.py` – one site build: check plan and prose, the generated pages, then the outputs
- `commands.py` – the command line; `__main__.py` only calls it

Imports go one way: plan <- site <- outputs <- editing, publishing <- build <- commands.
Only commands.py and the hooks read the environment. tests/unit/test_layers.py checks both.
"""
