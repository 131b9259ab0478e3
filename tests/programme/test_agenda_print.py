"""The printable programme: every day as a list, with a print stylesheet."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import SummitFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms

pytestmark = pytest.mark.django_db


def test_every_day_is_listed_in_time_order(client, summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 1, 9), title="Day two",
                     speakers=[UserFactory(name="Amina")], interpretation=["fr"])  # fmt: skip
    released_session(v1, room=beta, starts_at=at(summit, 0, 11), title="Later day one")
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Early day one")
    html = client.get(f"{agenda_url(summit)}print/").content.decode()
    assert len(re.findall(r'<section class="print-day"', html)) == 2
    assert re.findall(r"<li><strong>([^<]+)</strong>", html) == [
        "Early day one",
        "Later day one",
        "Day two",
    ]
    assert "<li><strong>Day two</strong> <span class=\"print-group__end\">(until 10:00)</span> · " \
        "<span lang=\"en\">Alpha</span> · Amina · EN ⇄ FR</li>" in html  # fmt: skip


def test_the_stylesheet_has_print_rules_hiding_the_navigation():
    css = Path(finders.find("programme/agenda.css")).read_text(encoding="utf-8")
    rules = css[css.index("@media print {") :]
    rules = rules[: rules.index("\n}\n")]
    assert ".site-header, .site-footer" in rules
    assert ".print-day { break-before: page; }" in rules


def test_before_any_release_the_page_says_not_published(client, summit):
    html = client.get(f"{agenda_url(summit)}print/").content.decode()
    assert "The programme is not published yet." in html


def test_an_unpublished_summit_is_not_found(client):
    summit = SummitFactory(is_published=False)
    assert client.get(f"{agenda_url(summit)}print/").status_code == 404


def test_the_page_renders_in_french(client, summit):
    released_session(release(summit), room=rooms(summit, "A")[0], starts_at=at(summit, 0, 9))
    html = client.get(f"{agenda_url(summit, 'fr')}print/").content.decode()
    assert '<html lang="fr">' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=alpha, starts_at=at(summit, index % 3, 9),
                         speakers=[UserFactory()])  # fmt: skip
    # The summit, the release, the days' names, the slots, their speakers and their
    # pitches' speakers, the summit's rooms, tracks and formats.
    with django_assert_num_queries(9):
        html = client.get(f"{agenda_url(summit)}print/").content.decode()
    assert len(re.findall(r"<li><strong>", html)) == count
