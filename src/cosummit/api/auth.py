"""`Authorization: Bearer <token>` authentication for the API.

The API knows a caller only by their token: it ignores the session cookie of
someone logged in to the site. A page on another site can therefore never make
the API act as a visitor, which is why the API needs no CSRF protection.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .domain import record_api_token_use
from .queries import find_api_token


class TokenRejected(AuthenticationError):
    """A 401 answer with a message and the RFC 6750 challenge for the client."""

    def __init__(self, message: str, *, error: str = "") -> None:
        super().__init__(401, message)
        challenge = 'Bearer realm="cosummit"'
        if error:
            challenge += f', error="{error}"'
        self.challenge = challenge


class ApiTokenAuth(HttpBearer):
    """Identify the caller by their API token.

    With `required=False`, a request without an `Authorization` header is
    served as an anonymous visitor; a header with a bad token is refused all
    the same, so that a client never mistakes a revoked token for public data.
    The token's owner becomes `request.auth`, the token `request.api_token`.
    """

    def __init__(self, *, required: bool = True) -> None:
        self.required = required
        super().__init__()

    def __call__(self, request):
        header = request.headers.get(self.header, "")
        if not header:
            if self.required:
                raise TokenRejected(
                    _(
                        "This endpoint needs an API token: send it in the header "
                        "“Authorization: Bearer <token>”."
                    )
                )
            return AnonymousUser()
        scheme, _space, raw = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not raw.strip():
            raise TokenRejected(
                _("Send the API token in the header “Authorization: Bearer <token>”."),
                error="invalid_request",
            )
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        api_token = find_api_token(token)
        if api_token is None:
            raise TokenRejected(
                _(
                    "This API token is not valid: it may have been revoked. "
                    "Create a new one on your API tokens page."
                ),
                error="invalid_token",
            )
        record_api_token_use(api_token, at=timezone.now())
        request.api_token = api_token
        return api_token.user


token_required = ApiTokenAuth()
token_optional = ApiTokenAuth(required=False)

# OpenAPI: an operation with optional authentication also accepts no security.
ANONYMOUS_ALLOWED = {"security": [{}]}
