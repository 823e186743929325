"""The coverage-by-rule page (generator/site/rules.py): rules as rows, schools as columns, gaps visible."""
from __future__ import annotations

import re
from datetime import date

from generator.families import families_from_documents
from generator.model import Clause, Document, Metadata, Source, Span
from generator.site.data import SiteData, Topic
from generator.site.paths import rule_coverage_path
from generator.site.rules import rule_coverage_page
from generator.site.topics import topic_page

PAYLOAD = "<script>alert(1)</script> {{ 7*7 }}"


def doc(doc_id: str, *clauses: tuple[str, str | None]) -> Document:
    """A document whose clauses are (text, family id) on the topic "phones"."""
    made = [Clause(f"{i:08x}", text, Span(i + 1, i + 1), topics=["phones"], family=family, modality="must-not")
            for i, (text, family) in enumerate(clauses)]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=made)


def site(docs: list[Document]) -> SiteData:
    return SiteData(docs, [Topic("phones", "Phones")], families_from_documents(docs, min_members=2), date(2026, 1, 1))


def test_a_rule_row_marks_the_schools_stating_it_and_shows_a_gap_for_the_others() -> None:
    docs = [doc("a", ("Phones must not be used in class " + PAYLOAD, "a-00000000"), ("Phones stay in lockers", "a-00000001")),
            doc("b", ("Do not use phones in class", "a-00000000"), ("Phones stay in the locker", "a-00000001")),
            doc("c", ("Do not use mobile phones in lessons", "a-00000000"), ("Only here: no phones on trips", None))]
    page = rule_coverage_page(site(docs), Topic("phones", "Phones"))
    rows = [line for line in page.splitlines() if line.startswith("<tr data-family")]
    assert len(rows) == 2
    assert rows[0].count('class="aup-rule-stated"') == 3 and "3 of 3" in rows[0]  # most widely stated first
    assert rows[1].count('class="aup-rule-stated"') == 2 and rows[1].count('class="aup-rule-gap"') == 1
    assert "✓ must not" in rows[0]
    assert "<script>" not in page and "&lt;script&gt;" in page
    only = next(line for line in page.splitlines() if "aup-rule-only" in line)
    assert only.count("<td") == 4 and '<td data-doc="c">1</td>' in only


def test_a_topic_without_shared_rules_says_so() -> None:
    docs = [doc("a", ("Phones must not be used in class", None)), doc("b", ("Phones stay in lockers", None))]
    page = rule_coverage_page(site(docs), Topic("phones", "Phones"))
    assert "No rule on this topic is stated by two schools yet" in page
    assert rule_coverage_path("phones") == "rules/phones.md"


def _listed(doc_id: str, lead: str, item: str, family: str, topics: list[str]) -> Document:
    """A document with a lead-in ("...:") and one item under it, the item in the given family and topics."""
    clauses = [Clause("00000000", lead, Span(1, 1), topics=list(topics), modality="must-not"),
               Clause("00000001", item, Span(2, 2), parent="00000000", level=1, topics=list(topics), family=family,
                      modality="must-not")]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


def test_a_rule_row_and_its_marks_print_a_list_item_under_its_lead_in_as_the_topic_page_does() -> None:
    docs = [_listed("a", "Staff must not use school accounts to:", "post comments that bring the school into disrepute;",
                    "a-00000001", ["phones"]),
            _listed("b", "The following is prohibited:", "posting comments that bring the school into disrepute;",
                    "a-00000001", ["phones"])]
    data = site(docs)
    row = next(line for line in rule_coverage_page(data, Topic("phones", "Phones")).splitlines()
               if line.startswith("<tr data-family"))
    assert '<span class="aup-lead-in" data-pagefind-ignore>Staff must not use school accounts to:</span>' in row
    assert 'title="The following is prohibited: posting comments' in row
    topic_row = next(line for line in topic_page(data, Topic("phones", "Phones")).splitlines()
                     if line.startswith("<tr data-family"))
    assert row.split('<span class="aup-text">')[0].split("</span> ", 1)[1] in topic_row  # the same lead-in markup


def test_a_family_member_on_another_topic_is_not_counted_on_this_one_but_shown_as_stated_there() -> None:
    docs = [doc("a", ("Phones must not be used in class", "a-00000000")),
            doc("b", ("Do not use phones in class", "a-00000000")),
            doc("c", ("Do not use mobile phones in lessons", "a-00000000"), ("No phones on trips " + PAYLOAD, None))]
    docs[2].clauses[0].topics = ["behaviour"]  # "c" states the rule under another topic
    docs.append(doc("d", ("Phones stay in lockers", "d-00000000")))
    docs.append(doc("e", ("Lockers hold phones", "d-00000000")))
    docs[4].clauses[0].topics = ["behaviour"]
    data = SiteData(docs, [Topic("phones", "Phones"), Topic("behaviour", "Behaviour <b>")],
                    families_from_documents(docs, min_members=2), date(2026, 1, 1))
    page = rule_coverage_page(data, Topic("phones", "Phones"))
    rows = [line for line in page.splitlines() if line.startswith("<tr data-family")]
    assert len(rows) == 1 and rows[0].count('class="aup-rule-stated"') == 2
    assert "2 of 4, and 1 under another topic" in rows[0]  # the count is of marks on this topic; the rest are named
    assert '<td class="aup-rule-elsewhere" data-doc="c">' in rows[0] and "under Behaviour &lt;b&gt;" in rows[0]
    assert '<td class="aup-rule-gap" data-doc="c">' not in rows[0]  # "c" states the rule: no dash
    assert '<td class="aup-rule-gap" data-doc="d">' in rows[0]  # "d" does not: a dash
    only = next(line for line in page.splitlines() if "aup-rule-only" in line)
    assert '<td data-doc="d">1</td>' in only  # the one school stating "d"'s rule on phones: only there on this topic
    topic = topic_page(data, Topic("phones", "Phones"))
    topic_rows = [line for line in topic.splitlines() if line.startswith("<tr data-family")]
    assert len(topic_rows) == 1 and "2 documents (and 1 under another topic)" in topic_rows[0]
    cell = topic_rows[0].split('<td data-doc="c">')[1].split("</td>")[0]
    assert "Do not use mobile phones in lessons" in " ".join(re.sub("<[^>]+>", "", cell).split())  # its wording, not a gap
    assert 'class="aup-under"' in cell and 'href="../behaviour/"' in cell and "Behaviour &lt;b&gt;" in cell
    assert 'data-aup-add="d#00000000"' in topic


def test_a_school_saying_nothing_on_a_rule_still_shows_a_gap() -> None:
    docs = [doc("a", ("Phones must not be used in class", "a-00000000")),
            doc("b", ("Do not use phones in class", "a-00000000")),
            doc("c", ("No phones on trips", None))]
    data = site(docs)
    row = next(line for line in topic_page(data, Topic("phones", "Phones")).splitlines() if line.startswith("<tr data-family"))
    assert '<td data-doc="c"><span class="aup-gap">—</span></td>' in row and "aup-under" not in row
