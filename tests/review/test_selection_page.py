"""The selection helper's page: its form, its checks and a real proposal."""

import itertools

import pytest

from cosummit.review.models import Decision, Outcome
from tests.review.balance_examples import (
    CIVIL_SOCIETY,
    GOVERNMENT,
    applied,
    call_with,
    convener_of,
    proposal_with,
    scored,
    selection_url,
)


@pytest.fixture
def call(summit):
    """Eight scored proposals in two formats, two tracks and two languages.

    Three of them name the same organisation, "Ville de Paris".
    """
    (workshop, panel), (t1, t2) = call_with(summit, formats=2, tracks=2)
    rows = [
        # score, format, track, language, lead type, organisation, co-led
        (90, workshop, t1, "en", GOVERNMENT, "Ville de Paris", False),
        (85, workshop, t1, "en", GOVERNMENT, "Ville de Paris", False),
        (80, panel, t1, "en", GOVERNMENT, "Ville de Paris", False),
        (70, workshop, t2, "fr", CIVIL_SOCIETY, "Association A", False),
        (60, panel, t1, "fr", CIVIL_SOCIETY, "Association B", False),
        (45, workshop, t2, "en", CIVIL_SOCIETY, "Association C", False),
        (40, panel, t2, "fr", CIVIL_SOCIETY, "Association D", True),
        (30, workshop, t1, "en", GOVERNMENT, "Ministère X", False),
    ]
    proposals = []
    for number, (score, format_, track, language, kind, name, co_led) in enumerate(rows, 1):
        proposal = proposal_with(
            summit,
            title=f"Proposal {number}",
            organisations=[(kind, "FR", name)],
            format=format_,
            track=track,
            session_language=language,
            is_co_led=co_led,
        )
        proposals.append(scored(proposal, score))
    return {"formats": (workshop, panel), "tracks": (t1, t2), "proposals": proposals}


