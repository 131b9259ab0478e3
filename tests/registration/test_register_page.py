"""The registration form of an event: guests and signed-in people, and every refusal."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Quota, Registration, Status
from tests.factories import EventFactory, SummitFactory, TeamMembershipFactory, UserFactory
from tests.registration import participant
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)


@pytest.fixture(autouse=True)
def _protection(settings):
    participant.use_easy_protection(settings)


@pytest.fixture
def visa_questions(open_event):
    """A checkbox question and a required question asked only when it is ticked."""
    setup = open_event.registration_setup
    visa = RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.CHECKBOX,
        label={"en": "Do you need a visa letter?", "fr": "Avez-vous besoin d'un visa ?"},
    )
    passport = RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Passport number", "fr": "Numéro de passeport"},
        depends_on=visa,
        depends_on_value="yes",
        is_required=True,
    )
    return visa, passport


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


# The page


def test_guest_sees_the_form_with_the_consent_text_and_the_questions(
    client, open_event, meal_question
):
    response = client.get(participant.register_url(open_event))
    page = participant.text(response)
    fields = participant.inputs(response.content.decode())
    assert response.status_code == 200
    assert "Registration is open: 10 seats left." in page
    assert "I agree that my data is used to organise the event." in page
    assert "Meal: Vegetarian Anything" in page
    assert fields["email"]["type"] == "email"
    assert "disabled" not in fields["email"]
    assert fields["consent"]["aria-describedby"] == "consent-text"
    in_order = ["name", "email", meal_question.field_name, "consent", "question_answer"]
    assert [name for name in fields if name in in_order] == in_order


def test_choices_are_grouped_in_a_fieldset_with_a_legend(client, open_event, meal_question):
    content = client.get(participant.register_url(open_event)).content.decode()
    field_id = f"id_{meal_question.field_name}"
    group = re.search(r"<fieldset>\s*<legend>Meal:</legend>(.*?)</fieldset>", content, re.S)
    assert re.findall(r'<input type="radio" [^>]*id="([^"]+)"', group[1]) == [
        f"{field_id}_0",
        f"{field_id}_1",
    ]


def test_the_page_loads_its_scripts_from_static_files_only(client, open_event):
    content = client.get(participant.register_url(open_event)).content.decode()
    assert '<script src="/static/cosummit/questions.js" defer></script>' in content
    assert '<script src="/static/cosummit/registration.js" defer></script>' in content
    assert content.count("<script") == 2


# Registering as a guest


def test_guest_gets_a_held_seat_and_is_told_until_when(client, open_event):
    response = participant.register(client, open_event)
    registration = Registration.objects.get()
    deadline = registration.hold_expires_at.astimezone(open_event.tz)
    assert response.status_code == 200
    assert "Check your e-mail to confirm" in participant.text(response)
    assert (
        "We have sent a confirmation link to ada@example.org. Your seat is held until "
        f"{deadline:%b}. {deadline.day}, {deadline.year}" in participant.text(response)
    )
    assert (registration.status, registration.name, registration.email) == (
        Status.HELD,
        "Ada Lovelace",
        "ada@example.org",
    )
    assert (registration.organisation, registration.organisation_type, registration.country) == (
        "Analytical Society",
        "civil_society",
        "GB",
    )
    assert (registration.user, registration.language, registration.consent_version) == (
        None,
        "en",
        1,
    )
    assert [message.subject for message in mail.outbox] == [
        f"Confirm your registration: {open_event.title['en']}"
    ]


def test_the_private_link_is_not_shown_to_whoever_typed_the_address(client, open_event):
    response = participant.register(client, open_event)
    registration = Registration.objects.get()
    assert registration.token not in response.content.decode()


def test_the_mail_is_in_the_language_of_the_page(client, open_event):
    participant.register(client, open_event, language="fr")
    registration = Registration.objects.get()
    assert registration.language == "fr"
    assert mail.outbox[0].subject.endswith(f": {open_event.title['fr']}")


def test_email_is_stored_in_lower_case(client, open_event):
    participant.register(client, open_event, email="Ada.Lovelace@Example.ORG")
    assert Registration.objects.get().email == "ada.lovelace@example.org"


def test_full_event_puts_the_guest_on_the_waiting_list_with_their_position(client, db):
    setup = RegistrationSetupFactory(capacity=1)
    RegistrationFactory(event=setup.event, status=Status.CONFIRMED)
    RegistrationFactory(event=setup.event, status=Status.WAITING)
    response = participant.register(client, setup.event)
    registration = Registration.objects.get(email="ada@example.org")
    assert registration.status == Status.WAITING
    assert "The event is full: you are number 2 on the waiting list." in participant.text(response)


def test_registering_twice_takes_no_second_seat_and_sends_the_link_again(client, open_event):
    participant.register(client, open_event)
    response = participant.register(client, open_event, email="ADA@example.org", name="Ada L.")
    assert Registration.objects.count() == 1
    assert "You are already registered" in participant.text(response)
    assert (
        "we have sent the private link to your registration to this address again"
        in participant.text(response)
    )
    assert [message.to for message in mail.outbox] == [["ada@example.org"], ["ada@example.org"]]
    assert mail.outbox[1].subject == f"Your registration: {open_event.title['en']}"


def test_answers_are_kept_with_their_question(client, open_event, meal_question):
    participant.register(client, open_event, **{meal_question.field_name: "vegetarian"})
    assert Registration.objects.get().answers == {str(meal_question.pk): "vegetarian"}


def test_conditional_question_is_stored_when_its_condition_holds(
    client, open_event, visa_questions
):
    visa, passport = visa_questions
    participant.register(
        client, open_event, **{visa.field_name: "on", passport.field_name: "X1234567"}
    )
    assert Registration.objects.get().answers == {
        str(visa.pk): True,
        str(passport.pk): "X1234567",
    }


def test_answer_to_a_hidden_conditional_question_is_ignored(client, open_event, visa_questions):
    _visa, passport = visa_questions
    participant.register(client, open_event, **{passport.field_name: "X1234567"})
    assert Registration.objects.get().answers == {}


# Signed in


def test_signed_in_person_finds_their_profile_filled_in_and_cannot_change_the_email(
    client, open_event
):
    user = UserFactory(name="Grace Hopper", organisation="Navy", organisation_type="government")
    client.force_login(user)
    content = client.get(participant.register_url(open_event)).content.decode()
    fields = participant.inputs(content)
    assert (fields["name"]["value"], fields["email"]["value"]) == ("Grace Hopper", user.email)
    assert "disabled" in fields["email"]
    assert "You are registering with your account" in content


def test_signed_in_registration_is_linked_to_the_account_whatever_email_is_posted(
    client, open_event
):
    user = UserFactory(name="Grace Hopper")
    client.force_login(user)
    response = participant.register(client, open_event, email="someone.else@example.org")
    registration = Registration.objects.get()
    assert (registration.user, registration.email) == (user, user.email)
    assert f'href="/en/registrations/{registration.token}/"' in response.content.decode()


# Bad input: a clear error, nothing written


def test_invalid_email_is_refused_and_nothing_is_created(client, open_event):
    response = participant.register(client, open_event, email="not-an-address")
    assert response.status_code == 200
    assert "Enter a valid email address." in participant.text(response)
    assert '<a href="#id_email">E-mail – Enter a valid email address.</a>' in (
        response.content.decode()
    )
    assert (Registration.objects.count(), len(mail.outbox)) == (0, 0)


def test_missing_name_is_refused(client, open_event):
    response = participant.register(client, open_event, name="  ")
    assert '<a href="#id_name">Name – This field is required.</a>' in response.content.decode()
    assert Registration.objects.count() == 0


def test_missing_required_answer_is_refused_with_a_link_to_the_first_choice(
    client, open_event, meal_question
):
    response = participant.register(client, open_event)
    assert (
        f'<a href="#id_{meal_question.field_name}_0">Meal – Answer this question.</a>'
        in response.content.decode()
    )
    assert Registration.objects.count() == 0


def test_unknown_choice_is_refused(client, open_event, meal_question):
    response = participant.register(client, open_event, **{meal_question.field_name: "caviar"})
    assert "Select a valid choice. caviar is not one of the available choices." in (
        participant.text(response)
    )
    assert Registration.objects.count() == 0


def test_conditional_question_is_required_when_its_condition_holds(
    client, open_event, visa_questions
):
    visa, passport = visa_questions
    response = participant.register(client, open_event, **{visa.field_name: "on"})
    assert f'<a href="#id_{passport.field_name}">Passport number – Answer this question.</a>' in (
        response.content.decode()
    )
    assert Registration.objects.count() == 0


def test_consent_is_required_when_the_event_has_a_consent_text(client, open_event):
    response = participant.register(client, open_event, consent=None)
    assert "Tick this box to register." in participant.text(response)
    assert Registration.objects.count() == 0


def test_the_version_of_the_consent_text_agreed_to_is_recorded(client, open_event):
    setup = open_event.registration_setup
    setup.consent_version = 3
    setup.save(update_fields=["consent_version"])
    participant.register(client, open_event)
    registration = Registration.objects.get()
    assert registration.consent_version == 3
    assert registration.consented_at is not None


def test_without_a_consent_text_no_consent_is_asked(client, db):
    setup = RegistrationSetupFactory(consent_text={})
    content = client.get(participant.register_url(setup.event)).content.decode()
    participant.register(client, setup.event, consent=None)
    assert "consent" not in participant.inputs(content)
    assert Registration.objects.get().consent_version is None


def test_organisation_type_is_required_when_seats_are_shared_by_category(client, open_event):
    Quota.objects.create(setup=open_event.registration_setup, category="government", capacity=5)
    response = participant.register(client, open_event, organisation_type="")
    assert "Organisation type – This field is required." in participant.text(response)
    assert Registration.objects.count() == 0


def test_too_long_values_are_refused_without_error(client, open_event):
    response = participant.register(client, open_event, name="N" * 151, organisation="O" * 201)
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 151)." in (
        participant.text(response)
    )
    assert Registration.objects.count() == 0


def test_other_methods_are_not_allowed(client, open_event):
    assert client.put(participant.register_url(open_event)).status_code == 405


# When registration is not open


@pytest.mark.parametrize(
    ("setup_fields", "message"),
    [
        ({"is_enabled": False}, "Registration is not available for this event."),
        ({"opens_at": dt.timedelta(days=2)}, "Registration opens on"),
        ({"closes_at": -dt.timedelta(hours=1)}, "Registration is closed."),
    ],
)
def test_no_form_while_registration_is_not_open(client, db, setup_fields, message):
    now = timezone.now()
    fields = {
        name: now + value if isinstance(value, dt.timedelta) else value
        for name, value in setup_fields.items()
    }
    setup = RegistrationSetupFactory(**fields)
    url = participant.register_url(setup.event)
    response = client.get(url)
    posted = client.post(url, {"name": "Ada", "email": "ada@example.org", "consent": "on"})
    assert message in participant.text(response)
    assert "name" not in participant.inputs(response.content.decode())
    assert (posted.status_code, Registration.objects.count()) == (200, 0)


def test_an_event_without_registration_has_no_form(client, db):
    event = EventFactory()
    response = client.get(participant.register_url(event))
    assert "Registration is not available for this event." in participant.text(response)


def test_a_past_event_is_closed(client, db):
    now = timezone.now()
    event = EventFactory(starts_at=now - dt.timedelta(days=2), ends_at=now - dt.timedelta(days=1))
    RegistrationSetupFactory(event=event)
    assert "Registration is closed." in participant.text(
        client.get(participant.register_url(event))
    )


def test_registration_that_closes_between_the_form_and_the_post_says_so(client, open_event):
    url = participant.register_url(open_event)
    content = client.get(url).content.decode()
    setup = open_event.registration_setup
    setup.closes_at = timezone.now() - dt.timedelta(minutes=1)
    setup.save(update_fields=["closes_at"])
    response = client.post(url, participant.guest_data(content))
    assert "Registration is closed." in participant.text(response)
    assert Registration.objects.count() == 0


# Who may see the page


def test_unpublished_event_is_not_found(client, db):
    setup = RegistrationSetupFactory(event=EventFactory(is_published=False))
    url = participant.register_url(setup.event)
    assert (client.get(url).status_code, client.post(url).status_code) == (404, 404)


def test_event_of_an_unpublished_summit_is_not_found(client, db):
    setup = RegistrationSetupFactory(event=EventFactory(summit=SummitFactory(is_published=False)))
    assert client.get(participant.register_url(setup.event)).status_code == 404


def test_organisers_cannot_register_for_their_unpublished_event_either(client, db):
    event = EventFactory(is_published=False)
    RegistrationSetupFactory(event=event)
    client.force_login(TeamMembershipFactory(summit=event.summit).user)
    assert client.get(participant.register_url(event)).status_code == 404


def test_unknown_event_is_not_found(client, open_event):
    url = participant.register_url(open_event).replace(open_event.slug, "no-such-event")
    assert client.get(url).status_code == 404


# The event's page


def test_event_page_shows_seats_left_and_the_register_button(client, open_event):
    RegistrationFactory(event=open_event, status=Status.HELD)
    response = client.get(f"/en/{open_event.summit.slug}/events/{open_event.slug}/")
    assert "Registration Registration is open: 9 seats left." in participant.text(response)
    assert (
        f'<a class="button" href="{participant.register_url(open_event)}">Register</a>'
        in response.content.decode()
    )


def test_event_page_of_a_full_event_offers_the_waiting_list(client, db):
    setup = RegistrationSetupFactory(capacity=1)
    RegistrationFactory(event=setup.event, status=Status.CONFIRMED)
    response = client.get(f"/en/{setup.event.summit.slug}/events/{setup.event.slug}/")
    assert "The event is full. You can join the waiting list" in participant.text(response)
    assert ">Join the waiting list</a>" in response.content.decode()


def test_event_page_without_a_limit_says_registration_is_open(client, db):
    setup = RegistrationSetupFactory(capacity=None)
    response = client.get(f"/en/{setup.event.summit.slug}/events/{setup.event.slug}/")
    assert "Registration Registration is open. Register" in participant.text(response)


def test_event_page_of_a_closed_registration_has_no_button(client, db):
    setup = RegistrationSetupFactory(closes_at=timezone.now() - dt.timedelta(days=1))
    response = client.get(f"/en/{setup.event.summit.slug}/events/{setup.event.slug}/")
    assert "Registration Registration is closed." in participant.text(response)
    assert participant.register_url(setup.event) not in response.content.decode()


def test_event_page_without_registration_says_nothing_about_it(client, db):
    event = EventFactory()
    response = client.get(f"/en/{event.summit.slug}/events/{event.slug}/")
    assert "Registration" not in participant.text(response)
