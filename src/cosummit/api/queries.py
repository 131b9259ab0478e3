"""Reads of API tokens, and who may hold one."""

from django.db.models import QuerySet
from django.http import Http404

from cosummit.summits.models import TeamMembership

from .models import ApiToken, hash_token


def can_have_api_tokens(user) -> bool:
    """Tokens are for people with a role in a summit's team, and for proposals' speakers."""
    from cosummit.proposals.models import Speaker

    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if TeamMembership.objects.filter(user=user).exists():
        return True
    return Speaker.objects.filter(user=user).exists()


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
