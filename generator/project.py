"""``aup new``: a fresh project a school or local authority can start from."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .corpus import write_atomic
from .errors import ConfigError

MKDOCS_YML = """\
site_name: {name}
site_description: Acceptable Use Policies compared side by side, built with AUP Atlas.
docs_dir: docs
site_dir: site
strict: true
theme:
  name: material
  font: false  # no web fonts from Google: the site works offline and loads nothing from third parties
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.indexes
    - navigation.top
    - search.highlight
    - search.suggest
    - content.code.copy
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
plugins:
  - search
markdown_extensions:
  - attr_list
  - tables
  - admonition
  - toc:
      permalink: true
extra_css:
  - assets/aup/atlas.css
extra_javascript:
  - assets/aup/atlas.js
# Only the index pages are in the navigation: Material renders the whole nav into every page, so listing
# every generated page would make the build quadratic in the number of documents.
nav:
  - Home: index.md
  - Topics: topics/index.md
  - Documents: documents/index.md
  - Compare: compare/index.md
  - Build a policy: builder/index.md
  - Guide:
    - guide/index.md
    - guide/adding-policies.md
    - guide/topics-and-overrides.md
    - guide/tailoring.md
    - guide/declarations.md
not_in_nav: |
  /documents/*.md
  /topics/*.md
  /coverage/*.md
  /review/*.md
"""

#: The hand-written guide every new project starts with (the same pages as this project's docs/guide/).
GUIDE_PAGES = ("index.md", "adding-policies.md", "topics-and-overrides.md", "tailoring.md", "declarations.md")

#: What ``aup build`` regenerates, so it stays out of version control.
GENERATED_IGNORES = ("/site/", "/docs/index.md", "/docs/documents/", "/docs/topics/", "/docs/compare/",
                     "/docs/declarations/", "/docs/builder/", "/docs/coverage/", "/docs/review/", "/docs/assets/aup/")
GITIGNORE = "".join(f"{line}\n" for line in (*GENERATED_IGNORES, "__pycache__/"))


def new_project(directory: Path, name: str = "AUP Atlas") -> list[Path]:
    """Create mkdocs.yml, the guide under docs/guide/ and corpus/sources/ in a new folder; return what was made."""
    directory = Path(directory)
    config = directory / "mkdocs.yml"
    if config.exists():
        raise ConfigError("a project already exists here (mkdocs.yml found); choose a new folder", config)
    files: dict[Path, str | bytes] = {config: MKDOCS_YML.format(name=name), directory / ".gitignore": GITIGNORE}
    for page in GUIDE_PAGES:
        files[directory / "docs" / "guide" / page] = (resources.files("generator.site") / "guide" / page).read_bytes()
    created = []
    for path, text in files.items():
        if not path.exists():
            write_atomic(path, text)
            created.append(path)
    sources = directory / "corpus" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    created.append(sources)
    return created
