"""The programme's organiser menu marks the scheduler's and the releases' pages."""

import re

import pytest

from tests.programme.publish_helpers import schedule_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tail", "current"), [("scheduler/", "Automatic scheduler"), ("releases/", "Releases")]
)
def test_the_menu_marks_the_page_the_organiser_is_on(client, summit, organiser, tail, current):
    client.force_login(organiser)

    html = client.get(schedule_url(summit, tail)).content.decode()

    menu = html.split('aria-label="Agenda builder"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'aria-current="page">([^<]+)</a>', menu) == [current]
