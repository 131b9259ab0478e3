import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cosummit.toolbox.importexport import export_csv, export_json
from cosummit.toolbox.models import Card, CardKind, CardLink, LinkType, Tag
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import CardFactory, CardLinkFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(summit, tool, organisation, use_case):
    theme = TagFactory(
        summit=summit, slug="participation", name={"fr": "Participation", "en": "Participation"}
    )
    tool.tags.set([theme])
    tool.licence, tool.languages = "AGPL-3.0-or-later", ["fr", "en"]
    tool.save()
    CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)
    CardLinkFactory(source=use_case, link_type=LinkType.USES, target=tool)
    hidden = CardFactory(summit=summit, slug="spam", hidden_at=timezone.now())
    CardLinkFactory(source=organisation, link_type=LinkType.USES, target=hidden)


def test_json_export_holds_tags_cards_and_links_without_hidden_cards(client, summit, catalogue):
    response = client.get(f"/en/{summit.slug}/toolbox/export.json")

    data = json.loads(response.content)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{summit.slug}-toolbox.json"'
    assert data["tags"] == [
        {"slug": "participation", "name": {"fr": "Participation", "en": "Participation"}}
    ]
    assert [card["slug"] for card in data["cards"]] == [
        "city-vote",
        "civic-collective",
        "consultation-tool",
    ]
    assert data["cards"][2] == {
        "slug": "consultation-tool",
        "kind": "tool",
        "title": {"fr": "Outil de consultation", "en": "Consultation tool"},
        "description": {"fr": "Un outil pour ouvrir l’action publique.", "en": "A tool."},
        "tags": ["participation"],
        "licence": "AGPL-3.0-or-later",
        "licence_other": "",
        "website": "",
        "repository": "",
        "languages": ["fr", "en"],
        "country": "",
    }
    assert data["links"] == [
        {"source": "city-vote", "type": "uses", "target": "consultation-tool"},
        {"source": "civic-collective", "type": "develops", "target": "consultation-tool"},
    ]


def test_csv_export_has_one_record_a_line(client, summit, catalogue):
    response = client.get(f"/en/{summit.slug}/toolbox/export.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [(row["record"], row["slug"] or row["source"]) for row in rows] == [
        ("tag", "participation"),
        ("card", "city-vote"),
        ("card", "civic-collective"),
        ("card", "consultation-tool"),
        ("link", "city-vote"),
        ("link", "civic-collective"),
    ]
    assert rows[3]["title_en"] == "Consultation tool"
    assert rows[3]["languages"] == "fr en"


def import_file(summit, user, content: str, name: str):
    return logged_in(user).post(
        f"/en/{summit.slug}/toolbox/manage/",
        {"file": SimpleUploadedFile(name, content.encode())},
    )


def snapshot(summit):
    return (
        sorted(Tag.objects.filter(summit=summit).values_list("slug", "name")),
        sorted(
            Card.objects.filter(summit=summit).values_list(
                "slug", "kind", "title", "licence", "languages"
            )
        ),
        sorted(
            CardLink.objects.filter(summit=summit).values_list(
                "source__slug", "link_type", "target__slug"
            )
        ),
    )


@pytest.mark.parametrize(("fmt", "export"), [("json", export_json), ("csv", export_csv)])
def test_export_imports_into_another_summit_the_same_and_again_idempotently(
    summit, catalogue, fmt, export
):
    from tests.factories import Role, SummitFactory, TeamMembershipFactory

    content = export(summit)
    other = SummitFactory()
    organiser = TeamMembershipFactory(summit=other, role=Role.ORGANISER).user
    Card.objects.filter(slug="spam").delete()

    first = import_file(other, organiser, content, f"catalogue.{fmt}")
    second = import_file(other, organiser, content, f"catalogue.{fmt}")

    assert (first.status_code, second.status_code) == (302, 302)
    assert snapshot(other) == snapshot(summit)
    assert Card.objects.get(summit=other, slug="consultation-tool").search_text == (
        Card.objects.get(summit=summit, slug="consultation-tool").search_text
    )
    assert list(
        Card.objects.get(summit=other, slug="consultation-tool").tags.values_list("slug", flat=True)
    ) == ["participation"]


def test_import_updates_existing_cards_by_slug(summit, organiser, tool):
    content = json.dumps(
        {"cards": [{"slug": "consultation-tool", "kind": "tool", "title": {"en": "Renamed"}}]}
    )

    response = import_file(summit, organiser, content, "catalogue.json")

    tool.refresh_from_db()
    assert response.status_code == 302
    assert tool.title == {"en": "Renamed"}
    assert (tool.sort_title_fr, tool.sort_title_en) == ("renamed", "renamed")
    assert Card.objects.count() == 1


