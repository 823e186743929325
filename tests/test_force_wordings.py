"""Force, round 5: general wordings found on a whole policy nobody tuned for (set blind3), each tested on both
sides: what the mechanism catches, and the nearby wording it must leave alone."""
from __future__ import annotations

import pytest
from support.force import clause, force

from generator.model import Document, Metadata, Source, sublist_head
from generator.tagging.modality import lead_in_modality


@pytest.mark.parametrize("text,expected", [
    ("Staff will not be expected to work outside school hours.", "statement"),
    ("The school will not be held responsible for the loss of personal devices.", "statement"),
    ("Staff do not have to use the school app.", "statement"),
    ("Visitors are not responsible for the security of the network.", "statement"),
    ("Staff are not required to respond to emails after 6pm.", "statement"),
    ("Pupils need not bring their own devices.", "statement"),
    # the same words without the negation oblige
    ("Staff will be expected to check their email daily.", "obligation"),
    ("Staff have to use the school app.", "obligation"),
    ("Visitors are responsible for the security of their devices.", "obligation"),
    ("Staff must not be responsible for pupils' passwords.", "prohibition"),
])
def test_a_negated_obligation_word_sets_no_duty(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("It is inappropriate to use personal phones in class.", "prohibition"),
    ("It is inappropriate for staff to befriend pupils online.", "prohibition"),
    ("It is not acceptable for staff to contact pupils on social media.", "prohibition"),
    ("It is unacceptable to share passwords.", "prohibition"),
    # "inappropriate" describing material, not the act, forbids nothing by itself
    ("Filtering blocks material that is inappropriate to the age of the pupils.", "statement"),
    ("Inappropriate content is reported to the technician.", "statement"),
])
def test_it_is_inappropriate_or_unacceptable_to_forbids(text: str, expected: str) -> None:
    assert force(text) == expected


def test_an_item_with_its_own_rule_keeps_it_under_a_purpose_lead_in() -> None:
    lead = "This policy is intended to ensure that:"
    assert force("Staff must report any concern to the DSL.", lead) == "obligation"
    assert force("Pupils should not share passwords.", lead) == "prohibition"
    assert force("that staff are protected from risk", lead) == "statement"
    assert force("that pupils can learn safely online", lead) == "statement"  # "can" is an aim here, not a permission


@pytest.mark.parametrize("text,expected", [
    ("The audit logs will be kept to provide evidence of data security breaches.", "obligation"),
    ("Backups will be stored securely off site.", "obligation"),
    ("Personal data will be securely deleted when no longer needed.", "obligation"),
    # a person told or taught, and a notice of monitoring, state
    ("Staff will be kept informed of changes to the policy.", "statement"),
    ("Pupils will be taught about online safety.", "statement"),
    ("All email will be monitored.", "statement"),
])
def test_a_thing_handled_in_the_future_passive_is_an_undertaking(text: str, expected: str) -> None:
    assert force(text) == expected


def test_examples_of_what_to_report_take_no_rule_from_the_procedure_above() -> None:
    outer = "In the event of suspicion, all steps in this procedure should be followed:"
    report = ("If content includes images of child abuse then the monitoring should be halted and referred to the "
              "Police immediately. Other instances to report to the police would include:")
    assert force("incidents of grooming behaviour", report, outer=outer) == "statement"
    arise = "The DSL should be trained in online safety and be aware of the potential for serious issues to arise from:"
    assert force("sharing of personal data", arise) == "statement"
    assert lead_in_modality(arise) == ""
    # a step of the procedure itself still obliges, and negative examples still forbid
    assert force("Record the url of any site containing the alleged misuse.", outer) == "obligation"
    assert force("accessing gambling sites", "Risks such as these are not permitted and include:") == "prohibition"


def test_a_lead_in_listing_possible_means_passes_no_undertaking() -> None:
    means = "The school will provide opportunities for the community to learn. This may be offered through the following:"
    assert force("Sharing links via Twitter", means) == "statement"
    assert force("Sharing links via Twitter", "The school will provide information to parents through:") == "obligation"


def test_need_to_in_a_trailing_when_clause_with_a_bare_subject_sets_no_rule() -> None:
    assert force("This guidance is intended for use when staff need to manage incidents online.") == "statement"
    assert force("Staff need to manage incidents using the reporting tool.") == "obligation"


