import threading

import pytest
from django.db import connection

from cosummit.summits.models import Role
from cosummit.toolbox.domain import rate_card, report_card
from cosummit.toolbox.models import Card, ModerationAction
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.toolbox.factories import CardFactory


def run_at_once(actions) -> list[str]:
    start = threading.Barrier(len(actions))
    errors = []

    def run(action):
        from django.db import connection as thread_connection

        try:
            start.wait()
            action()
        except Exception as error:  # reported to the test below
            errors.append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def skip_without_a_shared_database():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("Threads need a database they can share: run with DATABASE_URL.")


@pytest.mark.django_db(transaction=True)
def test_ratings_given_at_once_are_all_counted():
    skip_without_a_shared_database()
    summit = SummitFactory()
    card = CardFactory(summit=summit)
    people = UserFactory.create_batch(6)
    scores = [1, 2, 3, 4, 5, 5]

    errors = run_at_once(
        [
            lambda person=person, score=score: rate_card(card, by=person, score=score)
            for person, score in zip(people, scores, strict=True)
        ]
    )

    card = Card.objects.get(pk=card.pk)
    assert errors == []
    assert (card.rating_count, card.rating_average) == (6, 3.33)


@pytest.mark.django_db(transaction=True)
def test_reports_sent_at_once_hide_the_card_once():
    skip_without_a_shared_database()
    summit = SummitFactory()
    TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    card = CardFactory(summit=summit)
    people = UserFactory.create_batch(5)

    errors = run_at_once(
        [lambda person=person: report_card(card, by=person, reason="spam") for person in people]
    )

    card = Card.objects.get(pk=card.pk)
    assert errors == []
    assert card.reports_count == 5
    assert card.hidden_at is not None
    assert ModerationAction.objects.filter(card=card, action="auto_hide").count() == 1
