import pytest

from tests.review.factories import CriterionFactory, PhaseFactory, ReviewSettingsFactory


@pytest.fixture
def review_setup(summit):
    """The `summit` fixture's review: settings, a current phase and two criteria."""
    settings = ReviewSettingsFactory(summit=summit)
    phase = PhaseFactory(summit=summit)
    relevance = CriterionFactory(
        summit=summit, weight=2, name={"fr": "Pertinence", "en": "Relevance"}
    )
    quality = CriterionFactory(summit=summit, weight=1, name={"fr": "Qualité", "en": "Quality"})
    return settings, phase, [relevance, quality]
