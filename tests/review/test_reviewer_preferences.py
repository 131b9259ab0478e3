"""A reviewer says what they know: expertise, languages and preferred tracks."""

from tests.factories import SummitFactory
from tests.proposals.factories import TrackFactory
from tests.review.reviewer_helpers import (
    logged_in,
    preferences_url,
    reviewer_fixture,  # noqa: F401
)


def test_the_form_offers_the_summit_languages_and_tracks(summit, reviewer):
    summit.languages = ["fr", "en", "es"]
    summit.save()
    track = TrackFactory(summit=summit, name={"en": "Civic space", "fr": "Espace civique"})
    TrackFactory(summit=SummitFactory())

    response = logged_in(reviewer.user).get(preferences_url(summit))

    form = response.context["form"]
    assert form.fields["languages"].choices == [
        ("fr", "French"),
        ("en", "English"),
        ("es", "Spanish"),
    ]
    assert list(form.fields["preferred_tracks"].queryset) == [track]
    assert "Civic space" in response.text


def test_saving_preferences_stores_them(summit, reviewer):
    first = TrackFactory(summit=summit)
    TrackFactory(summit=summit)

    response = logged_in(reviewer.user).post(
        preferences_url(summit),
        {
            "expertise": " open contracting, budgets ",
            "languages": ["en"],
            "preferred_tracks": [first.pk],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == preferences_url(summit)
    reviewer.refresh_from_db()
    assert (reviewer.expertise, reviewer.languages) == ("open contracting, budgets", ["en"])
    assert list(reviewer.preferred_tracks.all()) == [first]


def test_a_language_the_summit_does_not_hold_is_refused(summit, reviewer):
    response = logged_in(reviewer.user).post(
        preferences_url(summit), {"expertise": "", "languages": ["de"]}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "languages": ["Select a valid choice. de is not one of the available choices."]
    }
    reviewer.refresh_from_db()
    assert reviewer.languages == ["fr", "en"]


def test_another_summit_track_is_refused(summit, reviewer):
    foreign = TrackFactory(summit=SummitFactory())

    response = logged_in(reviewer.user).post(
        preferences_url(summit), {"expertise": "", "preferred_tracks": [foreign.pk]}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "preferred_tracks": [
            f"Select a valid choice. {foreign.pk} is not one of the available choices."
        ]
    }
    assert list(reviewer.preferred_tracks.all()) == []


def test_expertise_longer_than_500_characters_is_refused(summit, reviewer):
    response = logged_in(reviewer.user).post(preferences_url(summit), {"expertise": "x" * 501})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "expertise": ["Ensure this value has at most 500 characters (it has 501)."]
    }
