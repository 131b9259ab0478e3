"""While writing, similar published proposals are shown, with and without JavaScript."""

import pytest
from django.utils import timezone

from cosummit.proposals.models import State
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, step_url

pytestmark = pytest.mark.django_db

TITLE = "Budget participatif des jeunes"
ABSTRACT = "Les jeunes de la ville choisissent et votent des projets d'investissement."


@pytest.fixture
def published(call):
    return ProposalFactory(
        summit=call.summit,
        title="Participatory budgeting with young people",
        abstract="Young residents choose and vote investment projects for their city.",
    )


def similar_url(summit, language="en"):
    return f"/{language}/{summit.slug}/proposals/similar/"


def ask(client, summit, **data):
    return client.post(similar_url(summit), {"title": TITLE, "abstract": ABSTRACT, **data})


def test_the_fragment_lists_similar_published_proposals_with_links(client, call, published):
    ProposalFactory(summit=call.summit, title="Open courts", abstract="Judgments online.")
    client.force_login(UserFactory())

    response = ask(client, call.summit)

    assert response.status_code == 200
    assert "Similar proposals" in response.text
    assert f'href="/en/{call.summit.slug}/proposals/{published.pk}/"' in response.text
    assert "Open courts" not in response.text


def test_drafts_hidden_and_withdrawn_proposals_are_never_suggested(client, call, published):
    published.hidden_at = timezone.now()
    published.save()
    for state in (State.DRAFT, State.WITHDRAWN):
        ProposalFactory(
            summit=call.summit, state=state, title=published.title, abstract=published.abstract
        )
    client.force_login(UserFactory())

    response = ask(client, call.summit)

    assert response.text.strip() == ""


def test_ones_own_proposal_is_left_out(client, call, published):
    client.force_login(published.created_by)

    response = ask(client, call.summit, proposal=str(published.pk))

    assert response.text.strip() == ""


def test_nothing_is_suggested_while_the_discussion_is_not_public(client, call, published):
    call.is_discussion_public = False
    call.save()
    client.force_login(UserFactory())

    assert ask(client, call.summit).text.strip() == ""


def test_the_fragment_needs_an_account(client, call, published):
    assert ask(client, call.summit).status_code == 302


def test_without_javascript_the_review_step_shows_similar_proposals(client, call, published):
    draft = ProposalFactory(summit=call.summit, state=State.DRAFT, title=TITLE, abstract=ABSTRACT)
    client.force_login(draft.created_by)

    page = client.get(step_url(draft, "review")).text

    assert f'href="/en/{call.summit.slug}/proposals/{published.pk}/"' in page


def test_the_text_step_loads_the_script_that_asks_while_writing(client, call):
    draft = ProposalFactory(summit=call.summit, state=State.DRAFT)
    client.force_login(draft.created_by)

    page = client.get(step_url(draft, "text")).text

    assert f'data-similar-url="/en/{call.summit.slug}/proposals/similar/"' in page
    assert "cosummit/proposal-form.js" in page
    assert 'aria-live="polite"' in page
