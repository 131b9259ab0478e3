"""Organisers write the decision e-mails, in French and English, with known placeholders."""

import pytest
from django.core.exceptions import ValidationError

from cosummit.review import decisions
from cosummit.review.models import DecisionTemplate, Outcome
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.review.decision_helpers import convener_of


def templates_url(summit) -> str:
    return f"/en/{summit.slug}/review/decisions/templates/"


def reject_data(**overrides) -> dict:
    data = {
        "outcome": "reject",
        "reject-subject_fr": "À propos de « {title} »",
        "reject-subject_en": "About “{title}”",
        "reject-body_fr": "Bonjour {name},\n\nDésolés.",
        "reject-body_en": "Hello {name},\n\nSorry.",
    }
    data.update(overrides)
    return data


def test_the_page_shows_the_default_e_mails_without_saving_them(client, organiser, summit):
    client.force_login(organiser)
    response = client.get(templates_url(summit))
    assert [label for _outcome, label, _form in response.context["forms"]] == [
        "Accept",
        "Reject",
        "Wait-list",
    ]
    assert "Your proposal “{title}” is accepted for {summit}" in response.text
    assert "<dt><code>{reply_url}</code></dt>" in response.text
    assert DecisionTemplate.objects.count() == 0


def test_an_organiser_saves_one_e_mail(client, organiser, summit):
    client.force_login(organiser)
    response = client.post(templates_url(summit), reject_data(), follow=True)
    assert response.redirect_chain == [(templates_url(summit), 302)]
    assert "The e-mail for “Reject” was saved." in response.text
    saved = DecisionTemplate.objects.get(summit=summit, outcome="reject")
    assert (dict(saved.subject), dict(saved.body)) == (
        {"fr": "À propos de « {title} »", "en": "About “{title}”"},
        {"fr": "Bonjour {name},\n\nDésolés.", "en": "Hello {name},\n\nSorry."},
    )


def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(client, organiser, summit):
    client.force_login(organiser)
    response = client.post(
        templates_url(summit), reject_data(**{"reject-body_en": "Hello {first_name}, {score}."})
    )
    assert response.status_code == 400
    assert (
        "Unknown placeholder: {first_name}, {score}. Use only {name}, {title}, {summit}, "
        "{reply_url}, {reply_by}."
    ) in response.text
    assert DecisionTemplate.objects.count() == 0


def test_the_acceptance_must_give_the_reply_link(client, organiser, summit):
    client.force_login(organiser)
    response = client.post(
        templates_url(summit),
        {
            "outcome": "accept",
            "accept-subject_en": "Accepted",
            "accept-body_en": "Hello {name}, you are in.",
        },
    )
    assert response.status_code == 400
    assert "Give accepted speakers the link to reply: write {reply_url} in each language." in (
        response.text
    )
    assert DecisionTemplate.objects.count() == 0


def test_an_empty_e_mail_is_refused(client, organiser, summit):
    client.force_login(organiser)
    response = client.post(
        templates_url(summit), reject_data(**{"reject-body_fr": "", "reject-body_en": ""})
    )
    assert response.status_code == 400
    assert "Fill this in, in at least one language." in response.text
    assert DecisionTemplate.objects.count() == 0


def test_an_unknown_outcome_is_refused(client, organiser, summit):
    client.force_login(organiser)
    response = client.post(templates_url(summit), reject_data(outcome="maybe"), follow=True)
    assert "Choose accept, reject or wait-list." in response.text
    assert DecisionTemplate.objects.count() == 0


def test_the_domain_refuses_unknown_placeholders_too(summit, organiser):
    with pytest.raises(ValidationError) as refused:
        decisions.save_decision_template(
            summit, Outcome.REJECT, subject={"en": "{title.upper}"}, body={"en": "Hi"}, by=organiser
        )
    assert refused.value.message_dict == {
        "subject": [
            "Unknown placeholder: {title.upper}. Use only {name}, {title}, {summit}, "
            "{reply_url}, {reply_by}."
        ]
    }
    assert DecisionTemplate.objects.count() == 0


@pytest.mark.parametrize("kind", ["anonymous", "participant", "convener", "other organiser"])
def test_only_the_summits_organisers_edit_the_e_mails(client, summit, kind):
    users = {
        "participant": UserFactory,
        "convener": lambda: convener_of(summit),
        "other organiser": lambda: (
            TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user
        ),
    }
    if kind in users:
        client.force_login(users[kind]())
    expected = 302 if kind == "anonymous" else 404
    assert client.get(templates_url(summit)).status_code == expected
    assert client.post(templates_url(summit), reject_data()).status_code == expected
    assert DecisionTemplate.objects.count() == 0