def rules(call, **overrides) -> dict:
    workshop, panel = call["formats"]
    data = {
        f"slots_{workshop.pk}": "2",
        f"slots_{panel.pk}": "2",
        "min_civil_society_share": "50",
        "min_co_led_share": "0",
        "max_per_organisation": "1",
        "min_per_track": "1",
        "max_track_share": "",
        "min_language_fr": "1",
        "min_language_en": "0",
        "max_language_share": "",
        "time_limit": "10",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def test_the_form_starts_with_half_of_each_formats_candidates_as_slots(
    organiser_client, summit, call
):
    workshop, panel = call["formats"]

    response = organiser_client.get(selection_url(summit))
    form = response.context["form"]

    assert (response.status_code, response.context["report"]) == (200, None)
    assert (form[f"slots_{workshop.pk}"].initial, form[f"slots_{panel.pk}"].initial) == (3, 2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slots", "-1", "Enter a whole number of at least 0."),
        ("slots", "two", "Enter a whole number."),
        ("min_civil_society_share", "150", "A share is a percentage from 0 to 100."),
        ("min_co_led_share", "-5", "A share is a percentage from 0 to 100."),
        ("max_track_share", "0", "A share is a percentage from 1 to 100."),
        ("max_language_share", "101", "A share is a percentage from 1 to 100."),
        ("max_per_organisation", "0", "Enter a whole number of at least 1."),
        ("min_per_track", "-2", "Enter a whole number of at least 0."),
        ("min_language_fr", "-1", "Enter a whole number of at least 0."),
        ("time_limit", "0", "The time limit is from 1 to 30 seconds."),
        ("time_limit", "31", "The time limit is from 1 to 30 seconds."),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message_and_nothing_is_solved(
    organiser_client, summit, call, field, value, message
):
    if field == "slots":
        field = f"slots_{call['formats'][0].pk}"

    response = organiser_client.get(selection_url(summit), rules(call, **{field: value}))

    assert (response.status_code, response.context["report"]) == (400, None)
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()


def _respects(accepted, data, call) -> bool:
    workshop, panel = call["formats"]
    by_format = {workshop.pk: 0, panel.pk: 0}
    for proposal in accepted:
        by_format[proposal.format_id] += 1
    organisations = [proposal.organisations.first().name for proposal in accepted]
    civil_society = [p.organisations.first().organisation_type == CIVIL_SOCIETY for p in accepted]
    return (
        by_format[workshop.pk] <= int(data[f"slots_{workshop.pk}"])
        and by_format[panel.pk] <= int(data[f"slots_{panel.pk}"])
        and 100 * sum(civil_society) >= int(data["min_civil_society_share"]) * len(accepted)
        and max(organisations.count(name) for name in organisations) <= 1
        and all(any(p.track_id == track.pk for p in accepted) for track in call["tracks"])
        and any(p.session_language == "fr" for p in accepted)
    )


def test_the_proposed_selection_is_the_best_that_meets_every_rule(organiser_client, summit, call):
    data = rules(call)
    scores = dict(zip(call["proposals"], (90, 85, 80, 70, 60, 45, 40, 30), strict=True))
    best = max(
        (
            subset
            for size in range(1, 5)
            for subset in itertools.combinations(call["proposals"], size)
            if _respects(subset, data, call)
        ),
        key=lambda subset: sum(scores[p] for p in subset),
    )

    response = organiser_client.get(selection_url(summit), data)
    report = response.context["report"]
    shown = [row.title for row in report.rows]

    assert shown == ["Proposal 1", "Proposal 4", "Proposal 5", "Proposal 7"]
    assert shown == sorted(p.title for p in best)
    assert _respects([p for p in call["proposals"] if p.title in shown], data, call)
    assert (report.total_score, report.unconstrained_score, report.balance_cost) == (260, 315, 55)
    assert (round(report.cost_percent, 2), report.is_optimal) == (17.46, True)
    assert (report.civil_society.count, report.civil_society.percent) == (3, 75.0)
    assert report.largest_per_organisation == 1


def test_the_page_shows_the_cost_of_the_balance_and_the_proof(organiser_client, summit, call):
    html = organiser_client.get(selection_url(summit), rules(call)).content.decode()

    assert "<dd>55.00 points (17.5 %)</dd>" in html
    assert "Proven optimal: no selection meeting the rules scores more." in html
    assert "Mark these 4 as pending accept" in html
    assert html.count('<input type="hidden" name="proposal"') == 4


def test_track_minimums_beyond_the_slots_are_explained(organiser_client, summit, call):
    response = organiser_client.get(selection_url(summit), rules(call, min_per_track="3"))

    assert (response.status_code, response.context["error"]) == (
        200,
        "The minimum per track needs 6 accepted proposals, but only 4 slots can be filled.",
    )


def test_rules_that_cannot_hold_together_are_named(organiser_client, summit, call):
    data = rules(call, min_co_led_share="100", min_civil_society_share="0", min_language_fr="0")

    response = organiser_client.get(selection_url(summit), data)

    assert response.context["error"] == (
        "The rules cannot all hold at once. Loosening one of these would help: "
        "Minimum share co-led by a government and civil society, Minimum per track."
    )
    assert response.context["report"] is None


def test_organisers_see_the_organisations_of_the_proposed_proposals(organiser_client, summit, call):
    html = organiser_client.get(selection_url(summit), rules(call)).content.decode()

    assert "<td>Ville de Paris</td>" in html


def test_conveners_of_a_blind_review_see_titles_only(client, summit, call, review_setup):
    client.force_login(convener_of(summit, list(call["tracks"])))

    response = client.get(selection_url(summit), rules(call))
    html = response.content.decode()

    assert [row.title for row in response.context["report"].rows] == [
        "Proposal 1",
        "Proposal 4",
        "Proposal 5",
        "Proposal 7",
    ]
    assert ("Ville de Paris" in html, "Association" in html, "Organisations" in html) == (
        False,
        False,
        False,
    )


def test_unscored_and_announced_proposals_are_left_out_but_wait_listed_ones_stay(
    organiser_client, summit, call
):
    workshop, _panel = call["formats"]
    proposal_with(summit, title="Not reviewed", format=workshop)
    applied(scored(proposal_with(summit, format=workshop), 99), Outcome.REJECT)
    applied(scored(proposal_with(summit, format=workshop), 98), Outcome.ACCEPT)
    waiting = scored(proposal_with(summit, title="Waiting", format=workshop), 97)
    applied(waiting, Outcome.WAITLIST)

    response = organiser_client.get(selection_url(summit), rules(call))
    pool = response.context["pool"]
    html = response.content.decode()

    assert (len(pool.candidates), pool.unscored, pool.applied) == (9, 1, 2)
    assert response.context["report"].rows[0].title == "Waiting"
    assert "1 proposal without a scored review is left out." in html
    assert "Wait-listed, speakers told" in html


def test_the_score_is_the_mean_of_the_scored_reviews(organiser_client, summit):
    (workshop,), _tracks = call_with(summit)
    proposal = scored(proposal_with(summit, format=workshop), 80, 50)
    # An abstention has no total.
    proposal.reviews.filter(total=50.0).update(total=None, is_abstained=True)
    scored(proposal, 61)

    response = organiser_client.get(
        selection_url(summit),
        {
            f"slots_{workshop.pk}": "1",
            "min_civil_society_share": "0",
            "min_co_led_share": "0",
            "min_per_track": "0",
            "min_language_fr": "0",
            "min_language_en": "0",
            "time_limit": "5",
        },
    )

    assert [(row.title, row.score) for row in response.context["report"].rows] == [
        (proposal.title, 70.5)
    ]


def test_nothing_is_decided_by_proposing_a_selection(organiser_client, summit, call):
    organiser_client.get(selection_url(summit), rules(call))

    assert Decision.objects.count() == 0


# The session, the user, the summit and the roles; the proposals, their review
# means, their organisations, the formats and the tracks.
QUERIES = 9


@pytest.mark.parametrize("count", [1, 3])
def test_a_selection_takes_as_many_queries_for_one_candidate_as_for_three(
    client, summit, organiser, django_assert_num_queries, count
):
    (workshop,), (track,) = call_with(summit)
    for number in range(count):
        scored(
            proposal_with(summit, organisations=[(CIVIL_SOCIETY, "FR")], track=track), 50 + number
        )
    client.force_login(organiser)
    data = {
        f"slots_{workshop.pk}": "2",
        "min_civil_society_share": "0",
        "min_co_led_share": "0",
        "min_per_track": "1",
        "min_language_fr": "0",
        "min_language_en": "0",
        "time_limit": "5",
    }

    with django_assert_num_queries(QUERIES):
        response = client.get(selection_url(summit), data)

    assert len(response.context["report"].rows) == min(count, 2)
