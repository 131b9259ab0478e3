"""Organisers add, change and delete session formats, with their own deadline."""

import datetime as dt

import pytest

from cosummit.proposals.models import SessionFormat
from tests.proposals.factories import ProposalFactory, SessionFormatFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person, translated

pytestmark = pytest.mark.django_db


def formats_url(summit, tail=""):
    return f"/en/organise/{summit.slug}/call/formats/{tail}"


def format_data(**overrides):
    data = {
        "kind": "pitch",
        **translated("name", fr="Pitch éclair", en="Lightning pitch"),
        **translated("description"),
        "min_minutes": "5",
        "max_minutes": "10",
        "closes_at": "2016-05-31T18:00",
        "position": "7",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, call):
    client.force_login(make_person("organiser", call.summit))
    return client


def test_an_organiser_adds_a_format_with_its_own_deadline_in_the_summits_zone(
    organiser_client, call
):
    response = organiser_client.post(formats_url(call.summit, "new/"), format_data())

    added = SessionFormat.objects.get(call=call)
    assert response["Location"] == formats_url(call.summit)
    assert (added.name["en"], added.min_minutes, added.max_minutes, added.closes_at) == (
        "Lightning pitch",
        5,
        10,
        dt.datetime(2016, 5, 31, 16, 0, tzinfo=dt.UTC),
    )
    assert "Lightning pitch" in organiser_client.get(formats_url(call.summit)).text


def test_an_organiser_changes_a_format(organiser_client, call):
    existing = SessionFormatFactory(call=call)

    organiser_client.post(
        formats_url(call.summit, f"{existing.pk}/"), format_data(max_minutes="12", closes_at="")
    )

    existing.refresh_from_db()
    assert (existing.max_minutes, existing.closes_at) == (12, None)


def test_a_longest_duration_below_the_shortest_is_refused(organiser_client, call):
    response = organiser_client.post(
        formats_url(call.summit, "new/"), format_data(min_minutes="20", max_minutes="10")
    )

    assert "The longest duration cannot be below the shortest." in response.text
    assert SessionFormat.objects.count() == 0


def test_a_format_without_a_name_is_refused(organiser_client, call):
    response = organiser_client.post(
        formats_url(call.summit, "new/"), format_data(**translated("name"))
    )

    assert "Fill this in, in at least one language." in response.text
    assert SessionFormat.objects.count() == 0


def test_an_unused_format_is_deleted(organiser_client, call):
    existing = SessionFormatFactory(call=call)

    organiser_client.post(formats_url(call.summit, f"{existing.pk}/delete/"))

    assert SessionFormat.objects.count() == 0


def test_a_format_used_by_proposals_is_kept(organiser_client, call):
    existing = SessionFormatFactory(call=call)
    ProposalFactory(summit=call.summit, format=existing)

    response = organiser_client.post(
        formats_url(call.summit, f"{existing.pk}/delete/"), follow=True
    )

    assert "This format cannot be deleted: 1 proposals use it." in response.text
    assert SessionFormat.objects.count() == 1


def test_a_format_of_another_summit_is_not_found(organiser_client, call):
    other = SessionFormatFactory()

    assert organiser_client.get(formats_url(call.summit, f"{other.pk}/")).status_code == 404


def test_formats_wait_for_the_call_to_be_set_up(client, summit):
    client.force_login(make_person("organiser", summit))

    response = client.get(formats_url(summit))

    assert response["Location"] == f"/en/organise/{summit.slug}/call/"


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_manage_formats(client, call, kind):
    existing = SessionFormatFactory(call=call)
    user = make_person(kind, call.summit)
    if user.is_authenticated:
        client.force_login(user)

    responses = [
        client.get(formats_url(call.summit)),
        client.post(formats_url(call.summit, "new/"), format_data()),
        client.post(formats_url(call.summit, f"{existing.pk}/"), format_data()),
        client.post(formats_url(call.summit, f"{existing.pk}/delete/")),
    ]

    expected = 302 if kind in ("anonymous", "inactive organiser") else 404
    assert {response.status_code for response in responses} == {expected}
    assert list(SessionFormat.objects.values_list("pk", flat=True)) == [existing.pk]
