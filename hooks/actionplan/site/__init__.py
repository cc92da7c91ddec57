"""The web pages: generated pages, markers, rendering, charts, edit links and theme repairs."""
