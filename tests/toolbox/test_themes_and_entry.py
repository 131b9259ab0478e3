import pytest

from cosummit.toolbox.models import Tag
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import TagFactory

pytestmark = pytest.mark.django_db


def url(summit, slug: str = "") -> str:
    return f"/en/{summit.slug}/toolbox/manage/themes/{slug + '/' if slug else ''}"


def test_summit_page_links_to_its_toolbox(client, summit):
    response = client.get(f"/en/{summit.slug}/")

    assert f'<a href="/en/{summit.slug}/toolbox/">Toolbox</a>' in response.text


@pytest.mark.parametrize("role", ["moderator", "organiser"])
def test_moderators_and_organisers_add_and_rename_themes(summit, request, role):
    client = logged_in(request.getfixturevalue(role))

    created = client.post(
        url(summit), {"name_fr": "Données ouvertes", "name_en": "Open data", "slug": "open-data"}
    )
    renamed = client.post(
        url(summit, "open-data"), {"name_fr": "", "name_en": "Open data sets", "slug": "open-data"}
    )

    assert (created.status_code, renamed.status_code) == (302, 302)
    assert list(Tag.objects.values_list("slug", "name")) == [
        ("open-data", {"en": "Open data sets"})
    ]


@pytest.mark.parametrize("role", ["participant", "creator", "unverified"])
def test_other_people_cannot_manage_themes(summit, request, role):
    TagFactory(summit=summit, slug="open-data")
    client = logged_in(request.getfixturevalue(role))

    assert client.get(url(summit)).status_code == 404
    assert client.post(url(summit), {"name_en": "X", "slug": "x"}).status_code == 404
    assert client.get(url(summit, "open-data")).status_code == 404
    assert Tag.objects.count() == 1


def test_a_theme_short_name_is_unique_in_the_summit(summit, moderator):
    TagFactory(summit=summit, slug="open-data")
    TagFactory(slug="budget")

    taken = logged_in(moderator).post(url(summit), {"name_en": "Again", "slug": "open-data"})
    elsewhere = logged_in(moderator).post(url(summit), {"name_en": "Budget", "slug": "budget"})

    assert taken.status_code == 400
    assert taken.context["form"].errors["slug"] == ["Another theme already uses this short name."]
    assert elsewhere.status_code == 302


def test_bad_theme_input_is_refused(summit, moderator):
    response = logged_in(moderator).post(url(summit), {"name_en": "", "slug": "no spaces"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["Fill this in, in at least one language."],
        "slug": ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."],
    }
    assert Tag.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_theme_page_makes_a_constant_number_of_queries(
    summit, moderator, django_assert_num_queries, count
):
    TagFactory.create_batch(count, summit=summit)
    client = logged_in(moderator)

    with django_assert_num_queries(5):
        response = client.get(url(summit))

    assert len(response.context["tags"]) == count


def test_every_toolbox_page_renders_for_the_organiser(summit, organiser, tool):
    client = logged_in(organiser)
    for path in (
        "",
        "propose/",
        f"cards/{tool.slug}/",
        f"cards/{tool.slug}/edit/",
        f"cards/{tool.slug}/links/",
        f"cards/{tool.slug}/report/",
        "collections/",
        "collections/mine/",
        "collections/new/",
        "moderation/",
        "moderation/log/",
        "manage/",
        "manage/themes/",
    ):
        response = client.get(f"/en/{summit.slug}/toolbox/{path}")
        assert (path, response.status_code) == (path, 200)
