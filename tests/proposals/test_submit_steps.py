"""Writing a proposal step by step: each step saves the draft, nothing is lost."""

import pytest

from cosummit.proposals.models import Proposal, Speaker, State
from tests.proposals.factories import (
    SessionFormatFactory,
    format_step_data,
    new_url,
    organisations_step_data,
    step_url,
    text_step_data,
)

pytestmark = pytest.mark.django_db


def test_step_one_creates_a_draft_whose_author_is_the_writer(client, participant, workshop, track):
    client.force_login(participant)

    response = client.post(new_url(workshop.call.summit), format_step_data(workshop, track))

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(proposal, "text")
    assert (proposal.state, proposal.format, proposal.track, proposal.language) == (
        State.DRAFT,
        workshop,
        track,
        "fr",
    )
    assert list(Speaker.objects.values_list("user", "is_author")) == [(participant.pk, True)]


def test_the_whole_form_saves_each_step(client, participant, workshop, track):
    client.force_login(participant)
    summit = workshop.call.summit
    client.post(new_url(summit), format_step_data(workshop, track))
    proposal = Proposal.objects.get()

    text = client.post(step_url(proposal, "text"), {**text_step_data(), "go": "next"})
    organisations = client.post(
        step_url(proposal, "organisations"),
        organisations_step_data(
            rows=[("Ville de Paris", "government", "FR"), ("Data Pour Tous", "civil_society", "")]
        ),
    )
    questions = client.post(step_url(proposal, "questions"), {})

    assert [text["Location"], organisations["Location"], questions["Location"]] == [
        step_url(proposal, "organisations"),
        step_url(proposal, "questions"),
        step_url(proposal, "speakers"),
    ]
    proposal.refresh_from_db()
    assert (proposal.title, proposal.expected_audience, proposal.is_co_led) == (
        "Budgets participatifs et jeunesse",
        40,
        True,
    )
    assert list(proposal.organisations.values_list("name", "organisation_type", "country")) == [
        ("Ville de Paris", "government", "FR"),
        ("Data Pour Tous", "civil_society", ""),
    ]
    assert proposal.search_text.startswith("budgets participatifs et jeunesse comment")
    for step in ("format", "text", "organisations", "questions", "speakers", "review"):
        assert client.get(step_url(proposal, step)).status_code == 200


@pytest.fixture
def draft(participant, workshop, track):
    from tests.proposals.factories import ProposalFactory

    return ProposalFactory(
        summit=workshop.call.summit,
        author=participant,
        format=workshop,
        track=track,
        state=State.DRAFT,
        title="Ancien titre",
        language="fr",
    )


def test_saving_and_going_back_keeps_the_text_and_opens_the_previous_step(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "text"), {**text_step_data(title="Nouveau titre"), "go": "previous"}
    )
    page = client.get(step_url(draft, "text")).text

    assert response["Location"] == step_url(draft, "format")
    assert 'value="Nouveau titre"' in page


def test_saving_the_draft_stays_on_the_step_and_says_so(client, draft):
    client.force_login(draft.created_by)

    response = client.post(step_url(draft, "text"), {**text_step_data(), "go": "stay"}, follow=True)

    assert response.redirect_chain == [(step_url(draft, "text"), 302)]
    assert "Your changes are saved." in response.text


def test_autosave_saves_the_step_and_answers_the_time(client, draft, settings):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "text"), {**text_step_data(title="Brouillon automatique"), "autosave": "1"}
    )

    draft.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["message"].startswith("Saved at ")
    assert draft.title == "Brouillon automatique"


def test_autosave_of_bad_input_saves_nothing_and_names_the_errors(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "text"), {**text_step_data(title="x" * 201), "autosave": "1"}
    )

    draft.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert list(response.json()["errors"]) == ["title"]
    assert draft.title == "Ancien titre"


def test_a_step_with_bad_input_shows_the_error_and_saves_nothing(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "text"),
        text_step_data(title="Nouveau", other_title="Participatory budgets", other_language=""),
    )

    draft.refresh_from_db()
    assert response.status_code == 200
    assert "Nothing was saved: please correct the errors below." in response.text
    assert "Say in which language the other title is." in response.text
    assert draft.title == "Ancien titre"


def test_the_other_language_must_differ_from_the_texts(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "text"), text_step_data(other_language="fr", other_title="Titre")
    )

    assert "Choose a language other than that of your text." in response.text


def test_a_draft_may_be_saved_half_written(client, draft):
    client.force_login(draft.created_by)

    response = client.post(step_url(draft, "text"), text_step_data(title="", abstract=""))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.title, draft.abstract) == ("", "")


def test_a_submitted_proposal_keeps_its_required_fields(client, draft):
    draft.state = State.SUBMITTED
    draft.save()
    client.force_login(draft.created_by)

    response = client.post(step_url(draft, "text"), text_step_data(title=""))

    draft.refresh_from_db()
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert draft.title == "Ancien titre"


def test_empty_organisation_rows_are_left_out_and_the_co_led_flag_follows(client, draft):
    client.force_login(draft.created_by)
    client.post(
        step_url(draft, "organisations"),
        organisations_step_data(
            rows=[("Ministère", "government", "FR"), ("Collectif", "civil_society", "SN")]
        ),
    )

    client.post(
        step_url(draft, "organisations"),
        organisations_step_data(rows=[("Collectif", "civil_society", "SN")]),
    )

    draft.refresh_from_db()
    assert list(draft.organisations.values_list("name", flat=True)) == ["Collectif"]
    assert draft.is_co_led is False


def test_an_organisation_needs_a_type(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        step_url(draft, "organisations"), organisations_step_data(rows=[("Collectif", "", "")])
    )

    assert response.status_code == 200
    assert "Say what kind of organisation it is." in response.text
    assert draft.organisations.count() == 0


def test_a_duration_outside_the_formats_bounds_is_refused(client, draft):
    pitch = SessionFormatFactory(
        call=draft.format.call,
        kind="pitch",
        min_minutes=10,
        max_minutes=15,
        name={"en": "Pitch", "fr": "Pitch"},
    )
    client.force_login(draft.created_by)

    response = client.post(step_url(draft, "format"), format_step_data(pitch, duration="30"))

    draft.refresh_from_db()
    assert "A Pitch lasts between 10 and 15 minutes." in response.text
    assert draft.format != pitch


def test_an_unknown_step_is_not_found(client, draft):
    client.force_login(draft.created_by)

    assert client.get(step_url(draft, "payment")).status_code == 404


def test_country_names_are_in_the_readers_language(client, draft):
    client.force_login(draft.created_by)

    french = client.get(step_url(draft, "organisations", language="fr")).text
    english = client.get(step_url(draft, "organisations", language="en")).text

    assert '<option value="ZA">Afrique du Sud</option>' in french
    assert '<option value="ZA">South Africa</option>' in english
