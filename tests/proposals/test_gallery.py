import datetime as dt

import pytest
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.models import State
from cosummit.summits.models import Role
from tests.factories import SummitFactory
from tests.proposals.discussion_helpers import gallery_url, team_member
from tests.proposals.factories import (
    CallFactory,
    ProposalFactory,
    ProposalOrganisationFactory,
    SessionFormatFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [proposal.title for proposal in response.context["page"].object_list]


def newest(client, summit, **filters):
    return client.get(gallery_url(summit), {"sort": "newest", **filters})


def make(summit, title, days_ago=0, **fields):
    fields.setdefault("search_text", title.lower())
    return ProposalFactory(
        summit=summit,
        title=title,
        submitted_at=timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    )


def test_gallery_lists_public_proposals_only(client, call):
    summit = call.summit
    make(summit, "Submitted")
    make(summit, "Draft", state=State.DRAFT)
    make(summit, "Withdrawn", state=State.WITHDRAWN)
    make(summit, "Merged", state=State.MERGED)
    make(summit, "Hidden", hidden_at=timezone.now())
    make(CallFactory().summit, "Other summit")

    response = client.get(gallery_url(summit))

    assert response.status_code == 200
    assert titles(response) == ["Submitted"]
    assert "1 proposal" in response.text


def test_gallery_says_when_the_discussion_opens(client, summit):
    opens = timezone.now() + dt.timedelta(days=3)
    CallFactory(summit=summit, discussion_opens_at=opens)
    make(summit, "Too early")

    response = client.get(gallery_url(summit))

    assert response.status_code == 200
    assert "The proposals will be published for public discussion on" in response.text
    assert "Too early" not in response.text


def test_gallery_says_when_proposals_are_not_published_at_all(client, summit):
    CallFactory(summit=summit, is_discussion_public=False)

    response = client.get(gallery_url(summit))

    assert "are not published for public discussion" in response.text


def test_gallery_of_a_summit_without_a_call_says_nothing_is_published(client, summit):
    response = client.get(gallery_url(summit))

    assert response.status_code == 200
    assert "are not published for public discussion" in response.text


def test_gallery_of_an_unpublished_summit_is_not_found(client):
    summit = SummitFactory(is_published=False)
    CallFactory(summit=summit)

    assert client.get(gallery_url(summit)).status_code == 404


def test_filter_by_track_format_language_and_co_leading(client, call):
    summit = call.summit
    data, cities = TrackFactory(summit=summit, slug="data"), TrackFactory(summit=summit)
    pitch = SessionFormatFactory(call=call)
    workshop = SessionFormatFactory(call=call)
    make(summit, "Data pitch in French", track=data, format=pitch, session_language="fr")
    make(summit, "Data workshop", track=data, format=workshop, is_co_led=True)
    make(summit, "Cities workshop", track=cities, format=workshop, is_co_led=True)

    assert titles(newest(client, summit, track="data")) == ["Data workshop", "Data pitch in French"]
    assert titles(newest(client, summit, format=pitch.pk)) == ["Data pitch in French"]
    assert titles(newest(client, summit, language="fr")) == ["Data pitch in French"]
    assert titles(newest(client, summit, co_led="on")) == ["Cities workshop", "Data workshop"]
    assert titles(newest(client, summit, track="data", co_led="on")) == ["Data workshop"]


def test_filter_by_submitter_type_and_country_of_the_organisations(client, call):
    summit = call.summit
    government = make(summit, "Government session", days_ago=2)
    mixed = make(summit, "Mixed session", days_ago=1)
    ProposalOrganisationFactory(
        proposal=government, organisation_type=OrganisationType.GOVERNMENT, country="FR"
    )
    ProposalOrganisationFactory(
        proposal=mixed, organisation_type=OrganisationType.GOVERNMENT, country="KE"
    )
    ProposalOrganisationFactory(
        proposal=mixed, organisation_type=OrganisationType.CIVIL_SOCIETY, country="KE"
    )

    assert titles(newest(client, summit, submitter_type="government")) == [
        "Mixed session",
        "Government session",
    ]
    assert titles(newest(client, summit, submitter_type="civil_society")) == ["Mixed session"]
    assert titles(newest(client, summit, country="KE")) == ["Mixed session"]
    response = newest(client, summit)
    assert response.context["form"].fields["country"].choices == [
        ("", "All"),
        ("FR", "France"),
        ("KE", "Kenya"),
    ]


def test_unknown_filter_values_are_named_and_ignored(client, call):
    make(call.summit, "Still listed")

    response = client.get(
        gallery_url(call.summit), {"track": "nowhere", "format": "abc", "sort": "loudest"}
    )

    assert response.status_code == 200
    assert titles(response) == ["Still listed"]
    assert "Some filters were not understood and are ignored:" in response.text
    assert set(response.context["form"].errors) == {"track", "format", "sort"}


def test_search_ignores_case_and_accents_and_needs_every_word(client, call):
    summit = call.summit
    make(summit, "Énergie et transparence", search_text="energie et transparence")
    make(summit, "Energy data", search_text="energy data")

    assert titles(newest(client, summit, q="ÉNERGIE")) == ["Énergie et transparence"]
    assert titles(newest(client, summit, q="energie transparence")) == ["Énergie et transparence"]
    assert titles(newest(client, summit, q="energie data")) == []
    assert titles(newest(client, summit, q="ener")) == ["Energy data", "Énergie et transparence"]


def test_search_finds_the_organisations_and_the_other_language(client, call):
    make(
        call.summit,
        "Budgets",
        search_text="budgets budgets ouverts open knowledge foundation",
    )

    assert titles(newest(client, call.summit, q="knowledge")) == ["Budgets"]
    assert titles(newest(client, call.summit, q="ouverts")) == ["Budgets"]


def test_empty_search_says_nothing_matches(client, call):
    make(call.summit, "Budgets")

    response = newest(client, call.summit, q="unicorn")

    assert titles(response) == []
    assert "No proposal matches this search." in response.text


def test_sorting_by_supports_comments_and_date(client, call):
    summit = call.summit
    make(summit, "Old, loved", days_ago=3, supports_count=9, comments_count=1)
    make(summit, "Middle, talked about", days_ago=2, supports_count=2, comments_count=7)
    make(summit, "New", days_ago=1)

    def order(sort):
        return titles(client.get(gallery_url(summit), {"sort": sort}))

    assert order("supported") == ["Old, loved", "Middle, talked about", "New"]
    assert order("discussed") == ["Middle, talked about", "Old, loved", "New"]
    assert order("newest") == ["New", "Middle, talked about", "Old, loved"]


def test_card_shows_the_title_in_the_readers_language(client, call):
    make(call.summit, "Open budgets", other_language="fr", other_title="Budgets ouverts")

    english = client.get(gallery_url(call.summit))
    french = client.get(gallery_url(call.summit, language="fr"))

    assert 'lang="en">Open budgets</a>' in english.text
    assert 'lang="fr">Budgets ouverts</a>' in french.text
    assert "Open budgets" not in french.text


def test_card_shows_organisations_and_counts(client, call):
    proposal = make(call.summit, "Budgets", supports_count=4, comments_count=1)
    ProposalOrganisationFactory(proposal=proposal, name="Open Knowledge")

    response = client.get(gallery_url(call.summit))

    assert "Open Knowledge" in response.text
    assert "4 supports · 1 comment" in response.text


def test_filters_are_kept_in_the_page_links(client, call):
    for number in range(25):
        make(call.summit, f"Proposal {number}", days_ago=number)

    response = client.get(gallery_url(call.summit), {"sort": "newest", "q": "proposal"})

    assert '<a href="?sort=newest&amp;q=proposal&amp;page=2" rel="next">' in response.text


def test_chosen_filters_stay_chosen_on_the_page(client, call):
    track = TrackFactory(summit=call.summit, slug="data")
    make(call.summit, "Data", track=track)

    response = client.get(
        gallery_url(call.summit), {"track": "data", "sort": "supported", "co_led": "on"}
    )

    assert '<option value="data" selected>' in response.text
    assert '<option value="supported" selected>' in response.text
    assert 'name="co_led" id="id_co_led" checked' in response.text


def test_a_filter_not_understood_is_marked_invalid(client, call):
    response = client.get(gallery_url(call.summit), {"track": "nowhere"})

    assert '<select name="track" id="id_track" aria-invalid="true">' in response.text
    assert '<option value="" selected>' in response.text


def test_moderators_find_their_queue_from_the_gallery(client, call):
    client.force_login(team_member(call.summit, Role.MODERATOR))

    response = client.get(gallery_url(call.summit))

    assert f'href="/en/{call.summit.slug}/proposals/moderation/">Moderation queue' in response.text


def test_participants_are_not_shown_the_moderation_queue(client, call, participant):
    client.force_login(participant)

    assert "Moderation queue" not in client.get(gallery_url(call.summit)).text


@pytest.mark.parametrize(
    "parameters",
    [{"page": "abc"}, {"page": "-3"}, {"page": "99999"}, {"format": "1e9"}, {"q": "x" * 201}],
)
def test_hostile_parameters_still_give_the_gallery(client, call, parameters):
    make(call.summit, "Still here")

    response = client.get(gallery_url(call.summit), parameters)

    assert response.status_code == 200
    assert titles(response) == ["Still here"]
