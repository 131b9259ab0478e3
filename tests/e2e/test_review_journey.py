"""Review and selection, from the assignment to a confirmed session.

The organiser runs the assignment of reviewers, checks the preview and
publishes it; a reviewer scores two proposals from her queue, without ever
seeing who proposed them; the organiser accepts one proposal, applies the
decision, reads the e-mail held in the outbox and sends it; the accepted
speaker opens the link of that e-mail and confirms, and the proposal becomes a
session of the programme.

Everyone gets a session without the log-in form (`log_in`); everything else
goes through the pages. Mail goes through the outbox, as in production, and is
delivered to `django.core.mail.outbox`, which the live server shares with the
test (see tests/e2e/conftest.py).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from cosummit.core.models import OutboxMessage
from cosummit.programme.models import Session
from cosummit.review.models import Assignment, Decision, Outcome, Review
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.decision_helpers import use_outbox
from tests.review.factories import (
    CriterionFactory,
    PhaseFactory,
    ReviewerFactory,
    ReviewSettingsFactory,
)

pytestmark = pytest.mark.e2e

REPLY_LINK = re.compile(r"https?://\S+/review/decisions/reply/[\w-]+/")
SPEAKERS = [
    # (name, e-mail, language, organisation, title); the first is accepted.
    (
        "Awa Diallo",
        "awa.diallo@example.org",
        "en",
        "Budget Watch Dakar",
        "Following public money from vote to spending",
    ),
    (
        "Jean Martin",
        "jean.martin@example.org",
        "fr",
        "Association Transparence Locale",
        "Open contracts in small towns",
    ),
    (
        "Lena Park",
        "lena.park@example.org",
        "en",
        "Civic Code Collective",
        "Participatory budgets for young people",
    ),
]


@pytest.fixture
def review_site(summit_site, settings):
    """Three submitted proposals, two reviewers, a current phase and two criteria."""
    use_outbox(settings)
    summit = summit_site.summit
    proposals, speakers = [], []
    for name, email, language, organisation, title in SPEAKERS:
        speaker = UserFactory(
            name=name,
            email=email,
            preferred_language=language,
            organisation=organisation,
            country="SN",
        )
        proposal = ProposalFactory(summit=summit, author=speaker, title=title)
        ProposalOrganisationFactory(proposal=proposal, name=organisation)
        proposals.append(proposal)
        speakers.append(speaker)
    # Two reviews per proposal from two reviewers: each reviews all three.
    ReviewSettingsFactory(summit=summit, is_blind=True, reviews_per_proposal=2, max_load=5)
    PhaseFactory(summit=summit)
    criteria = [
        CriterionFactory(summit=summit, weight=2, name={"fr": "Pertinence", "en": "Relevance"}),
        CriterionFactory(summit=summit, weight=1, name={"fr": "Qualité", "en": "Quality"}),
    ]
    reviewers = [
        ReviewerFactory(
            summit=summit,
            user=UserFactory(
                name=name, preferred_language="en", organisation=f"{name} Institute", country="CA"
            ),
        )
        for name in ("Rita Reviewer", "Omar Reviewer")
    ]
    return summit_site, proposals, speakers, reviewers, criteria


def messages(page):
    """The messages the last action left at the top of the page."""
    return page.get_by_role("main").locator(".messages")


def speakers_named_on(page) -> list[str]:
    """The speakers' names, addresses and organisations found anywhere in the page's HTML."""
    html = page.content()
    return [
        words
        for name, email, _language, organisation, _title in SPEAKERS
        for words in (name, email, organisation)
        if words in html
    ]


def score(page, criterion, value: int) -> None:
    """Tick `value` on the criterion's scale (radio buttons, one group per criterion)."""
    group = page.get_by_role("group", name=re.compile(rf"^{criterion.name['en']}"))
    group.get_by_label(str(value), exact=True).check()


