import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_changing_the_address_takes_effect_once_the_new_one_is_confirmed(client):
    user = UserFactory(email="old@example.org")
    client.force_login(user)

    response = client.post("/en/accounts/email/", {"email": "new@example.org", "action_add": ""})
    assert (response.status_code, response["Location"]) == (302, "/en/accounts/email/")
    page = client.get("/en/accounts/email/")
    assert "follow the link we sent to <strong>new@example.org</strong>" in page.text
    user.refresh_from_db()
    assert user.email == "old@example.org"

    link = re.search(r"https?://testserver(/\S+/)", mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == ["new@example.org"]
    client.post(link)

    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("new@example.org", True)
    ]


def test_changing_to_an_invalid_address_shows_the_error_on_the_field(client):
    client.force_login(UserFactory())

    response = client.post("/en/accounts/email/", {"email": "not an address", "action_add": ""})

    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert 'aria-invalid="true"' in response.text
    assert 'id="id_email_error"' in response.text
