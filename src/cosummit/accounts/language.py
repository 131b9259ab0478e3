"""Switching the site to a person's preferred language.

The language of a page comes from its address (/fr/…, /en/…); the language
cookie decides where the bare root address (/) sends the browser.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url


def in_language(url: str, language: str) -> str:
    """The same page in `language`, or `url` itself when it has no translated address.

    Call it while the request's own language is active: the address is
    resolved in that language before being reversed in the other one.
    """
    return translate_url(url, language)


def remember_language(response: HttpResponse, language: str) -> None:
    """Set the language cookie, as Django's `set_language` view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
