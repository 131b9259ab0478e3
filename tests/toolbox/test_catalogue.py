import datetime as dt

import pytest
from django.utils import timezone

from cosummit.toolbox.models import Card, CardKind, Licence
from tests.factories import SummitFactory
from tests.toolbox.factories import CardFactory, TagFactory

pytestmark = pytest.mark.django_db


def url(summit) -> str:
    return f"/en/{summit.slug}/toolbox/"


def titles(response) -> list[str]:
    return [card.title["en"] for card in response.context["cards"]]


def test_catalogue_lists_visible_cards_by_name(client, summit):
    CardFactory(summit=summit, title={"en": "Budget voting"})
    CardFactory(summit=summit, title={"en": "Access to documents"})
    CardFactory(summit=summit, title={"en": "Hidden one"}, hidden_at=timezone.now())
    CardFactory(title={"en": "Other summit's tool"})

    response = client.get(url(summit))

    assert response.status_code == 200
    assert titles(response) == ["Access to documents", "Budget voting"]
    assert "2 cards" in response.text


def test_catalogue_sorts_by_name_in_the_reader_language_without_accents(client, summit):
    CardFactory(summit=summit, title={"fr": "Écoute citoyenne", "en": "Listening"})
    CardFactory(summit=summit, title={"fr": "Données", "en": "Zeta data"})
    CardFactory(summit=summit, title={"fr": "Zèbre", "en": "Always"})

    french = client.get(f"/fr/{summit.slug}/toolbox/")
    english = client.get(url(summit))

    assert [c.title["fr"] for c in french.context["cards"]] == [
        "Données",
        "Écoute citoyenne",
        "Zèbre",
    ]
    assert titles(english) == ["Always", "Listening", "Zeta data"]


def test_catalogue_sorts_by_best_rating_and_by_newest(client, summit):
    old = CardFactory(summit=summit, title={"en": "Old"}, rating_average=4.5, rating_count=2)
    Card.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    CardFactory(summit=summit, title={"en": "New"}, rating_average=3.0, rating_count=8)
    CardFactory(summit=summit, title={"en": "Unrated"})

    best = client.get(url(summit), {"sort": "best"})
    newest = client.get(url(summit), {"sort": "newest"})

    assert titles(best) == ["Old", "New", "Unrated"]
    assert titles(newest) == ["Unrated", "New", "Old"]


def test_catalogue_filters_by_kind_tag_licence_and_language(client, summit):
    theme = TagFactory(summit=summit, slug="open-data")
    CardFactory(
        summit=summit,
        title={"en": "Portal"},
        tags=[theme],
        licence=Licence.AGPL_3,
        languages=["fr", "en"],
    )
    CardFactory(summit=summit, title={"en": "Map"}, licence=Licence.MIT, languages=["es"])
    CardFactory(summit=summit, kind=CardKind.ORGANISATION, title={"en": "Agency"}, tags=[theme])

    assert titles(client.get(url(summit), {"kind": "organisation"})) == ["Agency"]
    assert titles(client.get(url(summit), {"tag": "open-data"})) == ["Agency", "Portal"]
    assert titles(client.get(url(summit), {"licence": "MIT"})) == ["Map"]
    assert titles(client.get(url(summit), {"language": "fr"})) == ["Portal"]
    assert titles(client.get(url(summit), {"language": "es", "kind": "tool"})) == ["Map"]


def test_search_finds_words_in_both_languages_ignoring_case_and_accents(client, summit):
    CardFactory(
        summit=summit,
        title={"fr": "Budget participatif", "en": "Participatory budgeting"},
        description={"fr": "Les habitants élisent leurs projets."},
    )
    CardFactory(summit=summit, title={"fr": "Carte", "en": "Map"}, description={})

    assert titles(client.get(url(summit), {"q": "ELISENT"})) == ["Participatory budgeting"]
    assert titles(client.get(url(summit), {"q": "budget projets"})) == ["Participatory budgeting"]
    assert titles(client.get(url(summit), {"q": "carte"})) == ["Map"]
    assert titles(client.get(url(summit), {"q": "budget carte"})) == []


def test_unknown_filter_values_are_left_out_with_a_message(client, summit):
    CardFactory(summit=summit, title={"en": "Portal"})

    response = client.get(
        url(summit), {"kind": "robot", "tag": "nope", "licence": "WTFPL", "sort": "x", "page": "z"}
    )

    assert response.status_code == 400
    assert titles(response) == ["Portal"]
    assert "Some filters were not understood and were left out." in response.text


def test_catalogue_is_paginated_keeping_the_filters(client, summit):
    for number in range(30):
        CardFactory(summit=summit, title={"en": f"Tool {number:02d}"})

    first = client.get(url(summit), {"kind": "tool"})
    second = client.get(url(summit), {"kind": "tool", "page": 2})

    assert len(first.context["cards"]) == 24
    assert titles(second) == [f"Tool {number}" for number in range(24, 30)]
    assert 'href="?kind=tool&amp;page=2"' in first.text


def test_a_page_past_the_end_shows_the_last_page(client, summit):
    for number in range(26):
        CardFactory(summit=summit, title={"en": f"Tool {number:02d}"})

    response = client.get(url(summit), {"page": 9})

    assert response.context["page"].number == 2
    assert titles(response) == ["Tool 24", "Tool 25"]
    assert "26 cards" in response.text


def test_an_empty_catalogue_says_so(client, summit):
    response = client.get(url(summit), {"page": 3})

    assert response.status_code == 200
    assert "No card matches these filters." in response.text
    assert "0 cards" in response.text


def test_filters_keep_their_values_and_theme_names_are_escaped(client, summit):
    TagFactory(summit=summit, slug="xss", name={"en": "<script>alert(1)</script>"})

    response = client.get(url(summit), {"tag": "xss", "kind": "tool", "q": '"><b>'})

    assert '<option value="xss" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>' in (
        response.text
    )
    assert '<option value="tool" selected>Tool</option>' in response.text
    assert 'value="&quot;&gt;&lt;b&gt;"' in response.text


def test_catalogue_of_an_unpublished_summit_is_not_found(client):
    draft = SummitFactory(is_published=False)

    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    themes = TagFactory.create_batch(2, summit=summit)
    CardFactory.create_batch(count, summit=summit, tags=themes)

    # The summit, the themes, the count, the page of cards, their themes.
    with django_assert_num_queries(5):
        response = client.get(url(summit), {"q": "tool", "tag": themes[0].slug, "sort": "best"})

    assert len(response.context["cards"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_for_a_signed_in_person_makes_a_constant_number_of_queries(
    summit, participant, django_assert_num_queries, count
):
    from tests.toolbox.conftest import logged_in

    CardFactory.create_batch(count, summit=summit, tags=[TagFactory(summit=summit)])
    client = logged_in(participant)

    # The session and the user, then the summit, the roles, the themes, the
    # count, the page of cards and their themes.
    with django_assert_num_queries(8):
        response = client.get(url(summit))

    assert len(response.context["cards"]) == count


def test_card_excerpts_are_plain_text_without_markdown_marks(client, summit):
    CardFactory(
        summit=summit,
        description={
            "en": "Residents **propose** [projects](https://x.example.org).\n\n- vote\n- <b>map</b>"
        },
    )

    response = client.get(url(summit))

    assert "<p>Residents propose projects. vote &lt;b&gt;map&lt;/b&gt;</p>" in response.text
