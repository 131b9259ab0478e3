"""The acknowledgement of a submitted proposal: to every speaker, in their language."""

import pytest
from django.core import mail

from tests.factories import UserFactory
from tests.proposals.factories import action_url, ready_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, workshop, track):
    author = UserFactory(email="amina@example.org", name="Amina", preferred_language="fr")
    proposal = ready_draft(
        call.summit, author=author, format=workshop, track=track, title="Budgets ouverts"
    )
    co_speaker = UserFactory(email="john@example.org", name="John", preferred_language="en")
    proposal.speaker_set.create(user=co_speaker, position=1)
    return proposal


def test_each_speaker_gets_an_acknowledgement_in_their_language(client, draft):
    client.force_login(draft.created_by)

    client.post(action_url(draft, "submit"))

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["amina@example.org", "john@example.org"]
    french, english = by_address["amina@example.org"], by_address["john@example.org"]
    summit_fr, summit_en = draft.summit.name["fr"], draft.summit.name["en"]
    # The French catalogue is filled later: the French mail is told by its
    # summit name and addresses, which do not depend on it.
    assert french.subject.endswith(f"({summit_fr})")
    assert english.subject == f"Proposal received: “Budgets ouverts” ({summit_en})"
    assert "Hello John," in english.body
    assert f"/en/{draft.summit.slug}/proposals/mine/" in english.body
    assert f"/fr/{draft.summit.slug}/proposals/mine/" in french.body


def test_the_acknowledgement_is_tagged_with_the_summit(client, draft):
    client.force_login(draft.created_by)

    client.post(action_url(draft, "submit"))

    assert {message.extra_headers["X-Cosummit-Summit"] for message in mail.outbox} == {
        draft.summit.slug
    }


def test_a_refused_submission_sends_nothing(client, draft, call):
    draft.title = ""
    draft.save()
    client.force_login(draft.created_by)

    client.post(action_url(draft, "submit"))

    assert mail.outbox == []
