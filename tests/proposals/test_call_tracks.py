"""Organisers manage the summit's tracks, with translated names and descriptions."""

import pytest

from cosummit.proposals.models import Track
from tests.proposals.factories import ProposalFactory, TrackFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person, translated

pytestmark = pytest.mark.django_db


def tracks_url(summit, tail=""):
    return f"/en/organise/{summit.slug}/call/tracks/{tail}"


def track_data(**overrides):
    data = {
        **translated("name", fr="Données ouvertes", en="Open data"),
        "slug": "open-data",
        **translated("description", fr="Publier et réutiliser.", en="Publish and reuse."),
        "position": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, call):
    client.force_login(make_person("organiser", call.summit))
    return client


def test_an_organiser_adds_a_translated_track(organiser_client, call):
    organiser_client.post(tracks_url(call.summit, "new/"), track_data())

    track = Track.objects.get(summit=call.summit)
    assert (track.name["fr"], track.name["en"], track.description["en"], track.slug) == (
        "Données ouvertes",
        "Open data",
        "Publish and reuse.",
        "open-data",
    )


def test_a_short_name_used_by_another_track_is_refused(organiser_client, call):
    TrackFactory(summit=call.summit, slug="open-data")

    response = organiser_client.post(tracks_url(call.summit, "new/"), track_data())

    assert "Another track of this summit already uses this short name." in response.text
    assert Track.objects.count() == 1


def test_an_organiser_renames_a_track(organiser_client, call):
    track = TrackFactory(summit=call.summit)

    organiser_client.post(
        tracks_url(call.summit, f"{track.pk}/"), track_data(**translated("name", en="Budgets"))
    )

    track.refresh_from_db()
    assert track.name == {"en": "Budgets"}


def test_deleting_a_track_leaves_its_proposals_without_one(organiser_client, call):
    track = TrackFactory(summit=call.summit)
    proposal = ProposalFactory(summit=call.summit, track=track)

    page = organiser_client.get(tracks_url(call.summit, f"{track.pk}/delete/")).text
    organiser_client.post(tracks_url(call.summit, f"{track.pk}/delete/"))

    proposal.refresh_from_db()
    assert "1 proposals of this track will have no track." in page
    assert (Track.objects.count(), proposal.track) == (0, None)


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_manage_tracks(client, call, kind):
    track = TrackFactory(summit=call.summit, slug="kept")
    user = make_person(kind, call.summit)
    if user.is_authenticated:
        client.force_login(user)

    responses = [
        client.get(tracks_url(call.summit)),
        client.post(tracks_url(call.summit, "new/"), track_data()),
        client.post(tracks_url(call.summit, f"{track.pk}/"), track_data()),
        client.post(tracks_url(call.summit, f"{track.pk}/delete/")),
    ]

    expected = 302 if kind in ("anonymous", "inactive organiser") else 404
    assert {response.status_code for response in responses} == {expected}
    assert list(Track.objects.values_list("slug", flat=True)) == ["kept"]