def test_a_lead_in_saying_how_misuse_is_dealt_with_is_a_procedure_not_a_caption() -> None:
    handled = "It is intended that incidents of misuse will be dealt with through normal disciplinary procedures as follows:"
    assert force(handled, kind="lead-in") == "statement"
    assert lead_in_modality(handled) == ""
    assert force("accessing gambling sites", "Examples of misuse include:") == "prohibition"


def test_a_sentence_item_completes_a_lead_in_about_ensuring() -> None:
    lead = ("The school will be responsible for ensuring that the network is as safe as is reasonably possible. It "
            "will also need to ensure that the relevant people will be effective in their responsibilities:")
    assert force("An appropriate system is in place for users to report any technical incident.", lead) == "obligation"
    # after a list whose lead-in does not ask to ensure anything, a sentence of its own still states
    assert force("A copy will be made and returned to you.", "Not to give the addresses of:") == "statement"


@pytest.mark.parametrize("text,expected", [
    ("The level of security required may vary for staff and pupil accounts.", "statement"),
    ("Data breaches can have serious effects and can bring the school into disrepute.", "statement"),
    ("Misuse of social media may damage the reputation of the school.", "statement"),
    ("Staff may bring their own devices into school.", "permission"),
    ("Pupils can change their password at any time.", "permission"),
])
def test_a_possible_consequence_permits_nothing(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The school has clear procedures for cloud storage and is aware of the risks. The school will ensure that it "
     "is satisfied with the controls of its providers.", "obligation"),
    ("I understand that the school will monitor my use of the ICT systems.", "statement"),
    ("The school will want to avoid the criticism that any data breach could bring.", "statement"),
    ("Staff should avoid contacting pupils on social media.", "prohibition"),
    ("This policy describes how the school keeps pupils safe.", "statement"),
])
def test_the_schools_own_undertaking_later_in_a_clause_and_a_wish_to_avoid(text: str, expected: str) -> None:
    assert force(text) == expected


def test_a_checklist_question_and_its_tip_state() -> None:
    lead = "Below is a list of questions that you may want to consider when selecting a cloud provider:"
    assert force("Is personal information shared with anyone else? Look out for opt in features", lead) == "statement"
    assert force("Can I use my phone at break? Only in the playground and you must ask first.") == "obligation"


@pytest.mark.parametrize("text,expected", [
    ("This defines a criminal offence of intentional harassment. A person is guilty of an offence if, with intent "
     "to cause distress, they:", "prohibition"),
    ("It is an offence for any person to intercept any communication without lawful authority. However, "
     "monitoring but not recording is also permissible in order to:", "prohibition"),
    ("Monitoring but not recording is permissible in order to:", "permission"),
])
def test_a_lead_in_stating_an_offence_forbids(text: str, expected: str) -> None:
    assert force(text, kind="lead-in") == expected


def test_items_of_an_offence_lead_in_that_ends_in_what_is_permitted_permit() -> None:
    lead = ("It is an offence for any person to intercept any communication without lawful authority. However, "
            "monitoring but not recording is also permissible in order to:")
    assert force("Ensure the effective operation of the system.", lead) == "permission"


def test_a_permission_after_an_opening_phrase_is_the_items_own() -> None:
    lead = "The school will inform users about these risks and will implement policies to reduce them:"
    item = "In accordance with guidance from the ICO, parents are welcome to take images of their children at events."
    assert force(item, lead) == "permission"
    assert force("recognise when they are upset and know that they can talk to an adult", "We will support pupils to:") == "obligation"


def test_a_run_of_lower_case_items_after_a_sibling_ending_in_a_colon_belongs_to_it() -> None:
    head = clause("h", "in lessons pupils should be guided to sites. The DSL should be aware of issues arising from:",
                  parent="l")
    first = clause("a", "sharing of personal data", parent="l")
    second = clause("b", "access to illegal materials", parent="l")
    assert sublist_head(head, None, first) is head
    assert sublist_head(first, head, second) is head
    assert sublist_head(second, head, clause("c", "Staff must report misuse.", parent="l")) is None  # capitalised
    assert sublist_head(first, None, second) is None  # no sub-list open
    lead = clause("l", "are responsible for ensuring that:", kind="lead-in")
    doc = Document("d", Source("sources/d.txt", "0" * 64, "txt", "line"), Metadata(),
                   clauses=[lead, head, first, second, clause("c", "Staff must report misuse.", parent="l")])
    lead_ins = doc.lead_ins()
    assert lead_ins["a"] is head and lead_ins["b"] is head
    assert lead_ins["c"] is lead


