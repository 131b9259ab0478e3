"""Reads about a person: their e-mail addresses, roles, tokens and mail."""

from email.utils import getaddresses

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Count, Q, QuerySet

from cosummit.api.models import ApiToken
from cosummit.core.models import OutboxMessage
from cosummit.summits.models import Role, Summit, TeamMembership

from .models import User

RECIPIENT_FIELDS = ("to", "cc", "bcc")


def has_verified_email(user) -> bool:
    """Whether the address `user` signs in with is verified."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def email_addresses_of(user: User) -> list[EmailAddress]:
    return list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))


def team_roles_of(user: User) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(user=user)
        .select_related("summit")
        .order_by("summit__slug", "role")
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("created_at", "pk")


def authenticators_of(user: User) -> QuerySet[Authenticator]:
    return Authenticator.objects.filter(user=user).order_by("created_at", "pk")


def recipients_of(message: OutboxMessage) -> set[str]:
    """Lower-cased addresses a message went to, whether or not they carry a display name."""
    values = [value for field in RECIPIENT_FIELDS for value in getattr(message, field) or []]
    return {address.lower() for _name, address in getaddresses(values) if address}


def mail_sent_to(addresses: list[str]) -> list[OutboxMessage]:
    """Messages of the outbox with one of `addresses` among their recipients, oldest first.

    Recipient lists are JSON arrays. Containment lookups on JSON are not
    available on SQLite, so the database narrows the rows with a text search
    that works on SQLite and PostgreSQL alike, and Python keeps only the exact
    matches ("ann@example.org" must not match "joann@example.org").
    """
    wanted = {address.lower() for address in addresses if address}
    if not wanted:
        return []
    text_matches = Q()
    for address in wanted:
        for field in RECIPIENT_FIELDS:
            text_matches |= Q(**{f"{field}__icontains": address})
    candidates = OutboxMessage.objects.filter(text_matches).order_by("created_at", "pk")
    return [message for message in candidates if recipients_of(message) & wanted]


def summits_where_last_organiser(user: User) -> QuerySet[Summit]:
    """Summits this person organises and nobody else does."""
    organised = TeamMembership.objects.filter(user=user, role=Role.ORGANISER).values("summit")
    return (
        Summit.objects.filter(pk__in=organised)
        .annotate(organisers=Count("team", filter=Q(team__role=Role.ORGANISER)))
        .filter(organisers=1)
        .order_by("slug")
    )
