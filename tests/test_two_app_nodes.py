"""Two app nodes on loopback, sharing one PostgreSQL database, serve one site.

Whatever one node accepts (a session, a published event), the other one sees:
app nodes keep no state of their own. Runs only against PostgreSQL.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import global_settings
from django.db import connection

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"No app node listening on port {port}.")


@pytest.fixture
def two_nodes(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Two app nodes need a shared PostgreSQL database (set DATABASE_URL).")
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
        f"/{settings_dict['NAME']}"
    )
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": "two-nodes-share-this-secret-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "COSUMMIT_VAR_DIR": str(tmp_path),
    }
    # Production serves hashed static files, collected once like a deployment does.
    subprocess.run(
        [sys.executable, "-m", "cosummit", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        timeout=120,
    )
    ports, processes = [free_port(), free_port()], []
    try:
        for port in ports:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "cosummit.wsgi",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            processes.append(process)
        for port, process in zip(ports, processes, strict=True):
            wait_until_listening(port, process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_an_event_published_through_one_node_is_served_by_the_other(two_nodes, summit):
    first, second = two_nodes
    event = EventFactory(summit=summit, title={"en": "Regional summit in Dakar"})
    page = urllib.request.urlopen(f"{second}/en/{summit.slug}/events/{event.slug}/", timeout=10)
    assert "Regional summit in Dakar" in page.read().decode()
    calendar = urllib.request.urlopen(f"{first}/en/{summit.slug}/events.ics", timeout=10)
    assert "SUMMARY:Regional summit in Dakar" in calendar.read().decode()


class Browser:
    """Just enough of a browser for production settings: secure cookies, HTTPS proxy."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, url: str, *, data: dict | None = None) -> http.client.HTTPResponse:
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {
            # The TLS-terminating proxy says the original request was HTTPS.
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{parts.netloc}/en/",
            "Cookie": "; ".join(f"{key}={value}" for key, value in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request("POST" if data is not None else "GET", parts.path, body, headers)
        response = conn.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        response.text = response.read().decode()
        return response


def test_a_session_opened_on_one_node_is_valid_on_the_other(two_nodes, participant, settings):
    first, second = two_nodes
    # The nodes run with production password hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    participant.set_password("correct horse battery staple")
    participant.save(update_fields=["password"])
    browser = Browser()
    login_page = browser.request(f"{first}/en/accounts/login/").text
    token = login_page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    login = browser.request(
        f"{first}/en/accounts/login/",
        data={
            "csrfmiddlewaretoken": token,
            "login": participant.email,
            "password": "correct horse battery staple",
        },
    )
    profile = browser.request(f"{second}/en/profile/")
    assert (login.status, profile.status) == (302, 200)
    assert participant.email in profile.text