@pytest.mark.parametrize("text,expected", [
    ("Child sexual abuse images - the making of indecent images of children X Grooming of children X", "statement"),
    ("Use of personal email x (x) Use of social media x X", "statement"),
    ("Staff must mark the register with an x for each absence.", "obligation"),  # one letter x is no matrix
])
def test_a_flattened_matrix_row_with_its_ticks_states(text: str, expected: str) -> None:
    assert force(text, "Users shall not visit sites that contain:") == expected


@pytest.mark.parametrize("text,expected", [
    ("Everyone in the school has the responsibility of handling data safely.", "obligation"),
    ("The policy and its updates will be presented to staff at INSET days.", "obligation"),
    ("Members of staff may require support in judging whether material is illegal.", "statement"),
    ("Pupils may need help with their passwords.", "statement"),
    ("The school may require staff to attend training.", "statement"),  # the school's own right (force7)
])
def test_a_duty_of_everyone_a_policy_presented_and_a_possible_need(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Parents are asked not to take photographs during performances.", "prohibition"),
    ("Parents are requested to switch off their phones.", "obligation"),
    ("Staff are reminded to lock their screens.", "obligation"),
    ("Staff are reminded that their online conduct reflects on the school.", "statement"),  # told a fact
    ("It is strongly recommended that staff use two factor authentication.", "obligation"),
    ("The school recommends that parents monitor their children's use.", "obligation"),
    ("Recommended websites are listed on the school's home page.", "statement"),
    ("Staff are discouraged from using personal email for school business.", "prohibition"),
    ("The school expects all staff to follow this policy.", "obligation"),
    ("We expect pupils to treat equipment with care.", "obligation"),
    ("The school will try to ensure that pupils have good access, and will, in return, expect pupils to be "
     "responsible users.", "statement"),  # an aim, and what the school hopes for in return
    ("Staff are free to use social media in a personal capacity.", "permission"),
    ("Photos will only be taken on school devices.", "obligation"),
])
def test_requests_reminders_recommendations_expectations_and_freedoms(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The school cannot accept liability for personal devices brought into school.", "statement"),
    ("The school will not accept responsibility for lost or stolen phones.", "statement"),
    ("The school accepts no responsibility for loss of personal devices.", "statement"),
    ("Staff will not be held responsible for damage caused by viruses.", "statement"),
    ("Staff cannot use personal devices to photograph pupils.", "prohibition"),
    ("We will not share your details with third parties.", "prohibition"),
])
def test_a_disclaimer_of_liability_forbids_nothing(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("lead,expected", [
    ("Staff will not be expected to:", "statement"),
    ("Staff do not have to:", "statement"),
    ("Pupils will be taught to:", "statement"),
    ("The school reserves the right to:", "statement"),
    ("Sanctions may include:", "statement"),
    # a lead-in that commands, a caption, or one with a rule still gives a bare verb its force
    ("Remember to:", "obligation"),
    ("Make sure you:", "obligation"),
    ("Top tips:", "obligation"),
    ("Staff are expected to:", "obligation"),
    ("Staff do not:", "prohibition"),
])
def test_a_bare_verb_completing_a_lead_in_without_a_rule_commands_nothing(lead: str, expected: str) -> None:
    assert force("use personal phones in lessons", lead) == expected


@pytest.mark.parametrize("text,expected", [
    ("This policy was approved by governors in May 2023.", "statement"),
    ("Next review: May 2024", "statement"),
    ("Reviewed 12 May 2023 by the governing body.", "statement"),
    ("Staff may use their phones in the staff room.", "permission"),
    ("May I use my phone at lunchtime? You may, in the playground.", "permission"),
])
def test_the_month_may_is_no_permission(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("It is the responsibility of all staff to report concerns.", "obligation"),
    ("It is the user's responsibility to keep their password secure.", "obligation"),
    ("Reasonable personal use of the internet is acceptable outside lesson time.", "permission"),
    ("It is not acceptable to share passwords.", "prohibition"),
    ("Pupils must not only follow these rules in school but also at home.", "obligation"),
    ("Staff must not share passwords.", "prohibition"),
    ("Staff should not feel obliged to accept friend requests from parents.", "statement"),
    ("Staff should not accept friend requests from parents.", "prohibition"),
])
def test_responsibility_acceptable_use_not_only_and_no_pressure(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("I can use the computers at lunchtime if a teacher is there.", "permission"),
    ("I know that my teacher can see what I do on the computer.", "statement"),
    ("I understand that the school may check my files.", "statement"),
    ("I know that I can talk to an adult if I am worried.", "permission"),
    ("I understand that I may not use my phone in class.", "prohibition"),
    ("I tell an adult if I see something that upsets me.", "obligation"),
])
def test_what_a_pupil_can_do_and_what_others_can_do(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("We don't open emails from people we don't know.", "prohibition"),
    ("We never share our passwords.", "prohibition"),
    ("We do not use pupils' full names on the website.", "prohibition"),
    ("We do not accept liability for lost phones.", "statement"),
    ("We do not need to log out between lessons.", "statement"),
    ("We do take photographs at school events.", "statement"),
])
def test_we_do_not_is_a_rule_not_to(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Education and training – Staff / Volunteers", "statement"),
    ("Childnet / TDA - Teachers and Technology - a checklist for trainee teachers", "statement"),
    ("Text system - all teachers and office staff.", "permission"),
    ("School telephones - all teachers, administrative staff and staff who have been permitted by the head", "permission"),
])
def test_a_contents_or_reading_list_line_is_no_who_may_use_line(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The Online safety Coordinator will provide advice and training to individuals as required.", "obligation"),
    ("The website will provide information for parents.", "statement"),  # a thing, not a role
    ("The management of technical security will be the responsibility of the ICT technician.", "obligation"),
    ("The complexity of passwords will be set with regard to the age of the children.", "obligation"),
    ("I know that if I break the rules sanctions will be issued in line with the behaviour policy.", "statement"),
    ("The SIRO is the Headteacher. This person will keep up to date with current legislation.", "obligation"),
    ("Empowers headteachers to regulate the behaviour of pupils when they are off the school site.", "permission"),
])
def test_a_roles_undertaking_a_responsibility_of_and_a_power(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("With an increase in use of all types of social media a policy that sets out guidance is essential.", "statement"),
    ("With permission, staff must record the incident.", "obligation"),
    ("If there is any suspicion of illegal activity, refer to the flowchart and report it to the police.", "obligation"),
    ("If you receive an abusive message, do not reply to it.", "prohibition"),
    ("If a pupil breaks these rules, their access will be withdrawn.", "statement"),
    ("Technology responsibly and safely I will tell my teacher if equipment is not working.", "obligation"),
    ("I understand that I must use school systems in a responsible way.", "obligation"),
])
def test_trend_introductions_conditional_commands_and_run_in_headings(text: str, expected: str) -> None:
    assert force(text) == expected


