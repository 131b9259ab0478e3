import pytest
from django.core.exceptions import ValidationError

from cosummit.accounts.domain import update_profile
from cosummit.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_update_profile_changes_only_the_fields_given():
    user = UserFactory(name="Ana", organisation="Before", bio="Kept.")

    update_profile(user, name="Ana Lima", organisation="")

    stored = User.objects.get(pk=user.pk)
    assert (stored.name, stored.organisation, stored.bio) == ("Ana Lima", "", "Kept.")


def test_update_profile_with_one_bad_value_changes_nothing_even_in_memory():
    user = UserFactory(name="Ana", country="FR")

    with pytest.raises(ValidationError) as refusal:
        update_profile(user, name="Ana Lima", country="XX", preferred_language="de")

    assert sorted(refusal.value.message_dict) == ["country", "preferred_language"]
    assert (user.name, user.country.code, user.preferred_language) == ("Ana", "FR", "fr")
    stored = User.objects.get(pk=user.pk)
    assert (stored.name, stored.country.code, stored.preferred_language) == ("Ana", "FR", "fr")
