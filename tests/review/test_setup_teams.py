"""Organisers form reviewer teams limited to tracks, some of them conveners."""

import pytest

from cosummit.review import queries
from cosummit.review.models import ReviewerTeam
from tests.factories import SummitFactory
from tests.proposals.factories import TrackFactory
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory
from tests.review.organiser_helpers import (
    organise_url,
    organiser_client_fixture,  # noqa: F401
    team_data,
)
from tests.summits.factories_extra import translated

pytestmark = pytest.mark.django_db


def test_an_organiser_forms_a_convening_team_for_a_track(organiser_client, summit):
    track, other_track = TrackFactory(summit=summit), TrackFactory(summit=summit)
    member, outsider = ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)

    response = organiser_client.post(
        organise_url(summit, "teams/new/"), team_data(tracks=[track.pk], members=[member.pk])
    )

    team = ReviewerTeam.objects.get(summit=summit)
    assert response["Location"] == organise_url(summit, "teams/")
    assert (
        dict(team.name),
        list(team.tracks.all()),
        list(team.members.all()),
        team.can_decide,
    ) == (
        {"fr": "Comité de la Journée OSC", "en": "CSO Day committee"},
        [track],
        [member],
        True,
    )
    assert queries.decision_scope(member.user, summit) == {track.pk}
    assert queries.reviewer_tracks(outsider) is None
    assert other_track.pk not in queries.reviewer_tracks(member)


def test_an_organiser_changes_a_teams_tracks_and_members(organiser_client, summit):
    first, second = TrackFactory(summit=summit), TrackFactory(summit=summit)
    old_member, new_member = ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)
    team = ReviewerTeamFactory(summit=summit, tracks=[first], members=[old_member])

    edit_page = organiser_client.get(organise_url(summit, f"teams/{team.pk}/")).text
    organiser_client.post(
        organise_url(summit, f"teams/{team.pk}/"),
        team_data(
            **translated("name", en="Open data"),
            tracks=[second.pk],
            members=[new_member.pk],
            can_decide="",
        ),
    )

    team.refresh_from_db()
    assert f'value="{first.pk}" id="id_tracks_0" checked' in edit_page
    assert (dict(team.name), list(team.tracks.all()), list(team.members.all())) == (
        {"en": "Open data"},
        [second],
        [new_member],
    )
    assert team.can_decide is False


@pytest.mark.parametrize("bad", ["track of another summit", "reviewer of another summit", "name"])
def test_a_bad_team_is_refused_and_nothing_is_saved(organiser_client, summit, bad):
    elsewhere = SummitFactory()
    data = {
        "track of another summit": team_data(tracks=[TrackFactory(summit=elsewhere).pk]),
        "reviewer of another summit": team_data(members=[ReviewerFactory(summit=elsewhere).pk]),
        "name": team_data(**translated("name")),
    }[bad]

    response = organiser_client.post(organise_url(summit, "teams/new/"), data)

    field = {"track of another summit": "tracks", "reviewer of another summit": "members"}.get(
        bad, "name"
    )
    assert list(response.context["form"].errors) == [field]
    assert ReviewerTeam.objects.count() == 0


def test_deleting_a_convening_team_says_its_conveners_no_longer_decide(
    organiser_client,
    summit,
):
    member = ReviewerFactory(summit=summit)
    team = ReviewerTeamFactory(
        summit=summit, name={"en": "CSO Day"}, can_decide=True, members=[member]
    )

    page = organiser_client.get(organise_url(summit, f"teams/{team.pk}/delete/")).text
    organiser_client.post(organise_url(summit, f"teams/{team.pk}/delete/"))

    assert "Delete the team “CSO Day”?" in page
    assert "Its conveners no longer decide for its tracks." in page
    assert ReviewerTeam.objects.count() == 0
    assert queries.decision_scope(member.user, summit) == set()


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_list_takes_the_same_queries_for_one_team_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    for _ in range(count):
        ReviewerTeamFactory(
            summit=summit,
            tracks=[TrackFactory(summit=summit)],
            members=[ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)],
        )
    organiser_client.get(organise_url(summit, "teams/"))

    with django_assert_num_queries(8):
        response = organiser_client.get(organise_url(summit, "teams/"))

    assert len(response.context["teams"]) == count
