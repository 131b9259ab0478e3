"""The outbox page's messages held for checking: read them, send one, send them all."""

import pytest
from django.core import mail

from cosummit.core.models import OutboxMessage
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HELD, QUEUED, SENT, FAILED = (
    OutboxMessage.Status.HELD,
    OutboxMessage.Status.QUEUED,
    OutboxMessage.Status.SENT,
    OutboxMessage.Status.FAILED,
)


def message_of(summit, subject: str, *, body: str = "Hello.", **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        from_email="noreply@example.org",
        to=fields.pop("to", ["ada@example.org"]),
        subject=subject,
        body=body,
        headers={"X-Cosummit-Summit": summit.slug},
        summit_slug=summit.slug,
        **fields,
    )


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def url(summit):
    return f"/en/organise/{summit.slug}/outbox/"


@pytest.fixture(autouse=True)
def locmem_delivery(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    mail.outbox = []


def test_held_messages_are_counted_apart_with_a_link_to_them(logged_in, url, summit):
    message_of(summit, "Accepted", status=HELD)
    message_of(summit, "Rejected", status=HELD)
    message_of(summit, "Ticket", status=SENT)
    message_of(SummitFactory(), "Elsewhere", status=HELD)
    response = logged_in.get(url)
    assert response.context["held_count"] == 2
    assert response.context["total"] == 3
    assert [status for status, _label, _count in response.context["counts"]] == [
        "queued",
        "sent",
        "failed",
    ]
    assert '<dt>Held for checking</dt><dd><a href="?status=held">2</a></dd>' in response.text
    assert "Send all 2 held messages" in response.text


def test_the_held_filter_lists_held_messages_with_their_full_text(logged_in, url, summit):
    held = message_of(
        summit, "Accepted", status=HELD, body="Hello Ada,\n\nYour proposal is accepted."
    )
    message_of(summit, "Ticket", status=SENT, body="Your ticket is attached.")
    response = logged_in.get(url, {"status": "held"})
    assert list(response.context["page"]) == [held]
    assert "<p>Hello Ada,</p>\n\n<p>Your proposal is accepted.</p>" in response.text
    assert '<option value="held" selected>Held for checking</option>' in response.text
    assert f'action="{url}{held.pk}/retry/"' in response.text


def test_only_held_messages_show_their_text(logged_in, url, summit):
    message_of(summit, "Ticket", status=SENT, body="Secret ticket text.")
    response = logged_in.get(url)
    assert "Secret ticket text." not in response.text
    assert "Read the message" not in response.text


def test_no_send_all_button_without_held_messages(logged_in, url, summit):
    message_of(summit, "Ticket", status=SENT)
    response = logged_in.get(url)
    assert "held messages" not in response.text
    assert "Send the held message" not in response.text


@pytest.mark.django_db(transaction=True)
def test_sending_one_held_message_delivers_only_it(logged_in, url, summit):
    first = message_of(summit, "Accepted", status=HELD)
    second = message_of(summit, "Rejected", status=HELD)
    response = logged_in.post(f"{url}{first.pk}/retry/", {"next": f"{url}?status=held"})
    assert response["Location"] == f"{url}?status=held"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SENT, HELD)
    assert [sent.subject for sent in mail.outbox] == ["Accepted"]


@pytest.mark.django_db(transaction=True)
def test_sending_all_held_messages_delivers_each_once(logged_in, url, summit):
    message_of(summit, "Accepted", status=HELD)
    message_of(summit, "Rejected", status=HELD)
    failed = message_of(summit, "Refused", status=FAILED)
    other = message_of(SummitFactory(), "Elsewhere", status=HELD)

    response = logged_in.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "2 held messages will be sent in a moment." in response.text
    assert sorted(sent.subject for sent in mail.outbox) == ["Accepted", "Rejected"]
    again = logged_in.post(url, follow=True)
    assert "No message was held for checking: nothing was sent." in again.text
    assert len(mail.outbox) == 2
    failed.refresh_from_db()
    other.refresh_from_db()
    assert (failed.status, other.status) == (FAILED, HELD)


def test_the_list_with_held_messages_makes_a_constant_number_of_queries(
    logged_in, url, summit, django_assert_num_queries
):
    message_of(summit, "First", status=HELD)
    with django_assert_num_queries(7):
        logged_in.get(url)
    message_of(summit, "Second", status=HELD)
    message_of(summit, "Third", status=SENT)
    with django_assert_num_queries(7):
        response = logged_in.get(url)
    assert len(response.context["page"]) == 3


@pytest.mark.parametrize("kind", ["anonymous", "participant", "reviewer", "other organiser"])
def test_only_the_summits_organisers_send_held_messages(client, url, summit, kind):
    message = message_of(summit, "Accepted", status=HELD)
    if kind == "participant":
        client.force_login(UserFactory())
    elif kind == "reviewer":
        client.force_login(TeamMembershipFactory(summit=summit, role=Role.REVIEWER).user)
    elif kind == "other organiser":
        client.force_login(TeamMembershipFactory(role=Role.ORGANISER).user)
    send_all = client.post(url)
    send_one = client.post(f"{url}{message.pk}/retry/")
    if kind == "anonymous":
        assert (send_all.status_code, send_one.status_code) == (302, 302)
    else:
        assert (send_all.status_code, send_one.status_code) == (404, 404)
    message.refresh_from_db()
    assert (message.status, message.attempts, mail.outbox) == (HELD, 0, [])
