"""The token's owner: who the API takes the caller to be."""

import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from .auth import token_required
from .schemas import READ_ERRORS

router = Router(auth=token_required, tags=["me"])


class TeamRoleOut(Schema):
    summit: str = Field(description=gettext_lazy("The summit's slug."))
    role: str

    @staticmethod
    def resolve_summit(membership) -> str:
        return membership.summit.slug


class TokenOut(Schema):
    name: str
    prefix: str = Field(description=gettext_lazy("The first characters of the token."))
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class MeOut(Schema):
    email: str
    name: str
    organisation: str
    team_roles: list[TeamRoleOut]
    token: TokenOut


@router.get(
    "",
    response={200: MeOut, **READ_ERRORS},
    url_name="me",
    operation_id="get_me",
    summary=gettext_lazy("Who the token belongs to"),
    description=gettext_lazy("The token's owner, their roles in summit teams, and the token."),
)
def me(request):
    user = request.auth
    return {
        "email": user.email,
        "name": user.name,
        "organisation": user.organisation,
        "team_roles": list(user.team_memberships.select_related("summit").order_by("pk")),
        "token": request.api_token,
    }
