"""Tagger behaviour that keeps it general: context that does not over-reach, phrases counted once, consequence
clauses that set no permission, and everyday UK school vocabulary."""
from __future__ import annotations

import pytest

from generator.model import Clause, Document, Field, Metadata, Section, Source, Span
from generator.tagging.audience import audiences_in
from generator.tagging.modality import classify_modality, modal_of
from generator.tagging.tagger import tag_document, term_hits
from generator.tagging.taxonomy import DEFAULT_TAXONOMY, load_taxonomy_file


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy_file(DEFAULT_TAXONOMY)


def clause(cid: str, text: str, **kw) -> Clause:
    return Clause(id=cid, text=text, span=Span(1, 1), **kw)


def doc(clauses, title="Staff AUP", audiences=None, sections=None, signatures=None) -> Document:
    return Document("oak", Source("sources/oak.txt", "0" * 64, "txt", "line"),
                    Metadata(title=title, audiences=audiences or ["staff"]), sections=sections or [],
                    clauses=clauses, signatures=signatures or [])


def test_a_whole_school_policy_with_staff_and_child_signature_fields_is_not_in_the_pupils_voice(taxonomy) -> None:
    sigs = [Field("Staff / Volunteer Name", "", Span(9, 9)), Field("Signed (child)", "", Span(10, 10))]
    d = doc([clause("a", "I will not install any software on school laptops.")], title="Online Safety",
            audiences=["staff", "governors"], sections=[Section("s", "Policy", 1, Span(1, 1))], signatures=sigs)
    c = tag_document(d, taxonomy).clauses[0]
    assert c.audience != ["pupils"]
    assert "pupil-online-safety" not in c.topics


def test_a_phrase_is_counted_once_not_again_as_its_words(taxonomy) -> None:
    hits = term_hits("Mobile phones must be switched off.", taxonomy, "text", 1.0)["mobile-devices"]
    rules = " ".join(h.rule for h in hits)
    assert "'mobile phones'" in rules and "'mobile'" not in rules and "'phones'" not in rules


def test_a_heading_does_not_add_its_topic_to_a_clause_whose_words_name_another(taxonomy) -> None:
    sections = [Section("s", "Use of personal mobile phones", 1, Span(1, 1))]
    c = clause("a", "Staff must not share their personal contact details with parents.",
               heading=["Use of personal mobile phones"], section="s")
    tagged = tag_document(doc([c], sections=sections), taxonomy).clauses[0]
    assert tagged.topics == ["contact-pupils-parents"]


def test_the_items_of_a_signed_declaration_lead_in_are_declaration(taxonomy) -> None:
    lead = clause("l", "I have read and understand the above and agree to follow these guidelines when:", kind="lead-in")
    item = clause("i", "I use the school systems and devices, both in and out of school", parent="l")
    d = doc([lead, item], title="Pupil Acceptable Use Agreement", audiences=["pupils"])
    assert tag_document(d, taxonomy).clauses[1].topics == ["declaration"]


def test_a_caption_informs_its_list_but_not_the_paragraphs_after_it() -> None:
    from generator.tagging.context import build_contexts

    lead = clause("l", "When using the school's email:", kind="lead-in", section="s")
    items = [clause("i1", "I will be polite.", parent="l", section="s"),
             clause("i2", "I will not send chain letters.", parent="l", section="s")]
    after = clause("p", "Breaking these rules may lead to disciplinary action.", section="s")
    bullet = clause("b", "I will not open unknown attachments.", label="•", section="s")
    d = doc([lead, *items, after, bullet], sections=[Section("s", "Rules", 1, Span(1, 1))])
    ctx = build_contexts(d, lambda text: False)
    assert ctx["i2"].parent is lead
    assert ctx["p"].parent is None
    assert ctx["b"].parent is lead  # a bullet the segmenter failed to link is still one of the list's items


