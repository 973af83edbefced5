"""Bundled data (catalog sources, curation, drug table, fonts, icons) and the path helper."""
