"""Changes to a person's account: profile, personal data, deletion.

Views, the API and commands call these functions; none of them is hidden in a
form's `save()` or a signal.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cosummit.core.models import OutboxMessage
from cosummit.summits.models import Role, Summit, TeamMembership

from . import queries
from .models import User

PROFILE_FIELDS = (
    "name",
    "organisation",
    "organisation_type",
    "country",
    "preferred_language",
    "bio",
)

# Marks a keyword argument that was not given, since "" is a valid new value.
_UNCHANGED: Any = object()


class LastOrganiserError(Exception):
    """The person is the only organiser of summits that would be left without one."""

    def __init__(self, summits: list[Summit]):
        super().__init__(", ".join(summit.slug for summit in summits))
        self.summits = summits


def update_profile(
    user: User,
    *,
    name: str = _UNCHANGED,
    organisation: str = _UNCHANGED,
    organisation_type: str = _UNCHANGED,
    country: str = _UNCHANGED,
    preferred_language: str = _UNCHANGED,
    bio: str = _UNCHANGED,
) -> None:
    """Change the profile fields given; the others keep their value.

    Every value is checked against its model field before anything is
    assigned, so that bad input raises `ValidationError` and changes nothing,
    not even the `user` object in memory.

    Side effects: the user row is updated (the given fields only).
    """
    given = {
        "name": name,
        "organisation": organisation,
        "organisation_type": organisation_type,
        "country": country,
        "preferred_language": preferred_language,
        "bio": bio,
    }
    cleaned = {}
    errors = {}
    for field_name, value in given.items():
        if value is _UNCHANGED:
            continue
        try:
            cleaned[field_name] = User._meta.get_field(field_name).clean(value, user)
        except ValidationError as error:
            errors[field_name] = error.error_list
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        return
    for field_name, value in cleaned.items():
        setattr(user, field_name, value)
    user.save(update_fields=list(cleaned))


def _datetime(value) -> str | None:
    return value.isoformat() if value else None


def export_personal_data(user: User) -> dict:
    """Everything the platform holds about `user`, as JSON-ready data.

    Secrets are left out: the password hash, API token hashes and prefixes,
    two-factor secrets. Mail shows its visible recipients, never the blind
    copies sent to other people.

    Side effects: none; it reads five tables, whatever the amount of data.
    """
    email_addresses = queries.email_addresses_of(user)
    addresses = [user.email, *(address.email for address in email_addresses)]
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "name": user.name,
            "organisation": user.organisation,
            "organisation_type": user.organisation_type,
            "country": user.country.code or "",
            "preferred_language": user.preferred_language,
            "bio": user.bio,
            "date_joined": _datetime(user.date_joined),
            "last_login": _datetime(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in email_addresses
        ],
        "team_roles": [
            {
                "summit": membership.summit.slug,
                "role": membership.role,
                "since": _datetime(membership.created_at),
            }
            for membership in queries.team_roles_of(user)
        ],
        "api_tokens": [
            {
                "name": token.name,
                "created_at": _datetime(token.created_at),
                "last_used_at": _datetime(token.last_used_at),
            }
            for token in queries.api_tokens_of(user)
        ],
        "two_factor_authenticators": [
            {
                "type": authenticator.type,
                "created_at": _datetime(authenticator.created_at),
                "last_used_at": _datetime(authenticator.last_used_at),
            }
            for authenticator in queries.authenticators_of(user)
        ],
        "emails_sent_to_you": [
            {
                "created_at": _datetime(message.created_at),
                "sent_at": _datetime(message.sent_at),
                "status": message.status,
                "from": message.from_email,
                "to": message.to,
                "cc": message.cc,
                "subject": message.subject,
                "body": message.body,
            }
            for message in queries.mail_sent_to(addresses)
        ],
    }


def delete_account(user: User) -> None:
    """Delete the account of `user` and the personal data kept with it.

    Refuses with `LastOrganiserError` when the person is the only organiser of
    a summit: they must first hand the role over to someone else.

    Side effects, in order: the organiser roles of the summits they organise
    are locked, as `summits.domain.remove_team_role` does, so that organisers
    leaving or removing each other at the same time cannot leave a summit
    without one; outbox mail sent to this person and to nobody else is
    deleted; the user row is deleted, and with it their e-mail addresses, team
    roles, API tokens and two-factor authenticators (database cascade).
    """
    with transaction.atomic():
        organised = TeamMembership.objects.filter(user=user, role=Role.ORGANISER)
        list(
            TeamMembership.objects.select_for_update()
            .filter(summit__in=organised.values("summit"), role=Role.ORGANISER)
            .values_list("pk", flat=True)
        )
        orphaned = list(queries.summits_where_last_organiser(user))
        if orphaned:
            raise LastOrganiserError(orphaned)
        addresses = {user.email.lower()} | {
            address.email.lower() for address in queries.email_addresses_of(user)
        }
        only_to_them = [
            message.pk
            for message in queries.mail_sent_to(sorted(addresses))
            if queries.recipients_of(message) <= addresses
        ]
        OutboxMessage.objects.filter(pk__in=only_to_them).delete()
        user.delete()
