"""Printable badges: eight per A4 page, names in any script, the registration code as QR."""

import pytest

from cosummit.registration.badges import Badge, Fonts, badges_pdf, find_fonts, visual_order
from cosummit.registration.models import Status
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

from .organiser_helpers import organiser_of
from .pdf_text import page_count, pages_text

BADGES = "/en/organise/ogp/registrations/launch/badges.pdf"


def badge(name: str, **fields) -> Badge:
    values = {
        "name": name,
        "organisation": "Open Data Collective",
        "country": "France",
        "event_title": "Launch",
        "code": "ABCD2345",
    }
    values.update(fields)
    return Badge(**values)


def test_nine_badges_take_two_pages_with_every_line_of_each_badge():
    pdf = badges_pdf([badge(f"Person {number}") for number in range(1, 10)])

    pages = pages_text(pdf)
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) == 2
    assert pages[0][:5] == ["Launch", "Person 1", "Open Data Collective", "France", "ABCD2345"]
    assert [text for text in pages[0] if text.startswith("Person")] == [
        f"Person {number}" for number in range(1, 9)
    ]
    assert pages[1] == ["Launch", "Person 9", "Open Data Collective", "France", "ABCD2345"]


def test_eight_badges_fill_exactly_one_page():
    assert page_count(badges_pdf([badge("Someone")] * 8)) == 1


def test_no_badge_gives_one_blank_page():
    pdf = badges_pdf([])

    assert (page_count(pdf), pages_text(pdf)) == (1, [[]])


@pytest.mark.skipif(find_fonts().regular is None, reason="No Unicode TrueType font installed.")
def test_names_in_other_scripts_are_written_with_a_unicode_font():
    names = ["Zoé Dupont", "Ольга Петрова", "Ἀλέξανδρος Παπαδόπουλος", "Ngũgĩ wa Thiong'o"]

    pages = pages_text(badges_pdf([badge(name) for name in names]))

    assert [text for text in pages[0] if text in names] == names


@pytest.mark.skipif(find_fonts().regular is None, reason="No Unicode TrueType font installed.")
def test_an_arabic_name_is_drawn_right_to_left():
    pages = pages_text(badges_pdf([badge("سارة الأحمد")]))

    # Without a shaping engine, the PDF holds the letters in the order they are drawn.
    assert pages[0][1] in ("سارة الأحمد", "دمحألا ةراس")


def test_visual_order_reverses_right_to_left_runs_only():
    assert visual_order("Zoé Dupont") == "Zoé Dupont"
    assert visual_order("سارة") == "ةراس"
    assert visual_order("سارة ABC") == "ABC ةراس"


def test_without_a_truetype_font_latin_names_still_print():
    pdf = badges_pdf(
        [badge("Zoé Dupont"), badge("Ольга")], fonts=Fonts(regular=None, bold=None, cjk=None)
    )

    names = pages_text(pdf)[0]
    assert names[1] == "Zoé Dupont"
    assert names[6] == "?????"


def test_a_long_name_and_organisation_are_cut_to_fit_the_badge():
    long_name = "Maximilian Alexander von Hohenzollern-Sigmaringen und noch viele Namen mehr"
    long_organisation = "An organisation " * 20

    texts = pages_text(badges_pdf([badge(long_name, organisation=long_organisation)]))[0]

    assert len([text for text in texts if text.startswith(("Maximilian", "Hohenzollern"))]) == 2
    assert texts[2].endswith("…")
    assert len(texts) == 8  # Title, two name lines, three organisation lines, country, code.


# The page


@pytest.fixture
def event(db):
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch", title={"en": "Launch"})
    RegistrationSetupFactory(event=event)
    return event


@pytest.fixture
def logged_in(client, event):
    client.force_login(organiser_of(event.summit))
    return client


def test_the_badges_of_confirmed_registrants_sorted_by_name(logged_in, event):
    RegistrationFactory(event=event, name="Zoé Dupont", code="ZOE23456", country="SN")
    RegistrationFactory(event=event, name="Ada Lovelace", code="ADA23456", country="GB")
    RegistrationFactory(event=event, name="Waiting Person", status=Status.WAITING)
    RegistrationFactory(event=event, name="Cancelled Person", status=Status.CANCELLED)
    RegistrationFactory(name="Other Event")

    response = logged_in.get(BADGES)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="badges-ogp-launch.pdf"'
    assert pages_text(response.content) == [
        [
            "Launch",
            "Ada Lovelace",
            "Open Data Collective",
            "United Kingdom",
            "ADA23456",
            "Launch",
            "Zoé Dupont",
            "Open Data Collective",
            "Senegal",
            "ZOE23456",
        ]
    ]


def test_badges_follow_the_category_and_search_filters(logged_in, event):
    RegistrationFactory(event=event, name="Minister", organisation_type="government")
    RegistrationFactory(event=event, name="Activist")

    government = pages_text(logged_in.get(BADGES, {"category": "government"}).content)
    search = pages_text(logged_in.get(BADGES, {"q": "activ"}).content)

    assert (government[0][1], len(government[0])) == ("Minister", 5)
    assert (search[0][1], len(search[0])) == ("Activist", 5)


def test_badges_make_a_constant_number_of_queries(logged_in, event, django_assert_num_queries):
    RegistrationFactory(event=event)
    # Session, user, roles, event, registrations.
    with django_assert_num_queries(5):
        assert page_count(logged_in.get(BADGES).content) == 1
    RegistrationFactory.create_batch(8, event=event)
    with django_assert_num_queries(5):
        assert page_count(logged_in.get(BADGES).content) == 2
