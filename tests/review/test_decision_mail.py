"""The decision e-mails: one per speaker, in their language, held until an organiser sends them."""

import datetime as dt

import pytest
from django.core import mail

from cosummit.core.mail import release_held
from cosummit.core.models import OutboxMessage
from cosummit.review import decisions
from cosummit.review.models import DecisionTemplate, Outcome
from tests.proposals.factories import ProposalOrganisationFactory
from tests.review.decision_helpers import proposal_of, speaker, use_outbox
from tests.review.factories import ReviewerFactory, ReviewFactory

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def outbox(settings):
    use_outbox(settings)


@pytest.fixture
def accepted(summit, organiser):
    """A proposal with an English author and a French co-speaker, accepted (pending)."""
    summit.name = {"fr": "Sommet de Paris", "en": "Paris Summit"}
    summit.save()
    amina = speaker("Amina", "fr")
    proposal = proposal_of(
        summit, None, "Open budgets", author=speaker("John", "en"), speakers=[amina]
    )
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    return proposal


def by_address(messages) -> dict:
    return {message.to[0]: message for message in messages}


def test_each_speaker_gets_one_e_mail_in_their_language(accepted, summit, organiser, settings):
    settings.SITE_URL = "https://cosummit.example"
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    messages = by_address(mail.outbox)
    assert sorted(messages) == ["amina@example.org", "john@example.org"]
    english, french = messages["john@example.org"], messages["amina@example.org"]
    token = accepted.decision.token
    assert english.subject == "Your proposal “Open budgets” is accepted for Paris Summit"
    assert english.body == (
        "Hello John,\n"
        "\n"
        "We are glad to tell you that your proposal “Open budgets” is accepted for "
        "Paris Summit.\n"
        "\n"
        "Please confirm that you will hold this session, or tell us that you cannot, before "
        "Sept. 15, 2016, noon (Europe/Paris), through this link:\n"
        f"https://cosummit.example/en/{summit.slug}/review/decisions/reply/{token}/\n"
        "\n"
        "Without an answer by then, your place may be offered to another session. The "
        "organisers will write to you about the schedule and the practical details once you "
        "have confirmed.\n"
        "\n"
        "Thank you for answering the call for proposals.\n"
        "\n"
        "The organisers of Paris Summit"
    )
    # The French catalogue is filled later: the French e-mail is told by its
    # summit name, link and date, which do not depend on it.
    assert "Sommet de Paris" in french.subject
    assert "Hello Amina" in french.body or "Bonjour Amina" in french.body
    assert f"/fr/{summit.slug}/review/decisions/reply/{token}/" in french.body
    assert "15 septembre 2016 12:00 (Europe/Paris)" in french.body


def test_the_e_mails_are_tagged_with_the_summit_and_held(accepted, summit, organiser):
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    assert [message.extra_headers for message in mail.outbox] == [
        {"X-Cosummit-Summit": summit.slug, "X-Cosummit-Hold": "1"}
    ] * 2


def test_held_e_mails_wait_in_the_outbox_until_released_then_go_once(
    accepted, summit, organiser, outbox, django_capture_on_commit_callbacks
):
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    held = OutboxMessage.objects.filter(summit_slug=summit.slug)
    assert sorted(held.values_list("to", "status")) == [
        (["amina@example.org"], "held"),
        (["john@example.org"], "held"),
    ]
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert release_held(summit.slug, by=organiser) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert release_held(summit.slug, by=organiser) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "amina@example.org",
        "john@example.org",
    ]
    assert set(held.values_list("status", flat=True)) == {"sent"}


