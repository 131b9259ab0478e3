"""The registrant's private pages, reached by the token in their address."""

import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Quota, Registration, Status
from tests.registration import participant
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)

PRIVATE_PAGES = ["detail", "confirm", "edit", "cancel", "data", "delete"]


@pytest.fixture(autouse=True)
def _protection(settings):
    participant.use_easy_protection(settings)


@pytest.fixture
def held(open_event):
    return RegistrationFactory(event=open_event, status=Status.HELD, language="en")


@pytest.fixture
def confirmed(open_event):
    return RegistrationFactory(event=open_event, status=Status.CONFIRMED, language="en")


@pytest.fixture
def meal_question(open_event):
    return RegistrationQuestionFactory(
        setup=open_event.registration_setup,
        kind=QuestionKind.SINGLE_CHOICE,
        label={"en": "Meal", "fr": "Repas"},
        options=[
            {"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien"}},
            {"value": "any", "label": {"en": "Anything", "fr": "Tout"}},
        ],
        is_required=True,
    )


def url(registration, name="detail"):
    return participant.private_url(registration, name)


# Every private page


@pytest.mark.parametrize("name", [*PRIVATE_PAGES, "ics", "qr"])
def test_an_unknown_token_is_not_found(client, db, name):
    registration = Registration(token="no-such-token")
    assert client.get(url(registration, name)).status_code == 404


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_private_pages_are_kept_out_of_shared_caches_and_referrers(client, held, name):
    response = client.get(url(held, name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_ticket_files_are_kept_out_of_shared_caches_too(client, confirmed):
    responses = [client.get(url(confirmed, name)) for name in ("ics", "qr")]
    assert [response["Cache-Control"] for response in responses] == ["private, no-store"] * 2
    assert [response["Referrer-Policy"] for response in responses] == ["same-origin"] * 2


def test_redirects_of_private_pages_are_private_too(client, confirmed):
    response = client.post(url(confirmed, "cancel"))
    assert response.status_code == 302
    assert response["Referrer-Policy"] == "same-origin"


# The page of a registration


def test_held_registration_says_until_when_and_offers_the_confirm_button(client, held):
    response = client.get(url(held))
    deadline = held.hold_expires_at.astimezone(held.event.tz)
    page = participant.text(response)
    assert f"We are holding a seat for you until {deadline:%b}. {deadline.day}" in page
    assert f'<form method="post" action="{url(held, "confirm")}"' in response.content.decode()
    assert "Your ticket" not in page


def test_waiting_registration_shows_its_position(client, open_event):
    RegistrationFactory(event=open_event, status=Status.WAITING)
    waiting = RegistrationFactory(event=open_event, status=Status.WAITING)
    page = participant.text(client.get(url(waiting)))
    assert "The event is full: you are number 2 on the waiting list." in page
    assert "Confirm my registration" not in page


def test_confirmed_registration_shows_the_ticket(client, confirmed):
    response = client.get(url(confirmed))
    content = response.content.decode()
    assert f'<p class="ticket__code">{confirmed.code}</p>' in content
    assert re.search(r'<svg [^>]*class="qr-code"', content)
    assert f'href="{url(confirmed, "ics")}"' in content
    assert "Confirm my registration" not in participant.text(response)


def test_the_page_lists_the_answers_with_their_questions(client, open_event, meal_question):
    registration = RegistrationFactory(
        event=open_event, answers={str(meal_question.pk): "vegetarian"}
    )
    assert "Your answers Meal Vegetarian" in participant.text(client.get(url(registration)))


def test_a_hold_past_its_deadline_says_so_and_offers_no_button(client, open_event):
    registration = RegistrationFactory(
        event=open_event,
        status=Status.HELD,
        hold_expires_at=timezone.now() - dt.timedelta(minutes=5),
    )
    page = participant.text(client.get(url(registration)))
    assert "That time has passed, so the seat goes to someone else." in page
    assert "Confirm my registration" not in page


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Status.CANCELLED, "This registration is cancelled."),
        (Status.EXPIRED, "This registration expired: it was not confirmed in time."),
        (Status.REJECTED, "The organisers could not accept this registration."),
        (Status.AWAITING_APPROVAL, "The organisers approve each registration"),
        (Status.OFFERED, "A seat has freed up for you. Confirm before"),
    ],
)
def test_each_status_is_explained(client, open_event, status, message):
    registration = RegistrationFactory(event=open_event, status=status)
    assert message in participant.text(client.get(url(registration)))


