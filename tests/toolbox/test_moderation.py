import pytest

from cosummit.summits.models import Block
from cosummit.toolbox.models import Card, ModerationAction, Report, ToolboxSettings
from tests.factories import UserFactory
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import ArgumentFactory, CardFactory

pytestmark = pytest.mark.django_db


def card_url(card, action: str = "") -> str:
    return f"/en/{card.summit.slug}/toolbox/cards/{card.slug}/{action}"


def queue(summit, action: str = "") -> str:
    return f"/en/{summit.slug}/toolbox/moderation/{action}"


def log(summit) -> list[tuple[str, str | None]]:
    return [
        (action.action, action.moderator.email if action.moderator else None)
        for action in ModerationAction.objects.filter(summit=summit).order_by("pk")
    ]


def report(card, reason: str = "spam", note: str = ""):
    return logged_in(UserFactory()).post(
        card_url(card, "report/"), {"reason": reason, "note": note}
    )


def test_report_with_a_reason_is_recorded(tool, participant):
    response = logged_in(participant).post(
        card_url(tool, "report/"), {"reason": "off_topic", "note": "Not a tool."}
    )

    assert response.status_code == 302
    assert list(Report.objects.values_list("reporter", "reason", "note", "card")) == [
        (participant.pk, "off_topic", "Not a tool.", tool.pk)
    ]
    assert Card.objects.get(pk=tool.pk).reports_count == 1


def test_report_needs_a_known_reason(tool, participant):
    response = logged_in(participant).post(card_url(tool, "report/"), {"reason": "boring"})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [
        "Select a valid choice. boring is not one of the available choices."
    ]
    assert Report.objects.count() == 0


def test_a_person_reports_a_card_once(tool, participant):
    client = logged_in(participant)
    client.post(card_url(tool, "report/"), {"reason": "spam"})

    response = client.post(card_url(tool, "report/"), {"reason": "offensive"})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["You have already reported this."]
    assert Report.objects.count() == 1


@pytest.mark.parametrize("person", ["unverified", "blocked"])
def test_unverified_and_blocked_people_cannot_report(tool, request, person):
    response = logged_in(request.getfixturevalue(person)).post(
        card_url(tool, "report/"), {"reason": "spam"}
    )

    assert response.status_code == 403
    assert Report.objects.count() == 0


def test_card_is_hidden_after_three_reports_by_default(client, summit, tool):
    report(tool)
    report(tool)
    assert client.get(card_url(tool)).status_code == 200

    report(tool, reason="offensive")

    assert client.get(card_url(tool)).status_code == 404
    assert log(summit) == [("auto_hide", None)]
    assert ModerationAction.objects.get().card == tool


def test_the_threshold_is_a_summit_setting(client, summit, tool):
    ToolboxSettings.objects.create(summit=summit, reports_to_hide=1)

    report(tool)

    assert client.get(card_url(tool)).status_code == 404


def test_arguments_are_reported_and_hidden_likewise(client, summit, tool):
    ToolboxSettings.objects.create(summit=summit, reports_to_hide=2)
    argument = ArgumentFactory(card=tool, text="Buy cheap watches")
    url = f"/en/{summit.slug}/toolbox/arguments/{argument.pk}/report/"

    for _ in range(2):
        logged_in(UserFactory()).post(url, {"reason": "spam"})

    assert "Buy cheap watches" not in client.get(card_url(tool)).text
    assert log(summit) == [("auto_hide", None)]


@pytest.mark.parametrize("person", ["participant", "creator", "unverified"])
def test_only_moderators_and_organisers_see_the_queue(summit, request, person):
    client = logged_in(request.getfixturevalue(person))

    assert client.get(queue(summit)).status_code == 404
    assert client.get(queue(summit, "log/")).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_from_the_queue(client, summit):
    assert client.get(queue(summit)).status_code == 302


@pytest.mark.parametrize("role", ["moderator", "organiser"])
def test_queue_lists_reported_and_hidden_content(summit, tool, request, role):
    report(tool)
    ArgumentFactory(card=tool, reports_count=2, text="Rude words")
    CardFactory(summit=summit, title={"en": "Quiet card"})

    response = logged_in(request.getfixturevalue(role)).get(queue(summit))

    assert response.status_code == 200
    assert [card.slug for card in response.context["cards"]] == ["consultation-tool"]
    assert [a.text for a in response.context["arguments"]] == ["Rude words"]


