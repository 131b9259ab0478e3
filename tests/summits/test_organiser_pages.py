"""Pages of organiser content, such as practical information."""

import pytest

from cosummit.summits.models import Page
from tests.factories import PageFactory, SummitFactory

from .factories_extra import page_data, shown_messages, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def saved(page) -> dict:
    return Page.objects.filter(pk=page.pk).values().get()


def test_the_list_holds_every_page_of_the_summit_published_or_not(logged_in, summit):
    shown = PageFactory(summit=summit, position=1, title={"en": "Getting there"})
    hidden = PageFactory(summit=summit, position=2, title={"en": "Draft"}, is_published=False)
    PageFactory(summit=SummitFactory(), title={"en": "Elsewhere"})
    response = logged_in.get(f"/en/organise/{summit.slug}/pages/")
    assert response.context["pages"] == [shown, hidden]
    assert "Elsewhere" not in response.text
    assert f'href="/en/organise/{summit.slug}/pages/{hidden.pk}/"' in response.text


def test_the_list_makes_a_constant_number_of_queries(logged_in, summit, django_assert_num_queries):
    PageFactory(summit=summit)
    with django_assert_num_queries(5):
        logged_in.get(f"/en/organise/{summit.slug}/pages/")
    PageFactory.create_batch(2, summit=summit)
    with django_assert_num_queries(5):
        response = logged_in.get(f"/en/organise/{summit.slug}/pages/")
    assert len(response.context["pages"]) == 3


def test_an_organiser_adds_a_page_that_visitors_then_read(client, logged_in, summit):
    response = logged_in.post(f"/en/organise/{summit.slug}/pages/new/", page_data(), follow=True)
    page = Page.objects.get()
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/pages/", 302)]
    assert shown_messages(response) == ["The page “Getting there” was added."]
    assert (page.summit, page.slug, page.position, page.is_published) == (
        summit,
        "getting-there",
        1,
        True,
    )
    assert (page.title, page.body) == (
        {"fr": "Venir au sommet", "en": "Getting there"},
        {"fr": "Métro Iéna.", "en": "Metro Iéna."},
    )
    logged_in.logout()
    public = client.get(f"/en/{summit.slug}/pages/getting-there/")
    assert '<div class="prose" lang="en"><p>Metro Iéna.</p>\n</div>' in public.text


def test_an_empty_short_name_is_made_from_the_title(logged_in, summit):
    PageFactory(summit=summit, slug="getting-there")
    logged_in.post(f"/en/organise/{summit.slug}/pages/new/", page_data(slug=""))
    assert Page.objects.order_by("-pk").first().slug == "getting-there-2"


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"slug": "taken"}, "slug", "Another page of this summit already uses this short name."),
        (translated("title"), "title", "Fill this in, in at least one language."),
        (translated("body"), "body", "Fill this in, in at least one language."),
        ({"position": "-1"}, "position", None),
        ({"position": "first"}, "position", None),
    ],
)
def test_bad_input_adds_no_page(logged_in, summit, change, field, error):
    PageFactory(summit=summit, slug="taken")
    response = logged_in.post(f"/en/organise/{summit.slug}/pages/new/", page_data(**change))
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if error is not None:
        assert errors[field] == [error]
    assert Page.objects.count() == 1


def test_an_organiser_edits_a_page(logged_in, summit):
    page = PageFactory(summit=summit, slug="practical")
    data = page_data(slug="practical", position="5", **translated("body", en="Bus 82."))
    del data["is_published"]
    response = logged_in.post(f"/en/organise/{summit.slug}/pages/{page.pk}/", data, follow=True)
    page.refresh_from_db()
    assert shown_messages(response) == ["The page “Getting there” was saved."]
    assert (page.body, page.position, page.is_published) == ({"en": "Bus 82."}, 5, False)


def test_bad_input_changes_no_page(logged_in, summit):
    page = PageFactory(summit=summit, slug="practical")
    PageFactory(summit=summit, slug="taken")
    before = saved(page)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/pages/{page.pk}/", page_data(slug="taken")
    )
    assert list(response.context["form"].errors) == ["slug"]
    assert saved(page) == before
    assert "<h1>Edit the page “Practical information”</h1>" in response.text


def test_an_organiser_deletes_a_page_after_confirming(logged_in, summit):
    page = PageFactory(summit=summit)
    confirmation = logged_in.get(f"/en/organise/{summit.slug}/pages/{page.pk}/delete/")
    assert "<h1>Delete the page “Practical information”?</h1>" in confirmation.text
    response = logged_in.post(f"/en/organise/{summit.slug}/pages/{page.pk}/delete/", follow=True)
    assert shown_messages(response) == ["The page “Practical information” was deleted."]
    assert Page.objects.count() == 0
