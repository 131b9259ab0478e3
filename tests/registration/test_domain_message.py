from django.core import mail

from cosummit.registration.domain import message_registrants
from cosummit.registration.models import Registration
from tests.registration.factories import RegistrationFactory


def test_each_registrant_gets_the_message_in_plain_text_with_a_footer_in_their_language(
    open_event, organiser
):
    english = RegistrationFactory(event=open_event, language="en", email="en@example.org")
    french = RegistrationFactory(event=open_event, language="fr", email="fr@example.org")

    count = message_registrants(
        open_event,
        registrations=Registration.objects.filter(event=open_event).order_by("pk"),
        subject="Change of room",
        body="The workshop moves to room 4.\nSee you there.",
        by=organiser,
    )

    assert count == 2
    assert [m.to for m in mail.outbox] == [["en@example.org"], ["fr@example.org"]]
    for message in mail.outbox:
        assert message.subject == "Change of room"
        assert message.body.startswith("The workshop moves to room 4.\nSee you there.\n")
        assert message.extra_headers["X-Cosummit-Summit"] == open_event.summit.slug
        assert not getattr(message, "alternatives", [])
    assert f"/en/registrations/{english.token}/" in mail.outbox[0].body
    assert open_event.title.localize("en").text in mail.outbox[0].body
    assert f"/fr/registrations/{french.token}/" in mail.outbox[1].body
    assert open_event.title.localize("fr").text in mail.outbox[1].body


def test_a_message_to_nobody_sends_nothing(open_event, organiser):
    count = message_registrants(
        open_event, registrations=[], subject="Hello", body="Hello.", by=organiser
    )

    assert count == 0
    assert mail.outbox == []


def test_a_subject_is_kept_on_one_line(open_event, organiser):
    registration = RegistrationFactory(event=open_event)

    message_registrants(
        open_event, registrations=[registration], subject="Two\nlines", body="Hi.", by=organiser
    )

    assert mail.outbox[0].subject == "Two lines"
