"""Filling in the registration form from its HTML, the way a browser would."""

import html
import json
import re
from html.parser import HTMLParser

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from cosummit.registration import protection

NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def use_easy_protection(settings) -> None:
    """Quick challenges, generous limits and an empty cache for each test."""
    settings.REGISTRATION_CHALLENGE_MAX_NUMBER = 50
    settings.REGISTRATION_RATE_LIMIT_IP = (1000, 3600)
    settings.REGISTRATION_RATE_LIMIT_EMAIL = (1000, 3600)
    cache.clear()


def register_url(event, language: str = "en") -> str:
    with translation.override(language):
        return reverse(
            "registration:register", kwargs={"summit": event.summit.slug, "event": event.slug}
        )


def private_url(registration, name: str = "detail", language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"registration:{name}", kwargs={"token": registration.token})


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"input", "select", "textarea"}:
            self.inputs.append({"tag": tag, **dict(attrs)})


def inputs(content: str) -> dict[str, dict]:
    """The page's form fields by name (the first one of each name)."""
    parser = _Inputs()
    parser.feed(content)
    found = {}
    for attributes in parser.inputs:
        found.setdefault(attributes.get("name"), attributes)
    return found


def challenge_of(content: str) -> dict:
    return json.loads(inputs(content)["altcha"]["data-challenge"])


def solution_for(content: str) -> str:
    """What registration.js would put in the hidden field."""
    return protection.solve(challenge_of(content))


def question_answer(content: str) -> str:
    """The answer to the question in words, read from its label (in English)."""
    match = re.search(r"What is (\w+) plus (\w+)\?", html.unescape(content))
    return str(NUMBERS[match[1]] + NUMBERS[match[2]])


def guest_data(content: str, **fields) -> dict:
    """A complete, valid form for the page `content`, changed by `fields`."""
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "organisation": "Analytical Society",
        "organisation_type": "civil_society",
        "country": "GB",
        "consent": "on",
        "website": "",
        "altcha": solution_for(content),
        "question_token": inputs(content)["question_token"]["value"],
        "question_answer": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def register(client, event, language: str = "en", **fields):
    """GET the form, then POST it filled in; return the POST's response."""
    url = register_url(event, language)
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, guest_data(page.content.decode(), **fields))


def text(response) -> str:
    """The page's text with tags removed and spaces collapsed, for exact phrases."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", content, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())
