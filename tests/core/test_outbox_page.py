"""The organiser's outbox page: a summit's mail, its delivery, and sending it again."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.core.models import OutboxMessage
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUED, SENT, FAILED = (
    OutboxMessage.Status.QUEUED,
    OutboxMessage.Status.SENT,
    OutboxMessage.Status.FAILED,
)


def message_of(summit, subject: str, **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        from_email="noreply@example.org",
        to=fields.pop("to", ["ada@example.org"]),
        subject=subject,
        body="Hello.",
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


@pytest.fixture
def locmem_delivery(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    mail.outbox = []


def test_the_page_lists_the_summits_messages_newest_first_with_their_delivery(
    logged_in, url, summit
):
    sent = message_of(summit, "Your ticket", status=SENT, attempts=1, sent_at=timezone.now())
    retrying = message_of(
        summit,
        "Confirm your seat",
        to=["grace@example.org"],
        attempts=2,
        next_attempt_at=dt.datetime(2016, 12, 7, 9, 30, tzinfo=dt.UTC),
        last_error="(451, b'4.3.0 Try again later')",
    )
    message_of(SummitFactory(), "Another summit's mail")
    response = logged_in.get(url)
    assert list(response.context["page"]) == [retrying, sent]
    assert "Another summit" not in response.text
    assert "<td>grace@example.org</td>" in response.text
    assert "<td>Confirm your seat</td>" in response.text
    # Times are shown in the summit's time zone (Paris, UTC+1 in December).
    assert '<time datetime="2016-12-07T10:30:00+01:00">' in response.text
    assert "<td>(451, b&#x27;4.3.0 Try again later&#x27;)</td>" in response.text
    nav_link = f'<a href="{url}" aria-current="true">Outbox</a>'
    assert nav_link in response.text


def test_the_page_counts_messages_by_status(logged_in, url, summit):
    for status in (QUEUED, SENT, SENT, FAILED):
        message_of(summit, "Hello", status=status)
    message_of(SummitFactory(), "Elsewhere", status=FAILED)
    response = logged_in.get(url)
    assert response.context["counts"] == [
        ("queued", "Queued", 1),
        ("sent", "Sent", 2),
        ("failed", "Failed", 1),
    ]
    assert '<dt>Sent</dt><dd><a href="?status=sent">2</a></dd>' in response.text
    assert '<dt>All messages</dt><dd><a href="?" aria-current="true">4</a></dd>' in response.text


def test_the_list_can_be_filtered_by_status(logged_in, url, summit):
    failed = message_of(summit, "Refused", status=FAILED)
    message_of(summit, "Delivered", status=SENT)
    response = logged_in.get(url, {"status": "failed"})
    assert list(response.context["page"]) == [failed]
    assert '<option value="failed" selected>Failed</option>' in response.text
    assert '<dt>Failed</dt><dd><a href="?status=failed" aria-current="true">1</a></dd>' in (
        response.text
    )


def test_an_unknown_status_is_refused_with_a_message_and_everything_is_listed(
    logged_in, url, summit
):
    message_of(summit, "Refused", status=FAILED)
    message_of(summit, "Delivered", status=SENT)
    response = logged_in.get(url, {"status": "lost'><script>"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 2
    assert "Select a valid choice." in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_long_lists_are_paginated_and_pages_keep_the_filter(logged_in, url, summit):
    for number in range(52):
        message_of(summit, f"Message {number}", status=FAILED)
    message_of(summit, "Delivered", status=SENT)
    first = logged_in.get(url, {"status": "failed"})
    assert (len(first.context["page"]), first.context["page"].paginator.count) == (50, 52)
    assert '<a href="?status=failed&amp;page=2">Next</a>' in first.text
    second = logged_in.get(url, {"status": "failed", "page": "2"})
    assert [message.subject for message in second.context["page"]] == ["Message 1", "Message 0"]
    assert logged_in.get(url, {"page": "nonsense"}).context["page"].number == 1


def test_the_list_makes_a_constant_number_of_queries(
    logged_in, url, summit, django_assert_num_queries
):
    message_of(summit, "First", status=FAILED)
    with django_assert_num_queries(7):
        logged_in.get(url)
    message_of(summit, "Second", status=SENT)
    message_of(summit, "Third")
    with django_assert_num_queries(7):
        response = logged_in.get(url)
    assert len(response.context["page"]) == 3


@pytest.mark.parametrize("kind", ["anonymous", "participant", "checkin", "other organiser"])
def test_only_the_summits_organisers_see_its_outbox(client, url, summit, kind):
    message = message_of(summit, "Private", status=FAILED)
    if kind == "participant":
        client.force_login(UserFactory())
    elif kind == "checkin":
        client.force_login(TeamMembershipFactory(summit=summit, role=Role.CHECKIN).user)
    elif kind == "other organiser":
        client.force_login(TeamMembershipFactory(role=Role.ORGANISER).user)
    page = client.get(url)
    retry = client.post(f"{url}{message.pk}/retry/")
    if kind == "anonymous":
        assert (page.status_code, retry.status_code) == (302, 302)
        assert page["Location"].startswith("/en/accounts/login/")
    else:
        assert (page.status_code, retry.status_code) == (404, 404)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (FAILED, 0)


@pytest.mark.django_db(transaction=True)
def test_sending_a_failed_message_again_delivers_it(logged_in, url, summit, locmem_delivery):
    message = message_of(summit, "Your ticket", status=FAILED, attempts=8, last_error="Refused")
    response = logged_in.post(f"{url}{message.pk}/retry/", {"next": f"{url}?status=failed"})
    assert (response.status_code, response["Location"]) == (302, f"{url}?status=failed")
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (SENT, 9, "")
    assert [sent.subject for sent in mail.outbox] == ["Your ticket"]
    page = logged_in.get(response["Location"])
    assert "The message to ada@example.org was sent." in page.text


@pytest.mark.django_db(transaction=True)
def test_sending_a_queued_message_now_does_not_wait_for_its_next_attempt(
    logged_in, url, summit, locmem_delivery
):
    message = message_of(
        summit, "Confirm", attempts=3, next_attempt_at=timezone.now() + dt.timedelta(hours=1)
    )
    logged_in.post(f"{url}{message.pk}/retry/")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SENT, 4)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_message_refused_again_is_reported(logged_in, url, summit, settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        },
    }
    message = message_of(summit, "Your ticket", status=FAILED, attempts=8)
    response = logged_in.post(f"{url}{message.pk}/retry/", follow=True)
    assert "could not be sent; its error is listed." in response.text
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        FAILED,
        9,
        "[Errno 111] Connection refused",
    )


def test_a_sent_message_is_not_sent_twice(logged_in, url, summit, locmem_delivery):
    message = message_of(summit, "Your ticket", status=SENT, attempts=1)
    response = logged_in.post(f"{url}{message.pk}/retry/", follow=True)
    assert "The message to ada@example.org was sent already; it is not sent twice." in (
        response.text
    )
    message.refresh_from_db()
    assert (message.status, message.attempts, mail.outbox) == (SENT, 1, [])


def test_only_queued_and_failed_messages_have_a_send_button(logged_in, url, summit):
    sent = message_of(summit, "Delivered", status=SENT)
    failed = message_of(summit, "Refused", status=FAILED)
    response = logged_in.get(url)
    assert f'action="{url}{failed.pk}/retry/"' in response.text
    assert f'action="{url}{sent.pk}/retry/"' not in response.text


def test_another_summits_message_cannot_be_sent_from_this_outbox(logged_in, url):
    message = message_of(SummitFactory(), "Elsewhere", status=FAILED)
    assert logged_in.post(f"{url}{message.pk}/retry/").status_code == 404
    message.refresh_from_db()
    assert message.status == FAILED


def test_sending_again_only_answers_post(logged_in, url, summit):
    message = message_of(summit, "Refused", status=FAILED)
    assert logged_in.get(f"{url}{message.pk}/retry/").status_code == 405


def test_an_address_outside_the_site_is_not_followed_after_sending(
    logged_in, url, summit, locmem_delivery
):
    message = message_of(summit, "Refused", status=FAILED)
    response = logged_in.post(f"{url}{message.pk}/retry/", {"next": "https://evil.example/"})
    assert response["Location"] == url
