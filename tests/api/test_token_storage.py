"""The secret of a token is shown once and never stored: only its SHA-256 hash is."""

import hashlib
import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session

from cosummit.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_a_new_token_is_stored(client, organiser):
    client.force_login(organiser)

    response = client.post("/en/api-tokens/", {"name": "Agenda export"})

    raw = re.search(r'id="new-token" type="text" value="([^"]+)"', response.text).group(1)
    token = ApiToken.objects.get(user=organiser)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.name, token.prefix, token.token_hash}


def test_the_secret_is_in_no_row_of_any_table(client, organiser):
    client.force_login(organiser)

    response = client.post("/en/api-tokens/", {"name": "Agenda export"})

    raw = re.search(r'id="new-token" type="text" value="([^"]+)"', response.text).group(1)
    for model in apps.get_models():
        for row in model.objects.values():
            assert raw not in repr(row), model
    for session in Session.objects.all():
        assert raw not in repr(session.get_decoded())
