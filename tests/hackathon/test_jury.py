"""Jurors score submitted projects per criterion, except their own team's."""

import pytest
from django.utils import timezone

from cosummit.hackathon.models import Evaluation, HackathonSettings, ProjectState, TeamMember
from tests.hackathon.conftest import base, logged_in
from tests.hackathon.factories import (
    CriterionFactory,
    EvaluationFactory,
    JurorFactory,
    ProjectFactory,
    TeamFactory,
)


@pytest.fixture
def criteria(hackathon):
    return [
        CriterionFactory(event=hackathon, name={"en": "Impact"}, weight=2),
        CriterionFactory(event=hackathon, name={"en": "Design"}, min_score=1, max_score=10),
    ]


@pytest.fixture
def project(team):
    return ProjectFactory(team=team, title="Fountain map")


def score_url(project) -> str:
    return f"{base(project.event)}jury/{project.pk}/"


def scores(criteria, *values, comment="Clear and useful.") -> dict:
    data = {f"criterion_{c.pk}": value for c, value in zip(criteria, values, strict=True)}
    return data | {"comment": comment}


def test_a_juror_scores_a_project_per_criterion_with_a_comment(juror, project, criteria):
    response = logged_in(juror).post(score_url(project), scores(criteria, 4, 7))

    assert response.status_code == 302
    assert response["Location"] == f"{base(project.event)}jury/"
    evaluation = Evaluation.objects.get()
    assert (evaluation.juror, evaluation.project, evaluation.comment) == (
        juror,
        project,
        "Clear and useful.",
    )
    assert {s.criterion.name["en"]: s.value for s in evaluation.scores.all()} == {
        "Impact": 4,
        "Design": 7,
    }


def test_a_juror_changes_their_scores(juror, project, criteria):
    client = logged_in(juror)
    client.post(score_url(project), scores(criteria, 4, 7))

    client.post(score_url(project), scores(criteria, 1, 2, comment="On second thought."))

    evaluation = Evaluation.objects.get()
    assert sorted(evaluation.scores.values_list("value", flat=True)) == [1, 2]
    assert evaluation.comment == "On second thought."
    page = client.get(score_url(project))
    assert page.context["form"].initial[f"criterion_{criteria[0].pk}"] == 1


@pytest.mark.parametrize(
    ("values", "field", "error"),
    [
        ((6, 7), 0, "Select a valid choice. 6 is not one of the available choices."),
        ((4, 0), 1, "Select a valid choice. 0 is not one of the available choices."),
        ((4, "x"), 1, "Select a valid choice. x is not one of the available choices."),
        ((4, ""), 1, "This field is required."),
    ],
)
def test_a_score_outside_the_scale_or_missing_is_refused(
    juror, project, criteria, values, field, error
):
    response = logged_in(juror).post(score_url(project), scores(criteria, *values))

    assert response.status_code == 400
    assert response.context["form"].errors[f"criterion_{criteria[field].pk}"] == [error]
    assert Evaluation.objects.count() == 0


def test_a_juror_in_the_team_cannot_score_its_project(hackathon, team, project, criteria):
    juror = JurorFactory(event=hackathon).user
    TeamMember.objects.create(team=team, event=hackathon, user=juror)

    response = logged_in(juror).post(score_url(project), scores(criteria, 5, 10))

    assert response.status_code == 403
    assert "You are in this project’s team: you cannot score it." in response.text
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("person", ["member", "registered", "organiser"])
def test_only_jurors_score(request, project, criteria, person):
    client = logged_in(request.getfixturevalue(person))

    assert client.get(score_url(project)).status_code == 404
    assert client.post(score_url(project), scores(criteria, 4, 7)).status_code == 404
    assert client.get(f"{base(project.event)}jury/").status_code == 404
    assert Evaluation.objects.count() == 0


def test_a_draft_is_not_scored(juror, team, criteria):
    draft = ProjectFactory(team=team, state=ProjectState.DRAFT)

    response = logged_in(juror).post(score_url(draft), scores(criteria, 4, 7))

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


def test_a_juror_of_another_hackathon_does_not_score(project, criteria):
    outsider = JurorFactory().user

    response = logged_in(outsider).post(score_url(project), scores(criteria, 4, 7))

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


def test_scores_no_longer_change_once_results_are_published(hackathon, juror, project, criteria):
    HackathonSettings.objects.filter(event=hackathon).update(results_published_at=timezone.now())

    response = logged_in(juror).post(score_url(project), scores(criteria, 4, 7))

    assert response.status_code == 400
    assert "The results are published: scores can no longer change." in response.text
    assert Evaluation.objects.count() == 0


def test_without_criteria_there_is_nothing_to_score(juror, project):
    response = logged_in(juror).post(score_url(project), {"comment": "Great."})

    assert response.status_code == 400
    assert "The organisers have not set the jury’s criteria yet." in response.text
    assert Evaluation.objects.count() == 0


def test_the_queue_marks_scored_projects_and_the_jurors_own_team(
    hackathon, team, other_team, criteria
):
    juror = JurorFactory(event=hackathon).user
    TeamMember.objects.create(team=team, event=hackathon, user=juror)
    own = ProjectFactory(team=team)
    scored = ProjectFactory(team=other_team)
    EvaluationFactory(project=scored, juror=juror, scores={criteria[0]: 3, criteria[1]: 3})

    response = logged_in(juror).get(f"{base(hackathon)}jury/")

    projects = response.context["projects"]
    assert [(p, p.is_conflict, p.my_evaluation is not None) for p in projects] == [
        (own, True, False),
        (scored, False, True),
    ]
    assert "Your own team: you cannot score it." in response.text
    assert score_url(own) not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_makes_a_constant_number_of_queries(
    hackathon, juror, criteria, django_assert_num_queries, count
):
    for _number in range(count):
        project = ProjectFactory(team=TeamFactory(event=hackathon))
        EvaluationFactory(project=project, juror=juror)
    client = logged_in(juror)

    # The session, the user, the summit, the roles, the event, whether they are
    # a juror, their team, the projects, their evaluations, the criteria.
    with django_assert_num_queries(10):
        response = client.get(f"{base(hackathon)}jury/")

    assert len(response.context["projects"]) == count
