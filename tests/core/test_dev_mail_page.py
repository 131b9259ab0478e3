import pytest

from cosummit.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(db):
    return OutboxMessage.objects.create(
        from_email="noreply@localhost",
        to=["ada@example.org"],
        subject="Confirm your e-mail address",
        body="Open http://127.0.0.1:8000/en/accounts/confirm-email/abc/ to confirm.",
    )


def test_sent_mail_page_lists_messages_when_debug_is_on(client, settings, message):
    settings.DEBUG = True
    response = client.get("/en/dev/mail/")
    assert response.status_code == 200
    assert [row.subject for row in response.context["page"]] == ["Confirm your e-mail address"]


def test_sent_mail_page_makes_links_clickable(client, settings, message):
    settings.DEBUG = True
    response = client.get(f"/en/dev/mail/{message.pk}/")
    assert (
        '<a href="http://127.0.0.1:8000/en/accounts/confirm-email/abc/" rel="nofollow">'
        in response.text
    )


def test_sent_mail_pages_do_not_exist_without_debug(client, settings, message):
    settings.DEBUG = False
    assert client.get("/en/dev/mail/").status_code == 404
    assert client.get(f"/en/dev/mail/{message.pk}/").status_code == 404
