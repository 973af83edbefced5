"""Catalog database: models, building, search and data-quality flags."""