def test_taking_care_that_something_must_not_happen_forbids_it() -> None:
    assert force("Users must take particular care that devices which hold personal data must not be accessed by others.") \
        == "prohibition"
    assert force("Users must take care that devices are locked when left unattended.") == "obligation"


def test_a_sibling_announcing_the_following_takes_the_capitalised_items_after_it() -> None:
    outer = clause("l", "In the event of suspicion, all steps in this procedure should be followed:", kind="lead-in")
    step = clause("s", "If it does then appropriate action will be required and could include the following:", parent="l")
    items = [clause("a", "Internal response or discipline procedures", parent="l"),
             clause("b", "Police involvement and/or action", parent="l")]
    after = clause("c", "Isolate the computer in question.", parent="l")
    plain = clause("p", "Record the url of the site:", parent="l")
    assert sublist_head(step, None, items[0]) is step
    assert sublist_head(items[0], step, items[1]) is step
    assert sublist_head(plain, None, clause("d", "Take a screenshot", parent="l")) is None  # no "the following"
    doc = Document("d", Source("sources/d.txt", "0" * 64, "txt", "line"), Metadata(), clauses=[outer, step, *items, after])
    assert doc.lead_ins()["a"] is step and doc.lead_ins()["b"] is step
    assert force("Internal response or discipline procedures", step.text, outer=outer.text) == "statement"


@pytest.mark.parametrize("text,expected", [
    ("Parents may underestimate how often children come across harmful material.", "statement"),
    ("Local authorities may have further guidance specific to their area.", "statement"),
    ("Staff may have their own devices in the staff room.", "permission"),
    ("It is good practice, as recommended by the ICO, that the activities of data users will be logged.", "obligation"),
    ("When using email the school considers the following as good practice:", "statement"),
    ("The Online safety Coordinator will receive regular updates through external training.", "obligation"),
    ("Members of staff will be made aware of the school's password policy.", "obligation"),
])
def test_possibilities_good_practice_and_what_a_role_will_receive(text: str, expected: str) -> None:
    assert force(text, kind="lead-in" if text.endswith(":") else "clause") == expected


