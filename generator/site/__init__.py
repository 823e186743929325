"""The comparison site: plan pages from the corpus, write them under docs/, render with mkdocs."""
