"""The summit's page links to the programme once a release exists."""

import pytest

from tests.programme.agenda_helpers import agenda_url, release

pytestmark = pytest.mark.django_db


def test_no_link_before_the_programme_is_published(client, summit):
    html = client.get(f"/en/{summit.slug}/").content.decode()
    assert "See the programme" not in html


def test_the_summit_page_links_to_the_programme(client, summit, participant):
    release(summit)
    html = client.get(f"/en/{summit.slug}/").content.decode()
    assert f'<a class="button" href="{agenda_url(summit)}">See the programme</a>' in html
    assert f'href="{agenda_url(summit)}mine/"' not in html
    client.force_login(participant)
    html = client.get(f"/en/{summit.slug}/").content.decode()
    assert f'<a href="{agenda_url(summit)}mine/">My agenda</a>' in html
