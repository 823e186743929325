"""The built site: byte-identical from the same corpus, atomic when interrupted, a strict CSP on every page."""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.build import build_site
from generator.site.csp import apply_csp, policy_for

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "corpus"


def _project(root: Path) -> Path:
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "guide", root / "docs" / "guide")
    return root / "mkdocs.yml"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith("sitemap.xml") and p.relative_to(folder).parts[:2] != ("pagefind", "filter")
            and not p.name.startswith("pagefind.en_") and p.name != "pagefind-entry.json"}


def _filters(site: Path) -> list[list[int]]:
    """Pagefind's filter chunks, each as its sorted decompressed bytes: Pagefind writes a filter's values in
    hash-map order, so these chunks (and the entry files that name them by hash) differ in order only."""
    return sorted(sorted(gzip.decompress(p.read_bytes())) for p in (site / "pagefind" / "filter").iterdir())


def test_the_same_corpus_builds_byte_identical_docs_and_site(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    first, second = _project(tmp_path / "a"), _project(tmp_path / "b")
    build_site(SHIPPED, first)
    # the second build runs in another process with another hash seed: no output may depend on set order
    env = {**os.environ, "PYTHONHASHSEED": "12345", "AUP_BUILD_DATE": "2025-01-15"}
    subprocess.run([sys.executable, "-m", "generator", "build", "--corpus", str(SHIPPED), "--config", str(second)],
                   check=True, env=env, capture_output=True)
    docs_a, docs_b = _tree(tmp_path / "a" / "docs"), _tree(tmp_path / "b" / "docs")
    site_a, site_b = _tree(tmp_path / "a" / "site"), _tree(tmp_path / "b" / "site")
    assert docs_a.keys() == docs_b.keys() and site_a.keys() == site_b.keys()
    assert [k for k in docs_a if docs_a[k] != docs_b[k]] == []
    assert [k for k in site_a if site_a[k] != site_b[k]] == []
    assert _filters(tmp_path / "a" / "site") == _filters(tmp_path / "b" / "site")


def test_an_interrupted_build_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    config = _project(tmp_path / "p")
    build_site(SHIPPED, config)
    before = _tree(tmp_path / "p" / "site")

    def interrupted(cfg, *args, **kwargs):
        out = Path(cfg["site_dir"])
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("half a site")
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.site.build.build_in_two", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(SHIPPED, config)
    assert _tree(tmp_path / "p" / "site") == before
    assert [p.name for p in (tmp_path / "p").iterdir() if p.name.startswith(".site")] == []


def test_every_page_carries_a_strict_policy_allowing_only_its_own_scripts(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    build_site(SHIPPED, _project(tmp_path / "p"))
    pages = sorted((tmp_path / "p" / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert len(tags) == 1, page
        assert "default-src 'self'" in tags[0] and "'unsafe-inline'" not in tags[0].split("style-src")[0]
        assert "object-src 'none'" in tags[0]


def test_a_script_added_after_the_build_is_not_allowed():
    page = "<html><head><title>x</title></head><body><script>ok()</script></body></html>"
    policy = policy_for(page)
    injected = apply_csp(page).replace("<body>", "<body><script>alert(1)</script>")
    assert policy_for(injected) != policy  # the injected script's hash is not in the page's policy
    assert apply_csp(apply_csp(page)).count("Content-Security-Policy") == 1


def test_the_policy_allows_webassembly_for_the_search_and_no_eval():
    script_src = policy_for("<html><head></head><body></body></html>").split("script-src ")[1].split(";")[0].split()
    assert "'wasm-unsafe-eval'" in script_src  # Pagefind's WebAssembly, and nothing else that eval would allow
    assert "'unsafe-eval'" not in script_src and "'unsafe-inline'" not in script_src


@pytest.mark.parametrize("plugins", [None, ["search"], [{"search": {"lang": "en"}}], ["material/search", "tags"]])
def test_a_configuration_with_the_themes_lunr_search_is_refused_with_the_fix(tmp_path, plugins):
    from generator.errors import ConfigError
    from generator.site.search import check_no_lunr

    settings = {} if plugins is None else {"plugins": plugins}
    with pytest.raises(ConfigError, match=r"plugins: \[\]"):
        check_no_lunr(settings, tmp_path / "mkdocs.yml")
    check_no_lunr({"plugins": []}, tmp_path / "mkdocs.yml")
    check_no_lunr({"plugins": ["tags"]}, tmp_path / "mkdocs.yml")


def test_a_configuration_without_the_site_scripts_in_order_is_refused_with_the_fix(tmp_path):
    from generator.errors import ConfigError
    from generator.project import mkdocs_config
    from generator.site.build import check_assets_listed, read_config

    (tmp_path / "new.yml").write_text(mkdocs_config("A school"), encoding="utf-8")
    check_assets_listed(read_config(tmp_path / "new.yml"), tmp_path / "new.yml")  # `aup new`'s passes
    shipped = read_config(Path("mkdocs.yml"))
    check_assets_listed(shipped, tmp_path / "mkdocs.yml")
    old = {**shipped, "extra_javascript": ["assets/aup/atlas.js", "assets/aup/search.js"]}  # made before dom.js
    with pytest.raises(ConfigError, match=r"does not load assets/aup/dom\.js.*dom\.js, assets/aup/atlas\.js"):
        check_assets_listed(old, tmp_path / "mkdocs.yml")
    late = {**shipped, "extra_javascript": ["assets/aup/atlas.js", {"path": "assets/aup/dom.js"}, "assets/aup/search.js"]}
    with pytest.raises(ConfigError, match="in order"):
        check_assets_listed(late, tmp_path / "mkdocs.yml")
    with pytest.raises(ConfigError, match="atlas.css"):
        check_assets_listed({**shipped, "extra_css": []}, tmp_path / "mkdocs.yml")
