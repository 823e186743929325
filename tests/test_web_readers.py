"""HTML, Markdown and reStructuredText readers: structure from the markup, the same guarantees as txt."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.corpus import account
from generator.errors import ReadError
from generator.readers import read_document
from generator.segment import segment


def ingest_text(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, f"sources/{name}")
    assert account(doc, source.units) == []
    return doc


PAGE = """<!DOCTYPE html><html><head><title>Oak Primary AUP</title><style>p {color: red}</style>
<script>alert("not policy text")</script></head><body>
<header><a href="/">Home</a> | <a href="/about">About</a></header>
<nav><ul><li>Menu item one</li><li>Menu item two</li></ul></nav>
<main>
<h1>Staff Acceptable Use Policy</h1>
<p>Approved by: Governing Body</p>
<h2>Passwords &amp; accounts</h2>
<p>Staff must keep their passwords
   private &ndash; always.</p>
<p>They should not:</p>
<ul><li>share a log-on;</li><li>write passwords down.<ul><li>not even on a sticky note</li></ul></li></ul>
<ol type="a"><li>First lettered rule.</li><li>Second lettered rule.</li></ol>
<ol start="3"><li>Third numbered rule.</li></ol>
<table><tr><td>Review date</td><td>September 2025</td></tr></table>
<p>I have read and agree to follow this policy.</p>
</main>
<footer>&copy; Oak Primary 2024 <a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_reads_headings_lists_and_paragraphs_and_drops_the_chrome(tmp_path):
    doc = ingest_text(tmp_path, "oak.html", PAGE)
    texts = [c.text for c in doc.clauses]
    assert texts == ["Staff must keep their passwords private \u2013 always.", "They should not:", "share a log-on;",
                     "write passwords down.", "not even on a sticky note", "First lettered rule.", "Second lettered rule.",
                     "Third numbered rule.", "I have read and agree to follow this policy."]
    assert [c.label for c in doc.clauses][2:8] == ["\u2022", "\u2022", "\u2022", "a.", "b.", "3."]
    assert doc.clauses[4].parent == doc.clauses[3].id
    assert doc.metadata.title == "Staff Acceptable Use Policy"
    assert doc.metadata.approved_by == "Governing Body" and doc.metadata.review == "September 2025"
    assert [s.title for s in doc.sections] == ["Passwords & accounts"]
    everything = " ".join(texts)
    assert "alert" not in everything and "Menu item" not in everything and "Privacy" not in everything


def test_html_with_only_navigation_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    with pytest.raises(ReadError, match="no text"):
        read_document(path)


def test_markdown_front_matter_becomes_metadata(tmp_path):
    doc = ingest_text(tmp_path, "oak.md", "---\ntitle: Oak Primary Acceptable Use Policy\nschool: Oak Primary School\n"
                                          "review: July 2026\nrelated policies:\n  - Safeguarding\n  - Behaviour\n---\n\n"
                                          "# Email\n\n- Staff must use school email only.\n\n```\ncode is not policy\n```\n")
    assert doc.metadata.school == "Oak Primary School" and doc.metadata.review == "July 2026"
    assert doc.metadata.related_policies == ["Safeguarding", "Behaviour"]
    assert [c.text for c in doc.clauses] == ["Staff must use school email only."]
    assert {d.reason for d in doc.dropped} == {"front matter delimiter", "code fence", "code block"}


def test_markdown_with_broken_front_matter_names_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText.\n")
    with pytest.raises(ReadError, match=r"bad\.md:\d+: front matter is not valid YAML"):
        read_document(path)


RST = """\
=================================
Staff Acceptable Use Policy
=================================

:Author: Jo Bloggs
:Review date: March 2026

.. include:: shared/header.rst

Passwords
=========

- Staff must keep passwords private.
- Staff must lock screens.

Mobile phones
-------------

#. Phones stay in lockers.

.. note::

   Staff may use phones in the staffroom.

.. image:: logo.png
   :alt: logo

.. a comment that is not policy text
"""


def test_rst_adornments_fields_and_directives_are_understood(tmp_path):
    doc = ingest_text(tmp_path, "oak.rst", RST)
    assert doc.metadata.title == "Staff Acceptable Use Policy"
    assert doc.metadata.author == "Jo Bloggs" and doc.metadata.review == "March 2026"
    assert [(s.title, s.level) for s in doc.sections] == [("Passwords", 2), ("Mobile phones", 3)]
    assert [c.text for c in doc.clauses] == ["Staff must keep passwords private.", "Staff must lock screens.",
                                           "Phones stay in lockers.", "Staff may use phones in the staffroom."]
    reasons = [d.reason for d in doc.dropped]
    assert "directive include shared/header.rst (not followed)" in reasons
    assert "comment" in reasons and "directive content" in reasons


SERVER_PAGE = """<?php
$path = ""; include($path."classes/settings.php"); if ($a -> b) { echo "x"; }
?>
<!DOCTYPE html>
<html lang="en">
<?php $title = "Computer Use Policy"; include($path."includes.php"); ?>
<body class="nav-md footer_fixed">
<div class="main_container"><?php include($path."leftheader.php"); ?>
<div class="right_col" role="main">
<h3><?php echo $title; ?></h3>
<p><strong>Equipment</strong></p>
<p>Do not install programs on the computers without permission.</p>
<p>Do not eat or drink near computer equipment.</p>
</div></div></body></html>"""

TEMPLATE_BODY = """<?php
/* Template Name: Venue Hire AUP */
get_header(); ?>
    <div class="content-section-a"><div class="container">
        <?php get_template_part( 'template-parts/region', 'header' );?>
        <div class="row"><div class="col-sm-10">
            <h2>Acceptable Use Policy - Community Users</h2>
            <p>I will not share my username or password.</p>
            <ul><li>I will report any damage.</li></ul>
        </div></div>
    </div></div>
<?php get_footer();"""


@pytest.mark.parametrize("name,text", [("policy.php", SERVER_PAGE), ("venue-hire.php", TEMPLATE_BODY),
                                       ("page.aspx", PAGE), ("saved-page", PAGE)])
def test_a_web_page_under_another_extension_is_read_as_html_without_its_server_code(tmp_path, name, text):
    doc = ingest_text(tmp_path, name, text)
    everything = " ".join(c.text for c in doc.clauses)
    assert "install programs" in everything or "share my username" in everything or "passwords" in everything
    assert "<?" not in everything and "include(" not in everything and "get_header" not in everything


def test_a_body_classed_for_its_theme_is_not_navigation(tmp_path):
    doc = ingest_text(tmp_path, "oak.html",
                      "<html><body class='nav-md'><div role='main'><p>Staff must lock their screens.</p></div></body></html>")
    assert [c.text for c in doc.clauses] == ["Staff must lock their screens."]


def test_a_word_file_under_the_wrong_extension_is_read_for_what_it_is(tmp_path):
    from docx_builders import new_document, save

    doc = new_document()
    doc.add_paragraph("Staff must lock their screens.")
    save(doc, tmp_path / "policy.docx")
    (tmp_path / "renamed.doc").write_bytes((tmp_path / "policy.docx").read_bytes())
    doc = segment(read_document(tmp_path / "renamed.doc"), "d", "0" * 64, "sources/renamed.doc")
    assert [c.text for c in doc.clauses] == ["Staff must lock their screens."]
    (tmp_path / "notes.xyz").write_text("just some words")
    with pytest.raises(ReadError, match="unknown file type '.xyz'"):
        read_document(tmp_path / "notes.xyz")
