"""``aup new``: a fresh project a school or local authority can start from."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .site.paths import GENERATED_IGNORES, NOT_IN_NAV
from .writer import write_atomic

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
# No `search` plugin: the theme's lunr index is replaced by Pagefind's, which `aup build` makes after mkdocs
# (assets/aup/search.js is the search box). mkdocs adds `search` when no plugins are listed, hence the [].
plugins: []
markdown_extensions:
  - attr_list
  - tables
  - admonition
  - toc:
      permalink: true
extra_css:
  - assets/aup/atlas.css
extra_javascript:
  - assets/aup/dom.js
  - assets/aup/atlas.js
  - assets/aup/search.js
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
    - guide/accessibility.md
not_in_nav: |
{not_in_nav}"""

#: The hand-written guide every new project starts with (the same pages as this project's docs/guide/).
GUIDE_PAGES = ("index.md", "adding-policies.md", "topics-and-overrides.md", "tailoring.md", "declarations.md", "accessibility.md")

GITIGNORE = "".join(f"{line}\n" for line in (*GENERATED_IGNORES, "__pycache__/", "/corpus/.lock", "/corpus/.journal.json"))


def mkdocs_config(name: str) -> str:
    """The mkdocs.yml of a new project; its ``not_in_nav`` comes from :data:`generator.site.paths.NOT_IN_NAV`."""
    return MKDOCS_YML.format(name=name, not_in_nav="".join(f"  {pattern}\n" for pattern in NOT_IN_NAV))


def new_project(directory: Path, name: str = "AUP Atlas") -> list[Path]:
    """Create mkdocs.yml, the guide under docs/guide/ and corpus/sources/ in a new folder; return what was made."""
    directory = Path(directory)
    config = directory / "mkdocs.yml"
    if config.exists():
        raise ConfigError("a project already exists here (mkdocs.yml found); choose a new folder", config)
    files: dict[Path, str | bytes] = {config: mkdocs_config(name), directory / ".gitignore": GITIGNORE}
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