def test_moderator_hides_restores_and_dismisses(client, summit, tool, moderator):
    report(tool)
    staff = logged_in(moderator)

    staff.post(queue(summit, f"cards/{tool.pk}/hide/"), {"reason": "Advertising"})
    assert client.get(card_url(tool)).status_code == 404
    assert Report.objects.get().resolved_at is not None

    staff.post(queue(summit, f"cards/{tool.pk}/restore/"))
    assert client.get(card_url(tool)).status_code == 200

    report(tool)
    staff.post(queue(summit, f"cards/{tool.pk}/dismiss/"))
    assert Card.objects.get(pk=tool.pk).reports_count == 0
    assert log(summit) == [
        ("hide", moderator.email),
        ("restore", moderator.email),
        ("dismiss", moderator.email),
    ]
    assert ModerationAction.objects.order_by("pk").first().reason == "Advertising"


def test_moderator_hides_an_argument(client, summit, tool, moderator):
    argument = ArgumentFactory(card=tool, text="Rude words")

    logged_in(moderator).post(queue(summit, f"arguments/{argument.pk}/hide/"))

    assert "Rude words" not in client.get(card_url(tool)).text


def test_unknown_moderation_action_is_not_found(summit, tool, moderator):
    response = logged_in(moderator).post(queue(summit, f"cards/{tool.pk}/delete/"))

    assert response.status_code == 404
    assert log(summit) == []


def test_participant_cannot_moderate(client, summit, tool, participant):
    response = logged_in(participant).post(queue(summit, f"cards/{tool.pk}/hide/"))

    assert response.status_code == 404
    assert client.get(card_url(tool)).status_code == 200


def test_moderator_blocks_and_unblocks_a_person(summit, tool, creator, moderator):
    staff = logged_in(moderator)

    staff.post(queue(summit, f"people/{creator.pk}/block/"), {"reason": "Spam"})
    blocked_response = logged_in(creator).post(card_url(tool, "rate/"), {"score": 5})
    staff.post(queue(summit, f"people/{creator.pk}/unblock/"))
    unblocked_response = logged_in(creator).post(card_url(tool, "rate/"), {"score": 5})

    assert blocked_response.status_code == 403
    assert unblocked_response.status_code == 302
    assert Block.objects.count() == 0
    assert log(summit) == [("block", moderator.email), ("unblock", moderator.email)]


def test_moderator_cannot_block_themselves(summit, moderator):
    response = logged_in(moderator).post(queue(summit, f"people/{moderator.pk}/block/"))

    assert response.status_code == 302
    assert Block.objects.count() == 0


def test_team_members_cannot_be_blocked(summit, moderator, organiser):
    response = logged_in(moderator).post(
        queue(summit, f"people/{organiser.pk}/block/"), follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Members of the summit's team cannot be blocked."
    ]
    assert Block.objects.count() == 0
    assert log(summit) == []


def test_log_shows_decisions(summit, tool, moderator):
    logged_in(moderator).post(queue(summit, f"cards/{tool.pk}/hide/"), {"reason": "Spam ring"})

    response = logged_in(moderator).get(queue(summit, "log/"))

    assert "Spam ring" in response.text
    assert [action.action for action in response.context["actions"]] == ["hide"]


def test_organiser_sets_the_threshold_and_moderators_cannot(summit, organiser, moderator):
    url = f"/en/{summit.slug}/toolbox/manage/"

    assert logged_in(moderator).post(url, {"reports_to_hide": 5}).status_code == 404
    refused = logged_in(organiser).post(url, {"reports_to_hide": 0})
    saved = logged_in(organiser).post(url, {"reports_to_hide": 5})

    assert refused.status_code == 400
    assert refused.context["settings_form"].errors["reports_to_hide"] == [
        "Ensure this value is greater than or equal to 1."
    ]
    assert saved.status_code == 302
    assert ToolboxSettings.objects.get(summit=summit).reports_to_hide == 5


@pytest.mark.parametrize("count", [1, 3])
def test_queue_makes_a_constant_number_of_queries(
    summit, moderator, django_assert_num_queries, count
):
    for _ in range(count):
        card = CardFactory(summit=summit, reports_count=1)
        ArgumentFactory(card=card, reports_count=1)
    client = logged_in(moderator)

    # Session, user, summit, roles, cards, arguments, blocks.
    with django_assert_num_queries(7):
        response = client.get(queue(summit))

    assert len(response.context["cards"]) == count
    assert len(response.context["arguments"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_log_makes_a_constant_number_of_queries(
    summit, moderator, django_assert_num_queries, count
):
    for _ in range(count):
        ModerationAction.objects.create(
            summit=summit, action="hide", moderator=moderator, card=CardFactory(summit=summit)
        )
    client = logged_in(moderator)

    with django_assert_num_queries(6):
        response = client.get(queue(summit, "log/"))

    assert len(response.context["actions"]) == count