def test_a_caption_the_segmenter_did_not_link_still_informs_the_clauses_after_it() -> None:
    from generator.tagging.context import build_contexts

    lead = clause("l", "Unacceptable use includes:", section="s")
    item = clause("i", "Sending chain letters.", section="s")
    d = doc([lead, item], sections=[Section("s", "Rules", 1, Span(1, 1))])
    assert build_contexts(d, lambda text: False)["i"].parent is lead


@pytest.mark.parametrize("text,kind", [
    ("I agree not to exceed my storage quota.", "clause"),
    ("I agree to follow the rules of this policy.", "declaration"),
    ("I have read and understood this policy.", "declaration"),
])
def test_agreeing_not_to_do_something_is_a_rule_not_a_declaration(text: str, kind: str) -> None:
    from generator.segment import DECLARATION

    assert ("declaration" if DECLARATION.search(text) else "clause") == kind


@pytest.mark.parametrize("text,expected", [
    ("Any breach of this policy may lead to disciplinary action.", ""),
    ("Misuse can result in the withdrawal of access.", ""),
    ("Such conduct may be regarded as gross misconduct.", ""),
    ("Staff must not share passwords; doing so may lead to disciplinary action.", "must-not"),
    ("Staff may use the internet at lunchtime.", "may"),
])
def test_a_may_that_states_a_consequence_is_not_a_permission(text: str, expected: str) -> None:
    assert modal_of(text) == expected


def test_a_consequence_clause_is_information() -> None:
    assert classify_modality(clause("a", "Any breach may lead to disciplinary action."), None, []) == "info"


@pytest.mark.parametrize("text,audiences", [
    ("communicate with parents and pupils outside working hours", []),
    ("follow school procedures for contacting parents and/or pupils", []),
    ("Providing false information about the school, staff or pupils", []),
    ("Staff, governors and visitors must sign the agreement", ["staff", "governors", "visitors"]),
])
def test_audience_words_in_a_list_after_a_preposition_are_objects(text: str, audiences: list[str]) -> None:
    assert audiences_in(text) == audiences


@pytest.mark.parametrize("text,topic", [
    ("Staff must not store pupil data on USB sticks unless they are encrypted.", "data-protection"),
    ("Work files may be kept in cloud storage such as OneDrive only.", "data-protection"),
    ("Never give your log-in details to anyone.", "access-accounts"),
    ("Pupils can report concerns directly to CEOP.", "reporting"),
    ("Sexting or sharing nudes is never acceptable.", "inappropriate-material"),
    ("Do not open attachments in phishing emails.", "internet-email"),
    ("Staff must not use a VPN or proxy to get around the filtering.", "internet-email"),
    ("Smart watches and fitness trackers must be removed before exams.", "mobile-devices"),
    ("Ransomware and other malware can be spread by downloads.", "software-equipment"),
    ("Only use AI tools that the school has approved.", "generative-ai"),
    ("The school uses CCTV and spot checks of devices.", "monitoring"),
    ("The head teacher may view any file or communication on the network.", "monitoring"),
    ("Taking screenshots of video calls is not allowed.", "images-recording"),
    ("I will not share my personal information with people I don't know online.", "pupil-online-safety"),
])
def test_everyday_school_wording_finds_its_topic(taxonomy, text: str, topic: str) -> None:
    assert topic in tag_document(doc([clause("a", text)]), taxonomy).clauses[0].topics


@pytest.mark.parametrize("term,text,hit", [
    ("gdpr|re:\\bDPA\\b", "under the DPA 2018", True),
    ("gdpr|re:\\bDPA\\b", "the UK GDPR", True),
    ("gdpr|re:\\bDPA\\b", "an adpa rule", False),
])
def test_one_alternative_of_a_term_may_be_a_raw_expression(term: str, text: str, hit: bool) -> None:
    from generator.tagging.taxonomy import compile_term
    assert bool(compile_term(term).search(text)) is hit