def test_csv_import_reports_errors_line_by_line_and_writes_nothing(summit, organiser):
    content = (
        "record,slug,kind,title_fr,title_en,tags,licence,website,languages,source,link_type,target\n"
        "tag,ok-theme,,,,,,,,,,\n"
        "card,good,tool,Bon,Good,ok-theme,MIT,https://good.example.org,fr,,,\n"
        "card,bad one,tool,,,missing,WTFPL,not a url,xx-klingon,,,\n"
        "card,org,organisation,Org,Org,,,,,,,\n"
        "link,,,,,,,,,good,develops,org\n"
        "link,,,,,,,,,org,develops,ghost\n"
        "widget,,,,,,,,,,,\n"
    )

    response = import_file(summit, organiser, content, "catalogue.csv")

    assert response.status_code == 400
    assert response.context["result"].errors == [
        "Line 2: the name is missing.",
        "Line 8: “widget” is not a record type; use tag, card or link.",
        "Line 4: the short name must be letters, digits and hyphens; unknown themes: missing; "
        "Languages: “xx-klingon” is not a language code. Write codes such as fr, en; "
        "Title: This field cannot be blank; "
        "Licence: Value 'WTFPL' is not a valid choice; Website: Enter a valid URL.",
        "Line 6: this kind of link cannot join a card of kind “Tool” to one of kind "
        "“Organisation”.",
        "Line 7: there is no card “ghost”.",
    ]
    assert "Nothing was imported." in response.text
    assert (Tag.objects.count(), Card.objects.count(), CardLink.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            "{not json",
            "x.json",
            "The file is not valid JSON "
            "(line 1: Expecting property name enclosed in double quotes).",
        ),
        ("[1, 2]", "x.json", "The JSON file must hold an object with tags, cards and links."),
        ('{"cards": {}}', "x.json", "“cards” must be a list."),
        ('{"cards": [3]}', "x.json", "Card 1: not an object."),
        (
            "slug,kind\nx,tool\n",
            "x.csv",
            "The CSV file must start with a header line with a “record” column.",
        ),
        (
            '{"links": [{"source": "a", "type": "likes", "target": "b"}]}',
            "x.json",
            "Link 1: there is no card “a”; there is no card “b”; “likes” is not a link type; "
            "use develops, provides, uses, alternative_to.",
        ),
    ],
)
def test_unreadable_files_are_refused_with_a_message(summit, organiser, content, name, message):
    response = import_file(summit, organiser, content, name)

    assert response.status_code == 400
    assert response.context["result"].errors == [message]


def test_file_not_in_utf8_is_refused(summit, organiser):
    response = logged_in(organiser).post(
        f"/en/{summit.slug}/toolbox/manage/",
        {"file": SimpleUploadedFile("x.csv", "record,slug\ntag,é\n".encode("latin-1"))},
    )

    assert response.context["result"].errors == ["The file is not in UTF-8."]


def test_json_import_reports_the_item_in_error(summit, organiser):
    content = json.dumps(
        {
            "cards": [
                {"slug": "a", "kind": "tool", "title": {"en": "A"}},
                {"slug": "a", "kind": "tool", "title": {"en": "Again"}},
                {"slug": "b", "kind": "tool", "title": {"en": "B"}, "country": "FR"},
            ]
        }
    )

    response = import_file(summit, organiser, content, "catalogue.json")

    assert response.context["result"].errors == [
        "Card 2: the short name “a” appears twice.",
        "Card 3: Country: Only organisations have a country.",
    ]
    assert Card.objects.count() == 0


@pytest.mark.parametrize("person", ["moderator", "participant", "creator"])
def test_only_organisers_import(summit, request, person):
    response = import_file(summit, request.getfixturevalue(person), '{"tags": []}', "x.json")

    assert response.status_code == 404


def test_import_of_an_alternative_already_there_the_other_way_adds_nothing(summit, organiser):
    first = CardFactory(summit=summit, slug="first")
    second = CardFactory(summit=summit, slug="second")
    CardLinkFactory(source=first, link_type=LinkType.ALTERNATIVE, target=second)
    content = json.dumps(
        {"links": [{"source": "second", "type": "alternative_to", "target": "first"}]}
    )

    import_file(summit, organiser, content, "x.json")

    assert CardLink.objects.count() == 1
    assert Card.objects.filter(kind=CardKind.TOOL).count() == 2