def test_a_rejection_has_no_reply_link(summit, organiser):
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    decisions.set_decision(proposal, outcome=Outcome.REJECT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    [message] = mail.outbox
    assert message.subject == f"Your proposal “Budgets” for {summit.name['en']}"
    assert "/reply/" not in message.body
    assert "could not be selected" in message.body


def test_a_wait_list_e_mail_says_so(summit, organiser):
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    decisions.set_decision(proposal, outcome=Outcome.WAITLIST, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    [message] = mail.outbox
    assert message.subject == (
        f"Your proposal “Budgets” is on the waiting list for {summit.name['en']}"
    )


def test_the_summits_own_template_is_used_with_its_placeholders(summit, organiser):
    decisions.save_decision_template(
        summit,
        Outcome.REJECT,
        subject={"en": "About {title}", "fr": "À propos de {title}"},
        body={"en": "Dear {name}, sorry. {summit}", "fr": "Cher {name}, désolés. {summit}"},
        by=organiser,
    )
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    decisions.set_decision(proposal, outcome=Outcome.REJECT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    [message] = mail.outbox
    assert (message.subject, message.body) == (
        "About Budgets",
        f"Dear John, sorry. {summit.name['en']}",
    )


def test_a_template_missing_the_speakers_language_falls_back_to_another(summit, organiser):
    decisions.save_decision_template(
        summit,
        Outcome.REJECT,
        subject={"fr": "À propos de {title}"},
        body={"fr": "Désolés."},
        by=organiser,
    )
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    decisions.set_decision(proposal, outcome=Outcome.REJECT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    assert [(message.subject, message.body) for message in mail.outbox] == [
        ("À propos de Budgets", "Désolés.")
    ]


def test_a_speaker_without_a_language_is_written_to_in_the_proposals(summit, organiser):
    proposal = proposal_of(summit, None, "Budgets", author=speaker("Amina", ""), language="fr")
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    [message] = mail.outbox
    assert f"/fr/{summit.slug}/review/decisions/reply/" in message.body


def test_the_title_is_given_in_the_speakers_language_when_the_authors_wrote_it(summit, organiser):
    proposal = proposal_of(
        summit,
        None,
        "Budgets ouverts",
        author=speaker("John", "en"),
        language="fr",
        other_language="en",
        other_title="Open budgets",
    )
    decisions.set_decision(proposal, outcome=Outcome.REJECT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    assert mail.outbox[0].subject == f"Your proposal “Open budgets” for {summit.name['en']}"


def test_e_mails_tell_nothing_of_the_review(summit, organiser):
    """Blind review: a speaker learns nothing of reviewers, their scores or other speakers."""
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    ProposalOrganisationFactory(proposal=proposal, name="Budget Watch")
    reviewer = ReviewerFactory(summit=summit, user__name="Rita Reviewer")
    ReviewFactory(reviewer=reviewer, proposal=proposal, total=83.5, comment="Too vague.")
    other = proposal_of(summit, None, "Other", author=speaker("Grace", "en"))
    for decided in (proposal, other):
        decisions.set_decision(decided, outcome=Outcome.ACCEPT, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    [message] = [sent for sent in mail.outbox if sent.to == ["john@example.org"]]
    for secret in ("Rita", reviewer.user.organisation, "83", "Too vague", "Grace", "Other"):
        assert secret not in message.subject + message.body


def test_a_placeholder_of_no_value_for_the_outcome_is_left_empty(summit, organiser):
    decisions.save_decision_template(
        summit,
        Outcome.WAITLIST,
        subject={"en": "Waiting"},
        body={"en": "Reply by: {reply_by}."},
        by=organiser,
    )
    proposal = proposal_of(summit, None, "Budgets", author=speaker("John", "en"))
    decisions.set_decision(proposal, outcome=Outcome.WAITLIST, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    assert mail.outbox[0].body == "Reply by: ."


def test_the_default_templates_exist_in_french_and_english(summit):
    templates = decisions.default_templates(summit)
    assert sorted(templates) == ["accept", "reject", "waitlist"]
    assert DecisionTemplate.objects.filter(summit=summit).count() == 3
    for template in templates.values():
        assert sorted(template.subject) == ["en", "fr"]
        assert sorted(template.body) == ["en", "fr"]
    assert decisions.default_templates(summit) == templates
    assert DecisionTemplate.objects.filter(summit=summit).count() == 3
