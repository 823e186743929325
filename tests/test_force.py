"""Force: every clause obliges, forbids, permits or informs, and a list item keeps its lead-in's polarity."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.force import clause, force

from generator.corpus import load_corpus
from generator.export import clause_records
from generator.model import FORCES, MODALITIES, lead_in_sentence
from generator.tagging.modality import classify_modality, force_of, modal_of
from generator.tagging.statements import first_sentence

ROOT = Path(__file__).resolve().parents[1]




@pytest.mark.parametrize("lead", [
    "Staff must not:", "Don't", "I will not:", "Unacceptable use includes:", "The following are forbidden:",
    "You should avoid:", "Users are not permitted to:", "Examples of misuse include:",
    "Online activities which are not permitted include:", "They should not:", "Forbidden:",
])
def test_a_bare_item_under_a_negative_lead_in_is_a_prohibition(lead: str) -> None:
    assert force("accept friendship requests from pupils", lead) == "prohibition"
    assert force("Using social media to raise issues that should be raised via appropriate channels", lead) == "prohibition"


@pytest.mark.parametrize("heading", ["Don't", "Don'ts", "Unacceptable use", "Prohibited activities", "Forbidden"])
def test_a_bare_item_under_a_negative_caption_heading_is_a_prohibition(heading: str) -> None:
    assert force("use personal or school mobile telephones when driving", headings=["E-mail", heading]) == "prohibition"


@pytest.mark.parametrize("text,expected", [
    ("It is not acceptable to share passwords.", "prohibition"),
    ("Never open attachments from strangers.", "prohibition"),
    ("No member of staff may use a personal phone to photograph pupils.", "prohibition"),
    ("Use of the internet for gambling is forbidden.", "prohibition"),
    ("Staff are not permitted to use their own cameras.", "prohibition"),
    ("I will not install software without permission.", "prohibition"),
    ("Any breach of this policy may lead to disciplinary action.", "statement"),
    ("Staff should lock their screens.", "obligation"),
    ("Staff should not give pupils their mobile number.", "prohibition"),
    ("Staff may use the internet at lunchtime.", "permission"),
    ("Staff are allowed to make reasonable use of social media.", "permission"),
    ("Photographs may only be taken with school cameras.", "obligation"),
    ("I will report any concerns to the headteacher.", "obligation"),
    ("The internet is a valuable resource for learning.", "statement"),
])
def test_a_clause_has_the_force_its_words_give_it(text: str, expected: str) -> None:
    assert force(text) == expected


def test_an_item_that_says_otherwise_overrides_its_lead_in() -> None:
    assert force("Staff may use the staff room phone at lunchtime.", "Staff must not:") == "permission"
    assert force("Must not post images that are offensive.", "Any communication must:") == "prohibition"


def test_an_item_under_a_first_person_pledge_not_to_is_will_not() -> None:
    lead = clause("l", "As a member of staff I undertake:", kind="lead-in")
    item = clause("a", "Not to disclose any password to anyone.", parent="l")
    assert classify_modality(item, lead, []) == "will-not"
    assert classify_modality(clause("b", "access social networking sites at school", parent="l"),
                             clause("l", "I will not:", kind="lead-in"), []) == "will-not"


def test_every_i_will_not_clause_of_the_shipped_corpus_is_a_prohibition() -> None:
    """A pledge not to ("I will not ...", "... and I will not ...", an item under "I will not:") forbids, wherever
    in its first sentence it stands."""
    pledge_not = re.compile(r"\bI (?:will not|won'?t|will never|shall not)\b")
    found = 0
    for doc in load_corpus(ROOT / "corpus"):
        lead_ins = doc.lead_ins()
        for c in doc.clauses:
            lead = lead_ins.get(c.id)
            under = lead is not None and pledge_not.search(lead_in_sentence(lead.text)) and not modal_of(c.text)
            if pledge_not.search(first_sentence(c.text)) or under:
                found += 1
                assert (c.modality, c.force) == ("will-not", "prohibition"), (doc.id, c.text)
    assert found >= 7


def test_every_exported_clause_has_a_force_and_a_modality_and_its_lead_in() -> None:
    records = [r for doc in load_corpus(ROOT / "corpus") for r in clause_records(doc)]
    assert all(r["modality"] in MODALITIES and r["force"] in FORCES for r in records)
    items = [r for r in records if r["text"] == "use personal or school mobile telephones when driving"]
    assert items and items[0]["force"] == "prohibition"
    under = [r for r in records if r["lead_in"] == "Don't:"]
    assert under and all(r["force"] == "prohibition" and r["lead_in_id"] for r in under)


@pytest.mark.parametrize("lead,item,expected", [
    ("I agree that I will not:", "share my password", "will-not"),
    ("I agree that I will:", "keep my password safe", "will"),
    ("Staff must:", "not share passwords", "must-not"),
    ("You must:", "lock your screen when you leave it", "must"),
    ("Acceptable use includes:", "Storing business data", "may"),
])
def test_an_item_reads_with_its_lead_in(lead: str, item: str, expected: str) -> None:
    parent = clause("l", lead, kind="lead-in")
    assert classify_modality(clause("a", item, parent="l"), parent, []) == expected


@pytest.mark.parametrize("heading,text,expected", [
    ("Cyberbullying and abuse", "Cyberbullying is the use of technology to upset someone.", "statement"),
    ("Misuse of ICT", "Publishing offensive material", "statement"),
    ("Unacceptable use", "Downloading software", "prohibition"),
])
def test_only_a_caption_heading_gives_bare_items_its_polarity(heading: str, text: str, expected: str) -> None:
    assert force(text, headings=[heading]) == expected


@pytest.mark.parametrize(("text", "lead", "expected"), [
    ("To always seek permission before using material. If in doubt, I will not use it.", "I agree:", "obligation"),
    ("To be polite and never to use strong language.", "I agree:", "obligation"),
    ("Be polite to others. Offensive language is prohibited.", None, "obligation"),
    ("Respect, and do not attempt to bypass, security in place on the computers.", None, "prohibition"),
    ("All visitors will also be requested to place their phones in handbags.", None, "obligation"),
    ("Personal calls should be avoided during working hours.", None, "prohibition"),
    ("I understand that I am only to use services provided by the district.", None, "obligation"),
    ("I understand the policy and agree to abide by it.", None, "obligation"),
    ("If there is anything you are unsure about, please see the ICT Coordinator.", None, "obligation"),
    ("For detailed explanations please see the School Safeguarding Policy.", None, "statement"),
    ("Employees learning of a breach should notify their manager.", None, "obligation"),
    ("We reserve the right to monitor e-mail to ensure no messages are ignored.", None, "statement"),
    ("As part of our assessment process we do take photographs. Staff never use personal phones.", None, "statement"),
    ("The college has the opportunity to transform education. We must ensure children are safe.", None, "statement"),
])
def test_the_first_rule_of_a_clause_decides_its_force(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize(("text", "lead", "expected"), [
    # introductions, missions and likely consequences state; their later sentences do not make them rules
    ("Technology plays an important role in education. This agreement sets out expectations for all users. "
     "All users must sign it.", None, "statement"),
    ("The internet offers many opportunities for learning. However, it also brings risks. Pupils must follow "
     "these rules.", None, "statement"),
    ("At Mombasa Academy, we strive for excellence so that every learner can thrive. Pupils must be kind.", None, "statement"),
    ("The Trust provides staff with devices. Staff must return them on leaving.", None, "obligation"),
    ("Breaches of this policy are likely to be treated as misconduct.", None, "statement"),
    ("Any of the above activities will be reported. Staff should ask if unsure.", "Staff must not:", "statement"),
    ("Students who violate this policy may lose their network privileges.", None, "statement"),
    # a modal in a relative, purpose or trailing subordinate clause does not decide
    ("There are risks that staff must be aware of when using social media.", None, "statement"),
    ("put apps on school laptops even when it is to be used at home", "Don't:", "prohibition"),
    ("Joining chat rooms unless there is a business need to do so", "Unacceptable uses include:", "prohibition"),
    ("Staff who need to use a mobile phone when off site must use a school phone.", None, "obligation"),
    ("If staff post about their work (for example in a blog) where appropriate they should add a disclaimer, "
     "such as \"my own views\".", None, "obligation"),
    # who may use what, rights, questions, restrictions
    ("Internet access - all pupils in Key Stage 2, under supervision.", None, "permission"),
    ("All users should have an entitlement to safe access to the internet.", None, "statement"),
    ("Can I use my phone at break time?", None, "statement"),
    ("What should I do if I see something upsetting online? Tell a trusted adult.", None, "obligation"),
    ("Email is for school business only.", None, "obligation"),
    ("Staff will ensure that pupils are supervised when online.", None, "obligation"),
    ("It is important for staff to be aware that all emails may be monitored.", None, "statement"),
    ("Any interception of private communications will not take place without approval.", None, "statement"),
    # items: aims under a purpose lead-in, and a sentence of its own after a list
    ("The school will try to give staff good access to technology.", "This policy is intended to ensure that:", "statement"),
    ("A copy will be made and returned to you.", "Not to give the addresses of:", "statement"),
])
def test_descriptions_inform_and_rules_hidden_in_descriptions_do_not_decide(text: str, lead: str | None,
                                                                           expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize(("text", "lead", "expected"), [
    # how a US district, a UK trust or a Kenyan academy words the same rules
    ("Users are prohibited from accessing inappropriate sites.", None, "prohibition"),
    ("Students shall not use another person's account.", None, "prohibition"),
    ("Learners are not allowed to bring phones to class.", None, "prohibition"),
    ("Learners should desist from sharing passwords.", None, "prohibition"),
    ("Refrain from using personal devices in class.", None, "prohibition"),
    ("Cyberbullying will not be tolerated.", None, "prohibition"),
    ("No student may use a phone during examinations.", None, "prohibition"),
    ("The use of the district network is a privilege, not a right.", None, "statement"),
    ("Inappropriate use will result in cancellation of those privileges.", None, "statement"),
    ("BPS reserves the right to inspect devices.", None, "statement"),
    ("Students are responsible for good behavior on school computer networks.", None, "obligation"),
    ("Students may access the internet only under teacher supervision.", None, "obligation"),
    ("You can use the Wi-Fi for homework.", None, "permission"),
    ("Using someone else's password", "Prohibited uses include, but are not limited to:", "prohibition"),
    ("research for school assignments", "Acceptable use includes:", "permission"),
    ("share my password", "I will never:", "prohibition"),
    ("tell a teacher", "If I see something that upsets me I will:", "obligation"),
    ("Golden Rule - I will act as I expect others to act toward me.", None, "obligation"),
    ("I will respect others' work and will not change their files.", None, "prohibition"),
    ("I use my own devices in school (when allowed)", "I agree to follow these guidelines when:", "statement"),
    ("I understand that data protection law requires that pupil data is kept private.", None, "obligation"),
])
def test_unseen_wordings_of_the_four_forces(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected


def test_an_item_of_a_nested_list_without_polarity_takes_the_outer_lead_ins() -> None:
    outer = clause("u", "Unacceptable:", kind="lead-in")
    inner = clause("g", "Using email for personal messages in the working day. As a general guide:", parent="u")
    assert force_of(classify_modality(clause("a", "five non-business e-mails per day", parent="g"), inner, [], outer)) \
        == "prohibition"


def test_a_lower_case_item_after_a_sibling_ending_in_a_colon_is_that_siblings_item() -> None:
    from generator.model import continues_list

    first = clause("n", "Not to give the personal addresses of:", parent="l")
    assert continues_list(first, clause("a", "any teachers or pupils of the school.", parent="l"))
    assert not continues_list(first, clause("b", "Not to download copyright material.", parent="l"))
    assert not continues_list(clause("m", "Not to share passwords.", parent="l"), clause("c", "any teachers", parent="l"))


@pytest.mark.parametrize(("text", "lead", "expected"), [
    # a whole online safety policy: roles, procedures, the law
    ("receives reports of online safety incidents and keeps a log", "Online safety Coordinator:", "obligation"),
    ("the production and review of the filtering policy", "Members of the group will assist the coordinator with:", "obligation"),
    ("There are clear data protection clauses in all contracts", "The school must ensure that:", "obligation"),
    ("Curriculum activities", "The school will therefore seek to inform parents through:", "statement"),
    ("Parents are welcome to take photographs of their own children at school events.", None, "permission"),
    ("Authorised staff have the power to search for electronic devices.", None, "permission"),
    ("The school has the right to take action against pupils for incidents out of school.", None, "statement"),
    ("Sending a grossly offensive message by means of the internet is an offence.", None, "prohibition"),
    ("Examples of log sheets may be found later in this document.", None, "statement"),
])
def test_roles_procedures_and_the_law(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected
