"""The organisers' pages: rules, criteria, prizes, jurors, results and their publication."""

import datetime as dt
import zoneinfo

import pytest

from cosummit.hackathon.models import (
    Criterion,
    HackathonSettings,
    Juror,
    Prize,
    ProjectState,
    TeamMember,
)
from cosummit.summits.models import Event
from tests.factories import EventFactory, UserFactory
from tests.hackathon.conftest import base, logged_in, organise
from tests.hackathon.factories import (
    CriterionFactory,
    EvaluationFactory,
    JurorFactory,
    PrizeFactory,
    ProjectFactory,
    TeamFactory,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PAGES = ["", "challenges/", "criteria/", "prizes/", "jury/", "results/"]


@pytest.mark.parametrize("page", PAGES)
def test_an_organiser_sees_every_page(hackathon, organiser, page):
    response = logged_in(organiser).get(f"{organise(hackathon)}{page}")

    assert response.status_code == 200
    assert response.context["event"] == hackathon


@pytest.mark.parametrize("person", ["registered", "member", "juror", "unverified"])
@pytest.mark.parametrize("page", PAGES)
def test_other_people_get_not_found(request, hackathon, person, page):
    response = logged_in(request.getfixturevalue(person)).get(f"{organise(hackathon)}{page}")

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, hackathon):
    response = client.get(organise(hackathon))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_an_event_that_is_not_a_hackathon_has_no_hackathon_pages(summit, organiser):
    workshop = EventFactory(summit=summit, kind=Event.Kind.WORKSHOP, slug="workshop")

    assert logged_in(organiser).get(organise(workshop)).status_code == 404
    assert logged_in(organiser).get(base(workshop)).status_code == 404


def test_the_index_lists_the_summits_hackathons(hackathon, organiser):
    EventFactory(summit=hackathon.summit, kind=Event.Kind.WORKSHOP)

    response = logged_in(organiser).get(f"/en/organise/{hackathon.summit.slug}/hackathon/")

    assert response.context["events"] == [hackathon]


def test_the_organiser_sets_the_deadline_in_the_events_time_zone_and_the_team_size(
    hackathon, organiser
):
    response = logged_in(organiser).post(
        organise(hackathon),
        {"submission_deadline": "2030-06-01T18:00", "team_size_limit": "6"},
    )

    assert response.status_code == 302
    settings = HackathonSettings.objects.get(event=hackathon)
    assert settings.submission_deadline == dt.datetime(2030, 6, 1, 18, 0, tzinfo=PARIS)
    assert settings.team_size_limit == 6


def test_a_hackathon_without_settings_gets_them_on_first_save(summit, organiser):
    event = EventFactory(summit=summit, kind=Event.Kind.HACKATHON, slug="other-hackathon")

    logged_in(organiser).post(organise(event), {"submission_deadline": "", "team_size_limit": "4"})

    assert HackathonSettings.objects.get(event=event).team_size_limit == 4


TOO_LOW = "A team already has 2 members: the limit cannot be lower."


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"team_size_limit": "0"},
            "team_size_limit",
            "Ensure this value is greater than or equal to 1.",
        ),
        ({"team_size_limit": "x"}, "team_size_limit", "Enter a whole number."),
        ({"team_size_limit": "1"}, "team_size_limit", TOO_LOW),
        ({"submission_deadline": "tomorrow"}, "submission_deadline", "Enter a valid date/time."),
    ],
)
def test_bad_settings_are_refused(hackathon, team, organiser, data, field, error):
    TeamMember.objects.create(team=team, event=hackathon, user=UserFactory())

    response = logged_in(organiser).post(
        organise(hackathon), {"submission_deadline": "", "team_size_limit": "3"} | data
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert HackathonSettings.objects.get(event=hackathon).team_size_limit == 3


# Criteria and prizes.

CRITERION = {
    "name_fr": "Impact",
    "name_en": "Impact",
    "description_en": "Who it helps.",
    "weight": "2",
    "min_score": "0",
    "max_score": "5",
    "position": "1",
}


def test_the_organiser_adds_edits_and_removes_a_criterion(hackathon, organiser):
    client = logged_in(organiser)

    assert client.post(f"{organise(hackathon)}criteria/", CRITERION).status_code == 302
    criterion = Criterion.objects.get()
    assert (dict(criterion.name), criterion.weight, criterion.max_score) == (
        {"fr": "Impact", "en": "Impact"},
        2,
        5,
    )
    client.post(f"{organise(hackathon)}criteria/{criterion.pk}/", CRITERION | {"weight": "3"})
    criterion.refresh_from_db()
    assert criterion.weight == 3
    client.post(f"{organise(hackathon)}criteria/{criterion.pk}/delete/")
    assert Criterion.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"max_score": "0"}, "max_score", "The highest score must be above the lowest score."),
        ({"weight": "0"}, "weight", "Ensure this value is greater than or equal to 1."),
        ({"name_fr": "", "name_en": ""}, "name", "Fill this in, in at least one language."),
    ],
)
def test_a_bad_criterion_is_refused(hackathon, organiser, changes, field, error):
    response = logged_in(organiser).post(f"{organise(hackathon)}criteria/", CRITERION | changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert Criterion.objects.count() == 0


def test_a_criteria_scale_is_fixed_once_jurors_used_it(hackathon, team, organiser):
    criterion = CriterionFactory(event=hackathon)
    EvaluationFactory(project=ProjectFactory(team=team), scores={criterion: 4})

    response = logged_in(organiser).post(
        f"{organise(hackathon)}criteria/{criterion.pk}/", CRITERION | {"max_score": "10"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["max_score"] == [
        "Jurors have already scored on this scale: it can no longer change."
    ]
    criterion.refresh_from_db()
    assert criterion.max_score == 5


def test_the_organiser_adds_edits_and_removes_a_prize(hackathon, organiser):
    client = logged_in(organiser)
    prize = {"rank": "1", "title_fr": "Grand prix", "title_en": "Grand prize"}

    assert client.post(f"{organise(hackathon)}prizes/", prize).status_code == 302
    created = Prize.objects.get()
    client.post(f"{organise(hackathon)}prizes/{created.pk}/", prize | {"rank": "2"})
    created.refresh_from_db()
    assert (created.rank, created.title["en"]) == (2, "Grand prize")
    assert client.post(f"{organise(hackathon)}prizes/", {"rank": "1"}).status_code == 400
    client.post(f"{organise(hackathon)}prizes/{created.pk}/delete/")
    assert Prize.objects.count() == 0


def test_a_criterion_of_another_hackathon_is_not_found(hackathon, organiser):
    elsewhere = CriterionFactory()

    response = logged_in(organiser).post(f"{organise(hackathon)}criteria/{elsewhere.pk}/delete/")

    assert response.status_code == 404
    assert Criterion.objects.count() == 1


# Jurors.


def test_the_organiser_appoints_a_juror_by_e_mail_address(hackathon, organiser, registered):
    response = logged_in(organiser).post(
        f"{organise(hackathon)}jury/", {"email": registered.email.upper()}
    )

    assert response.status_code == 302
    assert Juror.objects.get().user == registered


NO_ACCOUNT = "No account uses this e-mail address: ask the person to sign up first."


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("nobody@example.org", NO_ACCOUNT),
        ("not an address", "Enter a valid email address."),
        ("juror", "This person is already on the jury."),
    ],
)
def test_a_juror_who_cannot_be_appointed_is_refused(hackathon, organiser, juror, email, error):
    email = juror.email if email == "juror" else email

    response = logged_in(organiser).post(f"{organise(hackathon)}jury/", {"email": email})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [error]
    assert Juror.objects.count() == 1


def test_the_organiser_removes_a_juror(hackathon, organiser, juror):
    appointment = Juror.objects.get()

    logged_in(organiser).post(f"{organise(hackathon)}jury/{appointment.pk}/remove/")

    assert Juror.objects.count() == 0


# Results.


@pytest.fixture
def scored(hackathon, team, other_team):
    """Two projects scored by two jurors; the first is better."""
    impact = CriterionFactory(event=hackathon, weight=2)
    design = CriterionFactory(event=hackathon, min_score=1, max_score=10)
    first = ProjectFactory(team=team, title="Fountain map")
    second = ProjectFactory(team=other_team, title="Budget lens")
    for juror in (JurorFactory(event=hackathon).user, JurorFactory(event=hackathon).user):
        EvaluationFactory(project=first, juror=juror, scores={impact: 5, design: 10})
        EvaluationFactory(project=second, juror=juror, scores={impact: 2, design: 1})
    return first, second


def test_the_results_rank_projects_by_weighted_average(hackathon, organiser, scored):
    first, second = scored

    response = logged_in(organiser).get(f"{organise(hackathon)}results/")

    rows = [
        (project, result.rank, result.score, means)
        for project, result, means in response.context["results"]
    ]
    assert rows == [(first, 1, 100.0, [5.0, 10.0]), (second, 2, 26.7, [2.0, 1.0])]  # fmt: skip


def test_scores_by_a_juror_in_the_projects_team_are_left_out(hackathon, organiser, scored, team):
    first, _second = scored
    insider = JurorFactory(event=hackathon).user
    TeamMember.objects.create(team=team, event=hackathon, user=insider)
    EvaluationFactory(
        project=first, juror=insider, scores={c: c.min_score for c in Criterion.objects.all()}
    )

    response = logged_in(organiser).get(f"{organise(hackathon)}results/")

    project, result, _means = response.context["results"][0]
    assert (project, result.score, result.jurors) == (first, 100.0, 2)


def test_the_organiser_awards_a_prize_to_a_submitted_project(hackathon, organiser, scored):
    first, _second = scored
    prize = PrizeFactory(event=hackathon)

    response = logged_in(organiser).post(
        f"{organise(hackathon)}results/prizes/{prize.pk}/", {f"prize-{prize.pk}-project": first.pk}
    )

    assert response.status_code == 302
    prize.refresh_from_db()
    assert prize.project == first


def test_a_prize_cannot_go_to_a_draft(hackathon, organiser, team):
    draft = ProjectFactory(team=team, state=ProjectState.DRAFT)
    prize = PrizeFactory(event=hackathon)

    response = logged_in(organiser).post(
        f"{organise(hackathon)}results/prizes/{prize.pk}/", {f"prize-{prize.pk}-project": draft.pk}
    )

    assert response.status_code == 400
    prize.refresh_from_db()
    assert prize.project is None


def test_published_results_show_ranks_and_prizes_in_the_showcase(
    client, hackathon, organiser, scored
):
    first, second = scored
    PrizeFactory(event=hackathon, project=first, title={"en": "Grand prize"})
    showcase = f"{base(hackathon)}projects/"
    before = client.get(showcase)
    assert "Grand prize" not in before.text

    logged_in(organiser).post(f"{organise(hackathon)}results/publication/", {"publish": "yes"})

    after = client.get(showcase)
    assert [(p, p.result.rank) for p in after.context["projects"]] == [(first, 1), (second, 2)]
    assert '<p class="hackathon-prize"><span lang="en">Grand prize</span></p>' in after.text
    page = client.get(f"{base(hackathon)}projects/{first.pk}/")
    assert "Rank 1 by the jury, 100.0 out of 100" in page.text

    logged_in(organiser).post(f"{organise(hackathon)}results/publication/", {"publish": "no"})
    assert "Grand prize" not in client.get(showcase).text


def test_a_garbled_publication_request_changes_nothing(hackathon, organiser):
    response = logged_in(organiser).post(
        f"{organise(hackathon)}results/publication/", {"publish": "maybe"}, follow=True
    )

    assert "Nothing was changed: the request was not understood." in response.text
    assert HackathonSettings.objects.get(event=hackathon).results_published_at is None


@pytest.mark.parametrize("count", [1, 3])
def test_the_results_page_makes_a_constant_number_of_queries(
    hackathon, organiser, django_assert_num_queries, count
):
    criterion = CriterionFactory(event=hackathon)
    for _number in range(count):
        project = ProjectFactory(team=TeamFactory(event=hackathon, members=[UserFactory()]))
        EvaluationFactory(project=project, scores={criterion: 3})
        PrizeFactory(event=hackathon)
    client = logged_in(organiser)

    # The session, the user, the event with its summit, the organiser's roles,
    # the submitted projects with their screenshots and prizes, the criteria,
    # the prizes, the team members, the scores, the settings.
    with django_assert_num_queries(12):
        response = client.get(f"{organise(hackathon)}results/")

    assert len(response.context["results"]) == count
    assert len(response.context["prize_rows"]) == count
