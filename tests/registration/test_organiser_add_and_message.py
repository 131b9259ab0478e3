"""Organisers register someone by hand, and write to the registrants."""

import pytest
from django.core import mail

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Registration, Status
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)

from .organiser_helpers import organiser_of, registration_rows, shown_messages

pytestmark = pytest.mark.django_db

BASE = "/en/organise/ogp/registrations/launch/"


@pytest.fixture
def setup():
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch")
    return RegistrationSetupFactory(event=event, capacity=2, is_enabled=False)


@pytest.fixture
def logged_in(client, setup):
    client.force_login(organiser_of(setup.event.summit))
    return client


def person(**overrides) -> dict[str, str]:
    data = {
        "name": "Zoé Dupont",
        "email": "Zoe@Example.org",
        "organisation": "Ministère",
        "organisation_type": "government",
        "country": "FR",
        "language": "fr",
    }
    data.update(overrides)
    return data


# Adding someone


def test_an_organiser_registers_someone_even_when_registration_is_off(logged_in, setup):
    response = logged_in.post(f"{BASE}add/", person(), follow=True)

    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.category) == (
        "Zoé Dupont",
        "zoe@example.org",
        "government",
    )
    assert registration.status == Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["zoe@example.org"]]
    assert shown_messages(response) == ["Zoé Dupont is registered: Confirmed."]
    assert response.redirect_chain == [(BASE, 302)]


def test_someone_added_to_a_full_event_joins_the_waiting_list(logged_in, setup):
    RegistrationFactory.create_batch(2, event=setup.event)

    logged_in.post(f"{BASE}add/", person())

    assert Registration.objects.get(email="zoe@example.org").status == Status.WAITING


def test_answers_may_be_given_and_required_questions_left_empty(logged_in, setup):
    diet = RegistrationQuestionFactory(
        setup=setup, kind=QuestionKind.SHORT_TEXT, label={"en": "Diet"}, is_required=True
    )
    visa = RegistrationQuestionFactory(setup=setup, kind=QuestionKind.CHECKBOX, is_required=True)

    logged_in.post(f"{BASE}add/", person(**{diet.field_name: "Vegetarian"}))

    assert Registration.objects.get().answers == {str(diet.pk): "Vegetarian"}
    visa.refresh_from_db()
    assert visa.is_required is True


def test_adding_someone_already_registered_is_refused(logged_in, setup):
    RegistrationFactory(event=setup.event, email="zoe@example.org", status=Status.WAITING)
    before = registration_rows()

    response = logged_in.post(f"{BASE}add/", person())

    assert response.context["form"].errors["email"] == [
        "zoe@example.org is already registered for this event (On the waiting list)."
    ]
    assert registration_rows() == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        (
            {"country": "XX"},
            "country",
            "Select a valid choice. XX is not one of the available choices.",
        ),
        (
            {"language": "de"},
            "language",
            "Select a valid choice. de is not one of the available choices.",
        ),
        (
            {"organisation_type": "cartel"},
            "organisation_type",
            "Select a valid choice. cartel is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused_and_registers_nobody(logged_in, setup, overrides, field, error):
    response = logged_in.post(f"{BASE}add/", person(**overrides))

    assert response.context["form"].errors[field] == [error]
    assert Registration.objects.count() == 0


# Writing to registrants


@pytest.fixture
def registrants(setup):
    RegistrationFactory(event=setup.event, email="ada@example.org", status=Status.CONFIRMED)
    RegistrationFactory(
        event=setup.event,
        email="grace@example.org",
        status=Status.WAITING,
        organisation_type="government",
    )
    RegistrationFactory(event=setup.event, email="alan@example.org", status=Status.CANCELLED)
    RegistrationFactory(email="elsewhere@example.org")


def test_the_page_says_how_many_people_will_receive_the_message(logged_in, registrants):
    everyone = logged_in.get(f"{BASE}message/")
    government = logged_in.get(f"{BASE}message/", {"category": "government"})
    cancelled = logged_in.get(f"{BASE}message/", {"status": "cancelled"})

    assert (
        everyone.context["recipient_count"],
        government.context["recipient_count"],
        cancelled.context["recipient_count"],
    ) == (2, 1, 1)
    assert "This message will go to 2 people: everyone whose registration is active." in (
        everyone.text
    )
    assert "Category: Government" in government.text


def test_the_message_is_checked_before_it_is_sent(logged_in, registrants):
    response = logged_in.post(
        f"{BASE}message/", {"subject": "Venue change", "body": "We move to the Hemicycle."}
    )

    assert response.context["confirming"] is True
    assert "Check the message before sending it" in response.text
    assert '<input type="hidden" name="subject" value="Venue change">' in response.text
    assert mail.outbox == []


def test_confirming_sends_one_message_to_each_matching_registrant(logged_in, registrants):
    response = logged_in.post(
        f"{BASE}message/",
        {
            "subject": "Venue change",
            "body": "We move to the Hemicycle.",
            "confirmed": "yes",
            "status": "waiting",
        },
        follow=True,
    )

    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["grace@example.org"], "Venue change")
    ]
    assert mail.outbox[0].extra_headers["X-Cosummit-Summit"] == "ogp"
    assert shown_messages(response) == ["The message is on its way to 1 person."]
    assert response.redirect_chain == [(f"{BASE}?status=waiting", 302)]


def test_changing_the_message_goes_back_to_the_form(logged_in, registrants):
    response = logged_in.post(
        f"{BASE}message/", {"subject": "Venue change", "body": "Draft", "edit": "yes"}
    )

    assert response.context["confirming"] is False
    assert mail.outbox == []


def test_nobody_matching_sends_nothing(logged_in, registrants):
    response = logged_in.post(
        f"{BASE}message/",
        {"subject": "Hello", "body": "Hi", "confirmed": "yes", "q": "nobody-like-this"},
    )

    assert response.context["form"].non_field_errors() == [
        "Nobody matches these filters: no message was sent."
    ]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"subject": "", "body": "Hi"}, "subject", "This field is required."),
        ({"subject": "Hi", "body": ""}, "body", "This field is required."),
        (
            {"subject": "x" * 201, "body": "Hi"},
            "subject",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
    ],
)
def test_an_incomplete_message_is_refused(logged_in, registrants, data, field, error):
    response = logged_in.post(f"{BASE}message/", {**data, "confirmed": "yes"})

    assert response.context["form"].errors[field] == [error]
    assert mail.outbox == []


def test_people_whose_data_was_erased_are_not_written_to(logged_in, setup, registrants):
    erased = RegistrationFactory(event=setup.event, status=Status.CANCELLED)
    Registration.objects.filter(pk=erased.pk).update(email=f"erased-{erased.pk}@invalid")

    response = logged_in.get(f"{BASE}message/", {"status": "cancelled"})

    assert response.context["recipient_count"] == 1
