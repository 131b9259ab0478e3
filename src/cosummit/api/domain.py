"""Writes of API tokens: creating, revoking and noting their use."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied

from .models import ApiToken, hash_token
from .queries import can_have_api_tokens

logger = logging.getLogger(__name__)

# Noting every use would write to the database on every request; once a minute
# is precise enough to tell a forgotten token from one in use.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def create_api_token(user, *, name: str) -> tuple[ApiToken, str]:
    """Give `user` a new API token and return it with its secret.

    The secret is returned once and never stored: only its SHA-256 hash is.

    Side effects, in order:
    1. one ApiToken row written (hash and first characters of the secret);
    2. an INFO log entry naming the token and its owner, without the secret.
    """
    if not can_have_api_tokens(user):
        raise PermissionDenied
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=hash_token(raw), prefix=raw[:8]
    )
    logger.info("API token %s (%s…) created for user %s.", token.pk, token.prefix, user.pk)
    return token, raw


def revoke_api_token(token: ApiToken, *, by) -> None:
    """Revoke `token` for good; only its owner may do so.

    Side effects, in order:
    1. the ApiToken row deleted, so that the secret no longer authenticates;
    2. an INFO log entry naming the token and who revoked it.
    """
    if token.user_id != by.pk:
        raise PermissionDenied
    token_id, prefix = token.pk, token.prefix
    token.delete()
    logger.info("API token %s (%s…) revoked by user %s.", token_id, prefix, by.pk)


def record_api_token_use(token: ApiToken, *, at: dt.datetime) -> None:
    """Note that `token` was used at `at`, at most once per LAST_USED_PRECISION.

    Side effects: the token's last_used_at saved, when the last note is older
    than LAST_USED_PRECISION.
    """
    if token.last_used_at is not None and at - token.last_used_at < LAST_USED_PRECISION:
        return
    token.last_used_at = at
    token.save(update_fields=["last_used_at"])
