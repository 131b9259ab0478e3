"""The check-in page in a browser: the camera scanner where the browser can read QR codes.

The test machine has no camera and Chromium on Linux reads no QR code, so the
browser is given a stand-in barcode detector and camera before the page loads;
the page's own script does the rest: it shows the button, starts the "camera",
fills in the code it reads and sends the form.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cosummit.registration.models import Status
from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

pytestmark = pytest.mark.e2e

FAKE_SCANNER = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
  detect() { return Promise.resolve([{ rawValue: "ADA23456" }]); }
};
const canvas = document.createElement("canvas");
canvas.width = 4;
canvas.height = 4;
Object.defineProperty(navigator, "mediaDevices", {
  value: {
    getUserMedia: () => {
      canvas.getContext("2d").fillRect(0, 0, 4, 4);
      return Promise.resolve(canvas.captureStream());
    },
  },
});
"""
BLOCKING_IMPACTS = ["critical", "serious"]
RUN_AXE = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => violation.id + ": " + violation.nodes.map((n) => n.target).join(", "));
}"""


@pytest.fixture
def door(summit_site, log_in, new_context):
    """A check-in volunteer's browser, and Ada's confirmed registration for the launch."""
    event = summit_site.events["launch"]
    RegistrationSetupFactory(event=event)
    ada = RegistrationFactory(event=event, name="Ada Lovelace", code="ADA23456")
    volunteer = TeamMembershipFactory(summit=summit_site.summit, role=Role.CHECKIN).user
    context = new_context()
    log_in(context, volunteer)
    address = f"/en/organise/{summit_site.summit.slug}/check-in/{event.slug}/"
    return context, address, ada


def test_a_scanned_ticket_checks_the_person_in(door):
    context, address, ada = door
    context.add_init_script(FAKE_SCANNER)
    page = context.new_page()
    page.goto(address)

    page.get_by_role("button", name="Scan a QR code").click()

    expect(page.get_by_role("heading", name="Ada Lovelace is checked in.")).to_be_visible()
    ada.refresh_from_db()
    assert ada.checked_in_at is not None


def test_without_a_barcode_detector_the_scan_button_stays_hidden(door):
    context, address, _ada = door
    context.add_init_script("delete window.BarcodeDetector;")
    page = context.new_page()
    page.goto(address)

    page.get_by_label("Registration code or name").fill("ada23456")
    page.get_by_role("button", name="Check in or search").click()

    expect(page.get_by_role("heading", name="Ada Lovelace is checked in.")).to_be_visible()
    expect(page.get_by_role("button", name="Scan a QR code")).to_be_hidden()


def test_the_check_in_page_has_no_serious_accessibility_violation(door):
    context, address, ada = door
    RegistrationFactory(event=ada.event, name="Ada Byron", status=Status.WAITING)
    page = context.new_page()
    page.goto(address)
    page.get_by_label("Registration code or name").fill("ADA23456")
    page.get_by_role("button", name="Check in or search").click()
    expect(page.get_by_role("heading", name="Ada Lovelace is checked in.")).to_be_visible()
    page.goto(f"{address}?q=ada")

    page.evaluate(Axe().axe_script)

    assert page.evaluate(RUN_AXE, BLOCKING_IMPACTS) == []
