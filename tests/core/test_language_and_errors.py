import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_language_switcher_keeps_the_current_page(client, summit):
    event = EventFactory(summit=summit)
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": f"/fr/{summit.slug}/events/{event.slug}/"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/{summit.slug}/events/{event.slug}/",
    )
    assert response.cookies["django_language"].value == "en"


def test_language_cookie_wins_over_accept_language_on_the_next_visit(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response["Location"] == "/en/"


def test_unknown_page_gives_a_translated_404(client):
    french = client.get("/fr/nulle-part/ici/")
    english = client.get("/en/nowhere/here/")
    assert (french.status_code, english.status_code) == (404, 404)
    assert "<h1>Page introuvable</h1>" in french.text
    assert "<h1>Page not found</h1>" in english.text


@pytest.mark.parametrize(
    "path",
    [
        "/en/{summit}/events/?kind=%3Cscript%3E&when=tomorrow",
        "/en/{summit}/events/?kind[]=x&when[]=y",
        "/en/{summit}/events/no-such-event/",
        "/en/{summit}/pages/no-such-page/",
        "/en/{summit}/events.ics?kind=nonsense",
        "/en/dev/mail/?page=abc",
        "/en/no-such-summit/events/",
        "/en/%F0%9F%98%80/",
    ],
)
def test_odd_addresses_never_answer_500(client, summit, settings, path):
    settings.DEBUG = True
    response = client.get(path.format(summit=summit.slug))
    assert response.status_code in {200, 404}


def test_too_many_sign_ups_from_one_address_give_a_translated_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    for number in range(2):
        client.post("/fr/accounts/signup/", {"email": f"person{number}@example.org"})
    response = client.post("/fr/accounts/signup/", {"email": "person3@example.org"})
    assert response.status_code == 429
    assert "<h1>Trop de tentatives</h1>" in response.text
