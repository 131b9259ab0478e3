"""Reads of API tokens, and who may hold one."""

from django.db.models import QuerySet
from django.http import Http404

from cosummit.accounts.queries import has_verified_email

from .models import ApiToken, hash_token


def can_have_api_tokens(user) -> bool:
    """Tokens are for anyone with a verified e-mail address.

    The API lets people do what the site lets them do: organisers manage their
    summit, authors their proposals, participants the toolbox; a verified
    address keeps throwaway accounts out, as it does on the site.
    """
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return has_verified_email(user)


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def get_api_token_for_user(user, pk: int) -> ApiToken:
    """One of the user's own tokens; anybody else's is not found."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def find_api_token(raw: str) -> ApiToken | None:
    """The token whose secret is `raw`, with its owner, if it exists and may be used."""
    token = ApiToken.objects.filter(token_hash=hash_token(raw)).select_related("user").first()
    if token is None:
        return None
    if not token.user.is_active:
        return None
    return token
