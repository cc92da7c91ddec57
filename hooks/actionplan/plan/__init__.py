"""The checked plan: models, YAML sources, loading, validation, releases, statistics and texts."""
