"""Files beside the pages: PDF, open data, citations, calendar files, feeds, search and URL lists."""