def test_only_get_is_allowed_on_the_page(client, held):
    assert client.post(url(held)).status_code == 405


# Confirming


def test_following_the_link_only_shows_the_button(client, held):
    response = client.get(url(held, "confirm"))
    held.refresh_from_db()
    assert held.status == Status.HELD
    assert "Confirm my registration" in participant.text(response)
    assert mail.outbox == []


def test_posting_confirms_and_sends_the_ticket(client, held):
    response = client.post(url(held, "confirm"), follow=True)
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED
    assert response.redirect_chain == [(url(held), 302)]
    assert "Your registration is confirmed. We have sent your ticket by e-mail." in (
        participant.text(response)
    )
    assert held.code in participant.text(response)
    assert [message.subject for message in mail.outbox] == [
        f"Your ticket: {held.event.title['en']}"
    ]


def test_confirming_when_organisers_approve_waits_for_them(client, db):
    setup = RegistrationSetupFactory(requires_approval=True)
    registration = RegistrationFactory(event=setup.event, status=Status.HELD)
    response = client.post(url(registration, "confirm"), follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.AWAITING_APPROVAL
    assert "The organisers approve each registration; we will write to you" in (
        participant.text(response)
    )


def test_confirming_too_late_says_so_and_releases_the_seat(client, open_event):
    registration = RegistrationFactory(
        event=open_event,
        status=Status.HELD,
        hold_expires_at=timezone.now() - dt.timedelta(minutes=5),
    )
    response = client.post(url(registration, "confirm"))
    registration.refresh_from_db()
    assert registration.status == Status.EXPIRED
    assert "Too late: the time to confirm has passed." in participant.text(response)
    assert "Confirm my registration" not in participant.text(response).replace(
        "Confirm your registration", ""
    )


def test_confirming_a_registration_on_the_waiting_list_changes_nothing(client, open_event):
    registration = RegistrationFactory(event=open_event, status=Status.WAITING)
    response = client.post(url(registration, "confirm"))
    registration.refresh_from_db()
    assert registration.status == Status.WAITING
    assert "Confirm my registration" not in participant.text(response)


# Calendar and QR code


def test_the_calendar_file_of_a_confirmed_registration(client, confirmed):
    response = client.get(url(confirmed, "ics"))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert response["Content-Disposition"] == (f'attachment; filename="{confirmed.event.slug}.ics"')
    assert body.startswith("BEGIN:VCALENDAR")
    assert confirmed.code in body


def test_the_qr_code_of_a_confirmed_registration(client, confirmed):
    response = client.get(url(confirmed, "qr"))
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", ["ics", "qr"])
def test_no_ticket_before_confirmation(client, held, name):
    assert client.get(url(held, name)).status_code == 404


# Changing the answers


def test_the_edit_form_shows_the_current_details_and_answers(client, open_event, meal_question):
    registration = RegistrationFactory(
        event=open_event, answers={str(meal_question.pk): "vegetarian"}
    )
    content = client.get(url(registration, "edit")).content.decode()
    fields = participant.inputs(content)
    assert fields["name"]["value"] == registration.name
    assert "email" not in fields
    assert (
        f'<input type="radio" name="{meal_question.field_name}" value="vegetarian" '
        f'id="id_{meal_question.field_name}_0" checked>'
    ) in content


def test_editing_changes_the_details_and_answers(client, open_event, meal_question):
    registration = RegistrationFactory(event=open_event)
    response = client.post(
        url(registration, "edit"),
        {
            "name": "Ada King",
            "organisation": "Royal Society",
            "organisation_type": "academia",
            "country": "GB",
            meal_question.field_name: "any",
        },
        follow=True,
    )
    registration.refresh_from_db()
    assert "Your registration is updated." in participant.text(response)
    assert (registration.name, registration.organisation, registration.category) == (
        "Ada King",
        "Royal Society",
        "other",
    )
    assert registration.answers == {str(meal_question.pk): "any"}


def test_editing_without_a_required_answer_changes_nothing(client, open_event, meal_question):
    registration = RegistrationFactory(
        event=open_event, name="Ada Lovelace", answers={str(meal_question.pk): "vegetarian"}
    )
    response = client.post(url(registration, "edit"), {"name": "Ada King"})
    registration.refresh_from_db()
    assert f'<a href="#id_{meal_question.field_name}_0">Meal – Answer this question.</a>' in (
        response.content.decode()
    )
    assert (registration.name, registration.answers) == (
        "Ada Lovelace",
        {str(meal_question.pk): "vegetarian"},
    )


def test_moving_to_a_full_category_is_refused(client, open_event):
    Quota.objects.create(setup=open_event.registration_setup, category="government", capacity=1)
    RegistrationFactory(event=open_event, organisation_type="government")
    registration = RegistrationFactory(event=open_event, organisation_type="civil_society")
    response = client.post(
        url(registration, "edit"), {"name": "Ada", "organisation_type": "government"}
    )
    registration.refresh_from_db()
    assert "There is no seat left for people from this type of organisation" in (
        participant.text(response)
    )
    assert registration.organisation_type == "civil_society"


def test_a_cancelled_registration_cannot_be_edited(client, open_event):
    registration = RegistrationFactory(
        event=open_event, name="Ada Lovelace", status=Status.CANCELLED
    )
    response = client.post(url(registration, "edit"), {"name": "Someone"}, follow=True)
    registration.refresh_from_db()
    assert "This registration can no longer be changed." in participant.text(response)
    assert registration.name == "Ada Lovelace"


# Cancelling


def test_cancelling_asks_first(client, confirmed):
    response = client.get(url(confirmed, "cancel"))
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED
    assert "Yes, cancel my registration" in participant.text(response)


def test_cancelling_frees_the_seat_for_the_first_person_waiting(client, db):
    setup = RegistrationSetupFactory(capacity=1)
    confirmed = RegistrationFactory(event=setup.event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=setup.event, status=Status.WAITING)
    response = client.post(url(confirmed, "cancel"), follow=True)
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert "Your registration is cancelled." in participant.text(response)
    assert (confirmed.status, waiting.status) == (Status.CANCELLED, Status.OFFERED)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [confirmed.email, waiting.email]
    )


