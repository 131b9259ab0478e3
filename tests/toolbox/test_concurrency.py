import pytest

from cosummit.summits.models import Role
from cosummit.toolbox.domain import rate_card, report_card
from cosummit.toolbox.models import Card, ModerationAction
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.threads import errors_of, run_at_once
from tests.toolbox.factories import CardFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_ratings_given_at_once_are_all_counted():
    summit = SummitFactory()
    card = CardFactory(summit=summit)
    people = UserFactory.create_batch(6)
    scores = [1, 2, 3, 4, 5, 5]

    errors = errors_of(
        run_at_once(
            [
                lambda person=person, score=score: rate_card(card, by=person, score=score)
                for person, score in zip(people, scores, strict=True)
            ]
        )
    )

    card = Card.objects.get(pk=card.pk)
    assert errors == []
    assert (card.rating_count, card.rating_average) == (6, 3.33)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_reports_sent_at_once_hide_the_card_once():
    summit = SummitFactory()
    TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    card = CardFactory(summit=summit)
    people = UserFactory.create_batch(5)

    errors = errors_of(
        run_at_once(
            [lambda person=person: report_card(card, by=person, reason="spam") for person in people]
        )
    )

    card = Card.objects.get(pk=card.pk)
    assert errors == []
    assert card.reports_count == 5
    assert card.hidden_at is not None
    assert ModerationAction.objects.filter(card=card, action="auto_hide").count() == 1