@pytest.mark.parametrize("text,names", [
    ("Read in conjunction with the Social Media, Data Protection and Communications Policies.",
     ["Social Media, Data Protection and Communications"]),
    ("This policy is to be read in conjunction with the schools GDPR policies.", ["GDPR"]),
    ("in line with the school's e-safety policy", ["e-safety"]),
    ("Staff must follow the Policy for Staff Use of Mobile Phones at all times", ["Staff Use of Mobile Phones"]),
    ("the school's policy on the use of digital images", []),
])
def test_the_names_of_other_policies_are_found(text: str, names: list[str]) -> None:
    from generator.tagging.policynames import policy_names
    assert [text[a:b].strip() for a, b in policy_names(text) if text[a:b].strip()] == names


def test_naming_another_policy_is_not_being_about_its_topic(taxonomy) -> None:
    text = "This policy should be read in conjunction with the Social Media, Data Protection and E-Safety Policies."
    c = tag_document(doc([clause("a", text)]), taxonomy).clauses[0]
    assert c.topics == ["scope-purpose"]
    # the name still counts a little, and says so
    hits = term_hits(text, taxonomy, "text", 1.0)
    assert any("(policy name)" in h.rule for h in hits["data-protection"])
    # a heading naming a policy is what its section is about
    assert "(policy name)" not in " ".join(h.rule for h in term_hits("Data Protection Policy", taxonomy, "heading", 0.4)
                                          ["data-protection"])


@pytest.mark.parametrize("text,present,absent", [
    ("All mobile phones must be switched off throughout contact time with the children.",
     "mobile-devices", "contact-pupils-parents"),
    ("Personal items should not be used during pupil contact sessions.", None, "contact-pupils-parents"),
    ("Staff must only communicate with parents and pupils through school systems.", "contact-pupils-parents", None),
    ("I will report inappropriate electronic communications, whether by pupils or colleagues.", "reporting",
     "contact-pupils-parents"),
    ("I will communicate with others in a professional manner and I will not use aggressive or inappropriate language.",
     "internet-email", "contact-pupils-parents"),
    ("Staff should exercise care in their personal use of social networking sites.", "social-media", "personal-use"),
    ("Personal use of social media is not permitted during working hours.", "personal-use", None),
    ("I will not use school devices for on-line gaming, internet shopping or uploading videos.", "personal-use",
     "images-recording"),
    ("Staff must not be uploading videos of pupils to any website.", "images-recording", None),
    ("Staff will be responsible users of technologies for educational, personal and recreational use.", None,
     "personal-use"),
    ("I will not use the systems for personal or recreational use during lessons.", "personal-use", None),
    ("Ensure that you reimburse the school for personal telephone calls.", "personal-use", "mobile-devices"),
    ("I will report any abuse of ICT to the headteacher.", "reporting", "inappropriate-material"),
])
def test_words_that_mean_something_else_in_their_phrase_do_not_add_a_topic(taxonomy, text, present, absent) -> None:
    topics = tag_document(doc([clause("a", text)]), taxonomy).clauses[0].topics
    if present:
        assert present in topics
    if absent:
        assert absent not in topics


def test_two_paragraphs_after_a_linked_list_close_it() -> None:
    from generator.tagging.context import build_contexts

    lead = clause("l", "Take care that personal data cannot be accessed by anyone who does not:", kind="lead-in", section="s")
    item = clause("i", "have permission to access that data", parent="l", section="s")
    paragraphs = [clause("p1", "Data breaches can have serious effects.", section="s"),
                  clause("p2", "The DPA defines personal data as data which relate to a living individual", section="s")]
    bullet = clause("b", "from those data, or", label="•", section="s")
    d = doc([lead, item, *paragraphs, bullet], sections=[Section("s", "Rules", 1, Span(1, 1))])
    assert build_contexts(d, lambda text: False)["b"].parent is None
