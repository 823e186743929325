"""Rule alignment: clauses of different documents that state the same rule form one group."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from generator.alignment import Settings, _candidates, _table, align, keep_ids, pair_scores, polarity
from generator.alignment.features import owner
from generator.alignment.frames import acknowledges, actions, named_alone, objects, scope
from generator.corpus import load_corpus
from generator.families import assign_families, families_from_documents
from generator.model import Clause, Document, Metadata, Source, Span

ROOT = Path(__file__).resolve().parent.parent
CALLS = "Calls and contact to pupils and parents should be restricted to the hours of 8.00 am to 6.00 pm"
CALLS_SJ = "Calls and contact to parents / carers should be restricted to the hours"
DETAILS = "I will not give out my own personal details, such as mobile phone number and personal email address"
DETAILS_SJ = "Staff must not share their personal contact details"


def doc(doc_id: str, *texts: str, topics: list[str] | None = None) -> Document:
    """A document of plain clauses built in code."""
    clauses = [Clause(id=f"{i:08x}", text=t, span=Span(i + 1, i + 1), topics=list(topics or []))
               for i, t in enumerate(texts)]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


@pytest.fixture(scope="module")
def shipped() -> list[Document]:
    return load_corpus(ROOT / "corpus")


def group_of(groups, document: str, piece: str, docs: list[Document]):
    """The group holding the clause of ``document`` whose text holds ``piece``."""
    clause = next(c for d in docs if d.id == document for c in d.clauses if piece in c.text)
    return next((g for g in groups for m in g.members if (m.document, m.clause) == (document, clause.id)), None)


def test_the_calls_and_contact_rule_of_two_schools_is_one_group(shipped: list[Document]) -> None:
    groups = align(shipped)
    a = group_of(groups, "hopelands-prep", CALLS, shipped)
    b = group_of(groups, "st-josephs-catholic-primary", CALLS_SJ, shipped)
    assert a is not None and a is b


def test_a_reworded_rule_on_personal_contact_details_joins_its_counterpart(shipped: list[Document]) -> None:
    groups = align(shipped)
    a = group_of(groups, "sefton-staff-governors-visitors", DETAILS, shipped)
    b = group_of(groups, "st-josephs-catholic-primary", DETAILS_SJ, shipped)
    assert a is not None and a is b
    assert all(0 < m.similarity <= 1 for m in a.members)


def test_every_pair_of_shipped_policies_shares_at_least_one_rule(shipped: list[Document]) -> None:
    groups = align(shipped)
    ids = [d.id for d in shipped]
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            assert any({x, y} <= {m.document for m in g.members} for g in groups), (x, y)


def test_a_prohibition_never_joins_a_permission_of_the_same_action() -> None:
    docs = [doc("a", "Staff must not share their passwords with colleagues or pupils."),
            doc("b", "Staff may share their passwords with colleagues or pupils."),
            doc("c", "I will not share my passwords with colleagues or pupils.")]
    groups = align(docs)
    for g in groups:
        assert not {"a", "b"} <= {m.document for m in g.members}
        assert not {"b", "c"} <= {m.document for m in g.members}
    assert any({"a", "c"} <= {m.document for m in g.members} for g in groups)


def test_polarity_reads_negation_in_the_text_and_the_lead_in() -> None:
    will_not = Clause("1", "I will not give out my personal details to pupils.", Span(1, 1), modality="will")
    assert polarity(will_not) == "prohibit"
    may = Clause("2", "Staff are allowed to make reasonable use of social media at lunchtime.", Span(1, 1))
    assert polarity(may) == "permit"
    listed = Clause("3", "use personal email addresses to communicate with pupils", Span(1, 1), modality="must")
    assert polarity(listed, "Don't:") == "prohibit"
    assert polarity(Clause("4", "Occasional personal use", Span(1, 1)), "Acceptable:") == "permit"
    assert polarity(Clause("5", "Staff must only use school cameras.", Span(1, 1))) == "restrict"


def test_a_negation_inside_a_closing_condition_does_not_make_a_permission_a_prohibition() -> None:
    def pol(text: str) -> str:
        return polarity(Clause("1", text, Span(1, 1)))
    assert pol("Students may download apps provided they are age-appropriate and do not interfere with school apps.") == "permit"
    assert pol("Pupils may share photos as long as school logos are not used to mock the school.") == "permit"
    # the rule's own negation still decides, whatever condition follows it
    assert pol("Staff must not use personal phones unless the head has agreed.") == "prohibit"
    assert pol("Pupils may not bring phones if they are in Year 6.") == "prohibit"
    assert pol("Do not share photos if you are not sure.") == "prohibit"


def test_polarity_takes_a_tagged_prohibition_from_its_force_whatever_the_words() -> None:
    # an item under "Staff must not:" reads as an action; the tagger's force carries the lead-in's polarity
    clause = Clause("1", "share passwords with colleagues", Span(1, 1), modality="must-not")
    assert polarity(clause) == "prohibit"
    assert polarity(Clause("2", "share passwords with colleagues", Span(1, 1), modality="must")) != "prohibit"


def test_two_rules_on_the_same_topic_stay_apart() -> None:
    docs = [doc("a", "Personal mobile phones are locked in the staff room during the school day.", topics=["mobile-devices"]),
            doc("b", "Work mobile phones are taken on school trips so that staff can be contacted.", topics=["mobile-devices"])]
    assert align(docs) == []


def test_a_rule_about_work_phones_never_joins_one_about_personal_phones() -> None:
    docs = [doc("a", "Personal calls, other than in an emergency, are forbidden on work phones.", topics=["mobile-devices"]),
            doc("b", "Personal calls on personal mobile phones may only be taken during breaks.", topics=["mobile-devices"])]
    assert owner(docs[0].clauses[0].text) == "work" and owner(docs[1].clauses[0].text) == "personal"
    assert owner("Staff may use personal mobile phones if the school does not provide school mobile phones") == ""
    assert align(docs) == []


def test_a_rule_narrowed_to_one_device_never_joins_one_narrowed_to_a_time() -> None:
    work = "Personal calls, other than in an emergency, are forbidden on work phones."
    hours = "Personal calls should be avoided during working hours; staff should make a personal call elsewhere."
    assert scope(work) == {"device"} and scope(hours) == {"time"}
    docs = [doc("a", work, topics=["mobile-devices"]), doc("b", hours, topics=["mobile-devices"])]
    assert align(docs) == []
    general = "Personal calls are forbidden, other than in an emergency."  # not narrowed: may join either
    assert scope(general) == frozenset()
    assert len(align([doc("a", work, topics=["mobile-devices"]), doc("b", general, topics=["mobile-devices"])])) == 1
    assert scope("to visit or use any online messaging service") == frozenset()  # visiting a site is no place
    assert scope("Phones are handed in to the school office and kept in lockers") == frozenset()  # storage, not place
    assert scope("Calls only between 8.00 am and 6 pm") == {"time"} and scope("see the 8 amendments") == frozenset()


def test_two_short_wordings_need_fewer_words_in_common() -> None:
    from generator.alignment.clusters import enough_shared
    docs = [doc("a", "Never open attachments.", topics=["email"]),
            doc("b", "Attachments from unknown senders must be deleted.", topics=["email"])]
    table = _table(docs, Settings())
    pair = np.array([[0, 1]])
    two = replace(Settings(), shared=2)  # the count of two (the default is one since the sixth pass)
    assert not enough_shared(table, pair, replace(two, shared_short=0.0))[0]  # one word in common, not two
    assert enough_shared(table, pair, two)[0]  # but half of the shorter clause's words


def test_a_rule_about_messages_never_joins_one_about_material() -> None:
    said = "Post or send abusive, offensive or defamatory messages."
    handled = "Download, send or distribute abusive, offensive or obscene material."
    assert objects(said) == {"speech"} and objects(handled) == {"material"}
    docs = [doc("a", said, topics=["online-conduct"]), doc("b", handled, topics=["online-conduct"])]
    assert align(docs) == []
    assert len(align([doc("a", said, topics=["online-conduct"]),
                      doc("b", "Never post or send abusive or defamatory messages.", topics=["online-conduct"])])) == 1


def test_a_rule_for_pupils_never_joins_the_same_words_for_staff_only() -> None:
    text = "must switch mobile phones off and keep them in lockers during lessons."
    docs = [doc("a", "Pupils " + text, topics=["mobile-devices"]), doc("b", "Staff " + text, topics=["mobile-devices"])]
    assert align(docs) == []  # each clause names its subject: two audiences, two rules
    docs = [doc("a", "Pupils " + text, topics=["mobile-devices"]), doc("b", "Pupils and staff " + text, topics=["mobile-devices"])]
    assert len(align(docs)) == 1
    assert len(align(docs, Settings(audience=False))) == 1


def test_the_audience_a_document_addresses_does_not_split_one_rule() -> None:
    # "Keep your password private" in a pupils' agreement and in a staff code is one rule: the audience gate reads the
    # audiences a clause names as its subject, not the ones it inherits from its document (seventh pass)
    docs = [doc("a", "Never share your password with anyone and change it if someone knows it.", topics=["passwords"]),
            doc("b", "Never share your password with anyone, and change it at once if someone knows it.", topics=["passwords"])]
    docs[0].clauses[0].audience = ["pupils"]
    docs[1].clauses[0].audience = ["staff"]
    assert len(align(docs)) == 1
    assert align(docs, Settings(audience_named=False)) == []


def test_taking_images_and_posting_them_are_two_rules() -> None:
    taken = "Do not take photographs or videos of pupils on personal devices."
    posted = "Do not post photographs or videos of pupils on personal devices."
    assert actions(taken) == {"capture"} and actions(posted) == {"publish"}
    assert actions("Images of learners must never be taken in changing rooms.") == {"capture"}
    docs = [doc("a", taken, topics=["images"]), doc("b", posted, topics=["images"])]
    assert align(docs) == []
    assert len(align(docs, Settings(actions=False))) == 1


def test_a_clause_naming_two_kinds_does_not_bridge_the_two_rules() -> None:
    # "take or post" names both actions, so by the union of its group's kinds it clashes with neither side; the
    # members that name one action alone still keep taking and posting apart
    taken = "Do not take photographs or videos of pupils on personal devices without consent."
    posted = "Do not post photographs or videos of pupils on personal devices without consent."
    both = "Do not take or post photographs or videos of pupils on personal devices without consent."
    docs = [doc("a", taken, topics=["images"]), doc("b", posted, topics=["images"]), doc("c", both, topics=["images"])]
    joined = {frozenset(m.document for m in g.members) for g in align(docs)}
    assert joined and not any({"a", "b"} <= j for j in joined)
    assert any({"a", "b"} <= j for j in {frozenset(m.document for m in g.members) for g in align(docs, Settings(alone=False))})
    assert named_alone(frozenset({"capture", "publish"})) == frozenset()
    assert named_alone(frozenset({"capture", "material"})) == {"capture", "material"}


def test_a_clause_addressing_two_audiences_does_not_bridge_them() -> None:
    text = "must switch mobile phones off and keep them in lockers during lessons."
    docs = [doc("a", "Pupils " + text, topics=["mobile-devices"]), doc("b", "Staff " + text, topics=["mobile-devices"]),
            doc("c", "Pupils and staff " + text, topics=["mobile-devices"])]
    joined = {frozenset(m.document for m in g.members) for g in align(docs)}
    assert joined and not any({"a", "b"} <= j for j in joined)
    assert any({"a", "b"} <= j for j in {frozenset(m.document for m in g.members) for g in align(docs, Settings(alone=False))})


OTHER_RULES = ["Keep your password secret and change it every term.", "Do not install software on school computers.",
               "Report any upsetting content to a teacher.", "Mobile phones must be switched off in lessons.",
               "Photographs of pupils are taken only on school cameras.", "The school filters and monitors internet use.",
               "Do not share personal contact details with pupils.", "Use your school email account for school business."]


def signed(doc_id: str, declaration: str, turn: int) -> Document:
    """A document of other rules ending with a declaration, as the segmenter reads one (kind and topic)."""
    made = doc(doc_id, *OTHER_RULES[turn:], *OTHER_RULES[:turn], declaration, topics=["other"])
    made.clauses[-1] = replace(made.clauses[-1], kind="declaration", topics=["declaration"])
    return made


def test_the_signers_acknowledgement_is_one_rule_in_any_words_but_a_parents_consent_is_not() -> None:
    docs = [signed("a", "I have read the Polisi Defnydd Derbyniol and I agree to follow it.", 0),
            signed("b", "We have read the Pearl Crescent British School BYOD and Internet Policy and discussed it together.", 3),
            signed("c", "As the parent of the pupil named above, I have read this policy and I give permission for my child "
                        "to use the internet.", 5),
            signed("d", "I agree that I will:", 6)]
    assert [acknowledges(d.clauses[-1]) for d in docs] == [True, True, False, False]
    assert not acknowledges(replace(docs[0].clauses[-1], kind="clause"))  # only what the segmenter read as a declaration

    def joined(settings: Settings) -> list[list[str]]:
        return [sorted(m.document for m in g.members) for g in align(docs, settings)
                if any(m.clause == docs[0].clauses[-1].id for m in g.members)]
    assert joined(Settings()) == [["a", "b"]]
    assert joined(Settings(acknowledgement=False)) == []  # their words alone do not join them


def test_what_is_allowed_and_what_is_required_join_only_when_close() -> None:
    allowed = "You can bring your own laptop or tablet to connect to the guest network."
    required = "Students are required to bring a personal laptop or tablet that meets the minimum specification."
    docs = [doc("a", allowed, topics=["mobile-devices"]), doc("b", required, topics=["mobile-devices"])]
    table = _table(docs, Settings())
    assert table.polarity == ["permit", "oblige"]
    score = float(pair_scores(table, np.array([0]), np.array([1]), Settings())[0][0])
    assert align(docs, Settings(cross_permit=score + 0.01)) == []
    assert len(align(docs, Settings(cross_permit=0))) == 1


def test_nobody_may_and_non_liability() -> None:
    assert polarity(Clause("1", "Nobody may log on as another user.", Span(1, 1))) == "prohibit"
    assert polarity(Clause("1", "No one may use another person's account.", Span(1, 1))) == "prohibit"
    assert polarity(Clause("1", "The school is not liable for devices that are lost or stolen.", Span(1, 1))) == "state"
    assert polarity(Clause("1", "The college cannot accept liability for lost phones.", Span(1, 1))) == "state"
    assert polarity(Clause("1", "Keep your username and password to yourself.", Span(1, 1))) == "prohibit"


def test_a_condition_opening_a_sentence_does_not_decide_its_force() -> None:
    clause = Clause("1", "If the school does not provide school mobile phones, staff may use personal phones.", Span(1, 1))
    assert polarity(clause) == "permit"


def test_a_prohibition_and_an_obligation_join_only_when_close() -> None:
    # "must be covered by licences" and "do not install without permission" share *software* and *install*
    docs = [doc("a", "Any software that is installed must be covered by the appropriate licensing agreements.", topics=["software"]),
            doc("b", "I will not install any software or hardware without permission.", topics=["software"])]
    assert align(docs) == []


def test_two_rules_naming_one_thing_but_saying_different_things_stay_apart() -> None:
    docs = [doc("a", "Passwords must be changed every term.", topics=["passwords"]),
            doc("b", "Do not write passwords down or share them with colleagues.", topics=["passwords"])]
    assert align(docs) == []
    assert len(align(docs, Settings(shared=0, coverage=0.0, generic_norm=False, generic=0.3, cross_force=0.0))) == 1  # the old point joined them


def test_generic_words_make_a_clause_longer_but_not_closer() -> None:
    docs = [doc("a", "Staff and pupils in school use laptops."), doc("b", "Staff and pupils in school use tablets."),
            doc("c", "Laptops are used by staff.")]
    table = _table(docs, Settings())
    word = pair_scores(table, np.array([0, 0]), np.array([1, 2]), Settings())[1]
    assert word[0] < 0.05  # sharing staff, pupils, school and use says nothing about the rule
    assert word[1] < 0.5  # the words "staff and pupils in school" are content "laptops" does not explain


def test_near_copies_stay_one_group_with_the_representative_first() -> None:
    rule = "The network must not be used for commercial purposes, e.g. buying or selling goods."
    docs = [doc("a", rule, topics=["personal-use"]),
            doc("b", "The school network must not be used for commercial purposes e.g. buying or selling goods", topics=["personal-use"])]
    [group] = align(docs)
    assert group.id == "a-00000000"
    assert group.representative.similarity == 1.0
    assert {m.document for m in group.members} == {"a", "b"}
    assert 0.8 < group.members[1].similarity < 1


def test_adding_a_policy_renames_no_group(shipped: list[Document]) -> None:
    before, _ = assign_families(shipped)
    ids_before = {(d.id, c.id): c.family for d in before for c in d.clauses if c.family}
    newcomer = doc("aaa-new-school", "Staff must not share their personal contact details with pupils or parents.",
                   "Children are taught to keep their information private on the internet.")
    after, _ = assign_families([newcomer] + before)
    ids_after = {(d.id, c.id): c.family for d in after for c in d.clauses if c.family}
    kept = {ids_after.get(k) for k in ids_before}
    assert set(ids_before.values()) <= kept
    moved = [k for k, v in ids_before.items() if ids_after.get(k) != v]
    assert len(moved) <= 2  # only clauses whose group the newcomer changes may move


def test_ids_are_kept_on_realigning_and_stored_families_rebuild_the_same_groups(shipped: list[Document]) -> None:
    once, families = assign_families(shipped)
    twice, _ = assign_families(once)
    assert [(c.family, c.similarity) for d in once for c in d.clauses] == [(c.family, c.similarity) for d in twice for c in d.clauses]
    stored = families_from_documents(once)
    assert {f.id: f.representative for f in stored} == {f.id: f.representative for f in families}


def test_keep_ids_gives_a_group_the_id_most_of_its_members_carry() -> None:
    from generator.alignment import Aligned, Group

    groups = [Group("b-1", [Aligned("b", "1", 1.0), Aligned("c", "1", 0.9), Aligned("d", "1", 0.8)])]
    previous = {("c", "1"): "x-9", ("d", "1"): "x-9", ("b", "1"): "y-3"}
    assert keep_ids(groups, previous)[0].id == "x-9"
    assert keep_ids(groups, {})[0].id == "b-1"


def test_alignment_is_the_same_whatever_the_hash_seed() -> None:
    code = ("import json; from pathlib import Path; from generator.corpus import load_corpus; "
            "from generator.alignment import align; "
            "print(json.dumps([[g.id, [[m.document, m.clause, m.similarity] for m in g.members]] "
            "for g in align(load_corpus(Path('corpus')))]))")
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1 and json.loads(outputs.pop())


def test_alignment_does_not_depend_on_the_order_of_the_documents(shipped: list[Document]) -> None:
    assert align(shipped) == align(list(reversed(shipped)))


def test_candidates_are_bounded_per_clause_not_all_pairs(shipped: list[Document]) -> None:
    settings = Settings()
    table = _table(shipped, settings)
    pairs = _candidates(table, settings)
    n = len(table.keys)
    assert len(pairs) <= n * settings.neighbours
    assert len(pairs) < n * (n - 1) // 4
    assert all(table.docs[i] != table.docs[j] for i, j in pairs)


def test_the_embedding_loads_from_its_own_package_without_downloading(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("wordllama")
    from generator import rule_words

    rule_words._embedder.cache_clear()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    vectors = rule_words.embed(["password", "passwords"])
    assert vectors is not None and vectors.shape[0] == 2
    assert float(vectors[0] @ vectors[1]) > 0.5


def test_words_alone_still_align_without_embeddings() -> None:
    rule = "Staff must not share their personal contact details with pupils."
    docs = [doc("a", rule), doc("b", "Staff must never share personal contact details with any pupils.")]
    assert len(align(docs, replace(Settings(), embedding=0))) == 1


def test_a_topic_row_shows_a_near_copy_as_a_diff_and_a_rewording_whole() -> None:
    from generator.families import word_diff
    from generator.site.topics import member_html

    rep = "Staff must not share their personal contact details"
    near = member_html(word_diff(rep, "Staff must never share their personal contact details"))
    assert "<ins>never</ins>" in near and "<del>not</del>" in near
    reworded = member_html(word_diff(rep, "I will not give out my own <b>personal</b> details, such as my mobile number, to pupils."))
    assert "<ins>" not in reworded and "<del>" not in reworded and 'class="aup-reworded"' in reworded
    assert "&lt;b&gt;personal&lt;/b&gt;" in reworded


def test_adverbs_and_american_spellings_stem_like_their_words() -> None:
    from generator.rule_words import stem

    assert stem("securely") == stem("secure") and stem("deliberately") == stem("deliberate")
    assert stem("unauthorized") == stem("unauthorised")
    assert stem("supply") == "supply" and stem("apply") == "apply" and stem("only") == "only"


def test_a_negation_joined_by_and_is_a_prohibition() -> None:
    comply = "I will comply with the ICT system security and not disclose any passwords provided to me."
    assert polarity(Clause("1", comply, Span(1, 1), modality="will")) == "prohibit"
    assert polarity(Clause("2", "Staff will read and not only sign this policy.", Span(1, 1), modality="will")) != "prohibit"
    keep = "All employees must keep their personal password confidential and change it regularly."
    assert polarity(Clause("4", keep, Span(1, 1), modality="must")) == "prohibit"  # = do not disclose it
    passive = "ensure that where a password is required, it is not inappropriately disclosed"
    assert polarity(Clause("3", passive, Span(1, 1), modality="must")) == "prohibit"


def test_semantic_candidates_reach_rewordings_within_a_topic_and_stay_bounded() -> None:
    pytest.importorskip("wordllama")
    texts = ["Keep your password secret from colleagues.", "Lock the computer when leaving the classroom.",
             "Report any suspected virus to the technician."]
    docs = [doc(name, *texts, topics=["passwords"]) for name in "abcd"]
    settings = replace(Settings(), semantic=2)
    table = _table(docs, settings)
    pairs = _candidates(table, settings)
    n = len(table.keys)
    assert len(pairs) <= n * (settings.neighbours + settings.semantic)
    assert all(table.docs[i] != table.docs[j] for i, j in pairs)
    other_topic = [doc("e", "Keep your password secret from colleagues.", topics=["email"])] + docs[:1]
    table = _table(other_topic, settings)  # no shared first topic: no candidate beyond the shared-word ones
    assert _candidates(table, settings).tolist() == _candidates(table, replace(settings, semantic=0)).tolist()


def test_member_link_keeps_out_a_clause_that_shares_nothing_with_the_group() -> None:
    rule = "Staff must not share their personal contact details with pupils."
    docs = [doc("a", rule), doc("b", "Staff must never share personal contact details with any pupils.")]
    assert len(align(docs, replace(Settings(), member_link=0.15))) == 1


def test_the_learned_pair_scorer_loads_and_aligns_near_copies() -> None:
    from generator.alignment.features import PAIR_FEATURES, _shipped_scorer

    weights, _ = _shipped_scorer()
    assert len(weights) == len(PAIR_FEATURES)
    rule = "Staff must not share their personal contact details with pupils."
    docs = [doc("a", rule), doc("b", "Staff must never share personal contact details with any pupils.")]
    assert len(align(docs, replace(Settings(), learned=True))) == 1
