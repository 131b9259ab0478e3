"""Factories for the rows an account holds, beyond those of tests/factories.py."""

import factory

from cosummit.api.models import ApiToken, hash_token
from cosummit.core.models import OutboxMessage
from tests.factories import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Script {n}")
    token_hash = factory.Sequence(lambda n: hash_token(f"cs_secret_{n}"))
    prefix = factory.Sequence(lambda n: f"cs_{n:05d}")


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    from_email = "cosummit <noreply@example.org>"
    to = factory.LazyFunction(lambda: ["someone@example.org"])
    subject = factory.Sequence(lambda n: f"Message {n}")
    body = "Hello."
