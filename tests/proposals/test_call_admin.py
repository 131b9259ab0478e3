"""Django admin pages of the proposals app, for the platform's staff."""

import pytest

from cosummit.accounts.models import User
from cosummit.proposals.models import Invitation
from tests.factories import SummitFactory
from tests.proposals.factories import (
    CallFactory,
    CommentFactory,
    ProposalFactory,
    SessionFormatFactory,
    SupportFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin@example.org", "a long passphrase"))
    return client


def test_every_proposals_admin_page_opens(admin_client):
    # Names alike in both languages: the admin speaks the language of the request.
    summit = SummitFactory(name={"fr": "OGP Paris", "en": "OGP Paris"})
    call = CallFactory(summit=summit)
    proposal = ProposalFactory(
        summit=summit,
        title="Budgets ouverts",
        format=SessionFormatFactory(call=call, name={"fr": "Hackathon", "en": "Hackathon"}),
        track=TrackFactory(summit=summit, name={"fr": "Climat", "en": "Climat"}),
    )
    CommentFactory(proposal=proposal)
    SupportFactory(proposal=proposal)
    Invitation.objects.create(proposal=proposal, email="ama@example.org")

    pages = {
        "/admin/proposals/proposal/": "Budgets ouverts",
        f"/admin/proposals/proposal/{proposal.pk}/change/": "Budgets ouverts",
        "/admin/proposals/call/": "OGP Paris",
        f"/admin/proposals/call/{call.pk}/change/": "Hackathon",
        "/admin/proposals/invitation/": "ama@example.org",
        "/admin/proposals/comment/": "A useful remark",
        "/admin/proposals/support/": "Budgets ouverts",
        "/admin/proposals/track/": "Climat",
    }

    for url, text in pages.items():
        response = admin_client.get(url)
        assert (url, response.status_code, text in response.text) == (url, 200, True)


def test_staff_cannot_change_the_counters_by_hand(admin_client):
    proposal = ProposalFactory()

    page = admin_client.get(f"/admin/proposals/proposal/{proposal.pk}/change/").text

    assert 'name="supports_count"' not in page
    assert 'name="search_text"' not in page
