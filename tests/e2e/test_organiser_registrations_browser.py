"""axe-core on the organisers' registration pages, in French and in English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Status
from tests.e2e.browser import open_context
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)

pytestmark = pytest.mark.e2e

RUN_AXE = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => violation.id + ": " + violation.nodes.map((n) => n.target).join(", "));
}"""
PAGES = {
    "overview": "registrations/",
    "list": "registrations/launch/",
    "list-filtered": "registrations/launch/?status=waiting&q=a",
    "settings": "registrations/launch/settings/",
    "questions": "registrations/launch/questions/",
    "question-create": "registrations/launch/questions/new/",
    "add": "registrations/launch/add/",
    "message": "registrations/launch/message/",
    "check-in-events": "check-in/",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def shared_page(browser, live_server):
    context = open_context(browser, live_server, locale="en-GB")
    yield context.new_page()
    context.close()


@pytest.fixture
def registrations(summit_site):
    event = summit_site.events["launch"]
    setup = RegistrationSetupFactory(event=event, capacity=5)
    parent = RegistrationQuestionFactory(setup=setup, kind=QuestionKind.CHECKBOX, position=0)
    RegistrationQuestionFactory(setup=setup, depends_on=parent, depends_on_value="yes", position=1)
    RegistrationFactory(event=event, name="Ada Lovelace")
    RegistrationFactory(event=event, name="Grace Hopper", status=Status.AWAITING_APPROVAL)
    RegistrationFactory(event=event, name="Alan Turing", status=Status.WAITING)
    return event


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_registration_page_has_no_serious_accessibility_violation(
    shared_page, log_in, axe, summit_site, registrations, name, language
):
    page = shared_page
    page.context.clear_cookies()
    log_in(page.context, summit_site.organiser)

    response = page.goto(f"/{language}/organise/{summit_site.summit.slug}/{PAGES[name]}")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    page.evaluate(axe.axe_script)
    assert page.evaluate(RUN_AXE, ["critical", "serious"]) == []