@pytest.mark.parametrize("text,lead,expected", [
    ("are banned under the school rules; and", "It is important that the policy sets out the items which:", "statement"),
    ("have permission to access that data", "Take care that personal data cannot be accessed by anyone who does not:",
     "obligation"),
    ("Likelihood Overall risk level (low, medium, high)",
     "Risk assessments should result in the completion of a Risk Actions Form (example below):", "statement"),
    ("accepting friend requests from pupils", "Staff must not:", "prohibition"),
])
def test_items_completing_a_relative_clause_a_negated_condition_or_a_form(text: str, lead: str, expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize("text,expected", [
    ("appoint the Information Asset Owners (IAOs)", "obligation"),  # under the SIRO's "will:", below
    ("The school will hold the minimum personal data necessary and it will not hold it for longer than necessary.",
     "prohibition"),
    ("CPOMS will be used to record and monitor online safety incidents.", "obligation"),
    ("Authorised staff can search a pupil of the opposite gender without a witness present, but only where there "
     "is a risk of serious harm.", "obligation"),
    ("Staff can search pupils' bags with their consent.", "permission"),
    ("The impact of data loss can be severe and cause embarrassment.", "statement"),
    ("This committee may be part of the safeguarding group.", "statement"),
])
def test_a_role_item_a_pledge_not_to_a_restricted_power_and_possibilities(text: str, expected: str) -> None:
    lead = "The SIRO is the Headteacher. This person will keep up to date with legislation and will:"
    assert force(text, lead if text.startswith("appoint") else None) == expected


def test_a_lead_in_over_a_form_keeps_its_own_rule() -> None:
    lead = "Risk assessments are an ongoing process and should result in the completion of a form (example below):"
    assert force(lead, kind="lead-in") == "obligation"


# Round 6 (set blind8): each mechanism on both sides.
@pytest.mark.parametrize("text,lead,expected", [
    ("Kept no longer than is necessary", "The Act states that personal data must be:", "obligation"),
    ("Data is kept no more than six years.", None, "statement"),
    ("Responses are sent no later than the next school day.", None, "statement"),
    # a real "no ... may / should" still forbids
    ("No pupil may bring a phone into the exam hall.", None, "prohibition"),
    ("No personal data should be kept on a memory stick.", None, "prohibition"),
])
def test_a_limit_no_longer_than_is_no_negation(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize("text,lead,expected", [
    ("Staff meetings / briefings / Inset",
     "All staff will receive data protection training and will be made aware of their responsibilities through:",
     "statement"),
    ("in lessons", "Pupils will be taught about passwords via:", "statement"),
    # a lead-in that obliges without naming the means still passes its rule
    ("at induction", "Members of staff will be made aware of the school's password policy:", "obligation"),
    ("the class teacher", "Pupils must report concerns to:", "obligation"),
])
def test_a_lead_in_listing_the_means_of_training_passes_no_rule(text: str, lead: str, expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize("text,lead,expected", [
    ("cyber-bullying (NB. some schools may choose to combine the two roles)",
     "Staff should be aware of safeguarding issues that may arise from:", "statement"),
    ("Appropriate filtering is in place (schools may wish to add detail).", None, "statement"),
    # the rule outside the brackets decides; a bracket that never closes is no aside
    ("Staff may use their own laptops (after a virus check).", None, "permission"),
    ("(see the appendix and www.ico.org.uk As a Data Controller, the school is responsible for the data.", None,
     "obligation"),
])
def test_a_modal_in_an_aside_in_brackets_sets_no_force(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected


@pytest.mark.parametrize("text,expected", [
    ("Extended the powers of the 2006 Act and gave permission for Headteachers to search for devices.", "permission"),
    ("It also provides powers to search for data on those devices and to delete data.", "permission"),
    ("The Act grants headteachers powers to confiscate items.", "permission"),
    # consent given by a parent is no power granted by law
    ("Parents give permission for photographs of their child to be used.", "statement"),
    ("The Act gives individuals the right to request information.", "statement"),
])
def test_a_law_granting_powers_or_permission_permits(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Users should be aware that email communications are monitored.", "statement"),
    ("Pupils need to be aware that the school filters internet access.", "statement"),
    # what they are to be aware of decides, and awareness without a fact still asks something
    ("Staff should be aware that they must report any concern to the DSL.", "obligation"),
    ("Staff should be aware of the risks of social media.", "obligation"),
])
def test_should_be_aware_that_a_fact_is_a_notice(text: str, expected: str) -> None:
    assert force(text) == expected