def test_an_organiser_assigns_a_reviewer_scores_the_organiser_accepts_and_the_speaker_confirms(
    new_context, log_in, live_server, review_site
):
    site, proposals, speakers, reviewers, criteria = review_site
    summit = site.summit
    accepted, awa = proposals[0], speakers[0]

    # The organiser finds the assignment from the review's set-up page and runs it.
    organiser_context = new_context()
    log_in(organiser_context, site.organiser)
    organiser = organiser_context.new_page()
    organiser.goto(f"/en/organise/{summit.slug}/review/")
    organiser.get_by_role("navigation", name="Review and selection").get_by_role(
        "link", name="Run the assignment"
    ).click()
    expect(organiser).to_have_url(f"{live_server.url}/en/organise/{summit.slug}/review/assignment/")
    organiser.get_by_role("main").get_by_role("button", name="Run the assignment").click()
    expect(organiser.get_by_role("heading", name="Preview", exact=True)).to_be_visible()
    expect(messages(organiser)).to_contain_text("The assignment is ready to check: 6 reviews")
    # The preview names each reviewer with the three proposals they would get.
    loads = organiser.get_by_role("table", name="Proposals per reviewer in the preview")
    for reviewer in reviewers:
        expect(loads.get_by_role("row", name=reviewer.user.name)).to_contain_text("3")
    assert Assignment.objects.count() == 0  # Nothing is live before publishing.
    organiser.get_by_role("button", name="Publish").click()
    expect(organiser).to_have_url(
        f"{live_server.url}/en/organise/{summit.slug}/review/assignments/"
    )
    expect(messages(organiser)).to_contain_text("The assignment is published: 6 added, 0 removed.")
    assert sorted(Assignment.objects.values_list("reviewer_id", "proposal_id")) == sorted(
        (reviewer.pk, proposal.pk) for reviewer in reviewers for proposal in proposals
    )

    # Rita opens her queue and starts reviewing; the review is blind.
    rita = reviewers[0]
    reviewer_context = new_context()
    log_in(reviewer_context, rita.user)
    reviewer = reviewer_context.new_page()
    reviewer.goto(f"/en/{summit.slug}/review/")
    expect(reviewer.get_by_role("main")).to_contain_text("You have reviewed 0 of 3 proposals.")
    assert speakers_named_on(reviewer) == []
    reviewer.get_by_role("link", name="Start reviewing").click()
    expect(reviewer).to_have_url(re.compile(rf"/en/{summit.slug}/review/\d+/$"))
    first_pk = int(reviewer.url.rstrip("/").rsplit("/", 1)[1])
    assert speakers_named_on(reviewer) == []
    expect(reviewer.get_by_role("main")).to_contain_text(
        "The review is blind: speakers’ names and organisations are hidden from you."
    )
    score(reviewer, criteria[0], 4)
    score(reviewer, criteria[1], 3)
    reviewer.get_by_label("Comment").fill("Clear aims; the workshop plan could be more precise.")
    reviewer.get_by_role("button", name="Save and next").click()
    # "Save and next" opens another proposal of her queue.
    expect(messages(reviewer)).to_contain_text("Your review was saved.")
    expect(reviewer).not_to_have_url(re.compile(rf"/review/{first_pk}/$"))
    second_pk = int(reviewer.url.rstrip("/").rsplit("/", 1)[1])
    assert speakers_named_on(reviewer) == []
    score(reviewer, criteria[0], 5)
    score(reviewer, criteria[1], 5)
    reviewer.get_by_role("button", name="Save", exact=True).click()
    expect(reviewer.get_by_role("main")).to_contain_text("Your weighted total: 100 / 100.")
    reviewer.get_by_role("navigation", name="Review").get_by_role("link", name="Queue").click()
    expect(reviewer.get_by_role("main")).to_contain_text("You have reviewed 2 of 3 proposals.")
    assert sorted(
        Review.objects.filter(reviewer=rita).values_list("proposal_id", "scores", "total")
    ) == sorted(
        [
            (first_pk, {str(criteria[0].pk): 4, str(criteria[1].pk): 3}, 73.33),
            (second_pk, {str(criteria[0].pk): 5, str(criteria[1].pk): 5}, 100.0),
        ]
    )

    # The organiser accepts Awa's proposal and applies the decision.
    organiser.goto(f"/en/organise/{summit.slug}/review/")
    organiser.get_by_role("main").get_by_role("link", name="Decisions", exact=True).click()
    expect(organiser).to_have_url(f"{live_server.url}/en/{summit.slug}/review/decisions/")
    organiser.get_by_role("button", name=f"Accept “{accepted.title}”").click()
    expect(messages(organiser)).to_contain_text(f"“{accepted.title}”: accept, pending.")
    organiser.get_by_role("link", name="Apply 1 pending decision").click()
    expect(organiser.get_by_role("heading", level=1)).to_have_text("Apply pending decisions")
    expect(organiser.get_by_role("table")).to_contain_text(accepted.title)
    organiser.get_by_role("button", name="Apply this decision").click()

    # The outbox holds Awa's e-mail; the organiser reads it and sends it.
    expect(organiser).to_have_url(
        f"{live_server.url}/en/organise/{summit.slug}/outbox/?status=held"
    )
    # The reviewers were told of their new proposals when the assignment was
    # published; the decision's e-mail waits.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        reviewer.user.email for reviewer in reviewers
    )
    mail.outbox.clear()
    held = OutboxMessage.objects.get(status=OutboxMessage.Status.HELD)
    assert held.to == [awa.email]
    row = organiser.get_by_role("row").filter(has_text=awa.email)
    row.get_by_text("Read the message").click()
    expect(row).to_contain_text(f"Hello {awa.name},")
    expect(row).to_contain_text(f"your proposal “{accepted.title}” is accepted")
    row.get_by_role("button", name=re.compile(r"^Send")).click()
    expect(messages(organiser)).to_contain_text(f"The message to {awa.email} was sent.")
    assert [message.to for message in mail.outbox] == [[awa.email]]
    held.refresh_from_db()
    assert (held.status, mail.outbox[0].subject) == (
        OutboxMessage.Status.SENT,
        f"Your proposal “{accepted.title}” is accepted for Open Government Summit",
    )
    decision = Decision.objects.get()
    assert (decision.proposal, decision.outcome, decision.applied_at is not None) == (
        accepted,
        Outcome.ACCEPT,
        True,
    )
    links = REPLY_LINK.findall(mail.outbox[0].body)
    assert [urlsplit(link).path for link in links] == [
        f"/en/{summit.slug}/review/decisions/reply/{decision.token}/"
    ]

    # Awa opens the link of her e-mail and confirms her session.
    speaker_context = new_context()
    log_in(speaker_context, awa)
    speaker = speaker_context.new_page()
    speaker.goto(urlsplit(links[0]).path)
    expect(speaker.get_by_role("heading", level=1)).to_have_text(
        f"Your proposal “{accepted.title}”"
    )
    assert Session.objects.count() == 0
    speaker.get_by_role("button", name="Confirm the session").click()
    expect(messages(speaker)).to_contain_text(
        "Thank you: your session is confirmed for the programme."
    )
    expect(speaker.get_by_role("main")).to_contain_text("You confirmed the session on")
    expect(speaker.get_by_role("button", name="Confirm the session")).to_have_count(0)
    session = Session.objects.get()
    decision.refresh_from_db()
    assert (session.proposal, session.title, list(session.speakers.all()), decision.reply) == (
        accepted,
        accepted.title,
        [awa],
        "confirmed",
    )