def test_a_cancelled_registration_cannot_be_cancelled_again(client, open_event):
    registration = RegistrationFactory(event=open_event, status=Status.CANCELLED)
    response = client.post(url(registration, "cancel"), follow=True)
    assert "This registration is not active: there is nothing to cancel." in (
        participant.text(response)
    )
    assert mail.outbox == []


# My data


def test_the_data_download_holds_every_field_and_the_answers(client, open_event, meal_question):
    registration = RegistrationFactory(
        event=open_event,
        answers={str(meal_question.pk): "vegetarian", "999999": "an old answer"},
    )
    response = client.get(url(registration, "data"))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == (
        f'attachment; filename="registration-{registration.code}.json"'
    )
    assert (data["name"], data["email"], data["code"], data["status"]) == (
        registration.name,
        registration.email,
        registration.code,
        "confirmed",
    )
    assert (data["organisation"], data["organisation_type"], data["country"]) == (
        "Open Data Collective",
        "civil_society",
        "FR",
    )
    assert (data["consent_version"], data["category"], data["language"]) == (
        1,
        "civil_society",
        "fr",
    )
    assert data["event"]["title"] == open_event.title["en"]
    assert data["answers"] == [
        {"question": "Meal", "answer": "vegetarian", "as_shown": "Vegetarian"},
        {"question": None, "answer": "an old answer", "as_shown": "an old answer"},
    ]


def test_deleting_asks_first(client, confirmed):
    response = client.get(url(confirmed, "delete"))
    confirmed.refresh_from_db()
    assert "Yes, delete my data" in participant.text(response)
    assert (confirmed.email.endswith("@example.org"), confirmed.status) == (
        True,
        Status.CONFIRMED,
    )


def test_deleting_erases_the_data_and_cancels_the_registration(client, db):
    setup = RegistrationSetupFactory(capacity=1)
    confirmed = RegistrationFactory(event=setup.event, name="Ada Lovelace", status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=setup.event, status=Status.WAITING)
    response = client.post(url(confirmed, "delete"))
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert "Your data is deleted" in participant.text(response)
    assert (confirmed.name, confirmed.email, confirmed.status) == (
        "—",
        f"erased-{confirmed.pk}@invalid",
        Status.CANCELLED,
    )
    assert waiting.status == Status.OFFERED
    page = participant.text(client.get(url(confirmed)))
    assert "Your personal data for this registration has been erased." in page
    assert "Ada Lovelace" not in page
