"""The shared parts of the questions editors: option values and field changes."""

import pytest

from cosummit.core.domain import apply_changes
from cosummit.core.question_editing import keep_option_values
from cosummit.core.questions import options_from_lines
from tests.factories import SummitFactory


def test_an_option_keeps_its_value_when_one_of_its_labels_is_unchanged():
    previous = options_from_lines({"en": "By train\nBy plane", "fr": "En train\nEn avion"})

    typed = options_from_lines({"en": "By plane\nBy rail", "fr": "En avion\nEn train"})

    assert [option["value"] for option in keep_option_values(typed, previous)] == [
        "by-plane",
        "by-train",
    ]


def test_two_options_never_take_the_same_value():
    previous = [{"value": "train", "label": {"en": "Train", "fr": "Train"}}]

    typed = [
        {"value": "train", "label": {"en": "Train"}},
        {"value": "train-fr", "label": {"fr": "Train"}},
        {"value": "train", "label": {"en": "Night train"}},
    ]

    assert [option["value"] for option in keep_option_values(typed, previous)] == [
        "train",
        "train-fr",
        "train-2",
    ]


@pytest.mark.django_db
def test_apply_changes_saves_only_what_changed_and_refuses_unknown_fields():
    summit = SummitFactory(city="Paris", country="FR")

    changed = apply_changes(summit, {"city": "Lyon", "country": "FR"}, ("city", "country"))
    with pytest.raises(TypeError, match=r"Cannot change slug here\."):
        apply_changes(summit, {"city": "Lille", "slug": "other"}, ("city",))

    summit.refresh_from_db()
    assert (changed, summit.city) == (["city"], "Lyon")
