"""The import-schedule and export-schedule management commands."""

import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from cosummit.programme.interchange import read_c3voc_json, read_frab_xml
from cosummit.programme.models import Session
from tests.factories import PARIS, RoomFactory, SummitFactory, VenueFactory
from tests.programme.factories import SessionFactory
from tests.programme.formats_helpers import (
    SHARED_DATA,
    json_schema_errors,
    needs_shared_data,
    release_working_agenda,
    xsd_errors,
)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@needs_shared_data
def test_importing_camp_2019_reports_what_it_created(db):
    summit = SummitFactory(name={"en": "Camp"}, slug="camp")

    out, err = run("import_schedule", "camp", str(SHARED_DATA / "camp2019-schedule.json"))

    assert out == (
        "Imported 79 events into “Camp”: 79 sessions created, 0 updated; 2 rooms, 5 days, "
        "7 tracks and 90 speakers created.\n"
    )
    assert "Some sessions fall outside the summit's dates" in err
    assert Session.objects.filter(summit=summit).count() == 79


def test_a_file_that_is_not_a_schedule_is_refused_and_nothing_is_imported(db, tmp_path):
    SummitFactory(slug="paris")
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>")

    with pytest.raises(CommandError) as error:
        run("import_schedule", "paris", str(path))

    assert str(error.value) == "The XML file is not a schedule: its root is not <schedule>."
    assert Session.objects.count() == 0


def test_the_format_option_forces_the_reader(db, tmp_path):
    SummitFactory(slug="paris")
    path = tmp_path / "schedule.txt"
    path.write_text('{"schedule": {}}')

    with pytest.raises(CommandError) as error:
        run("import_schedule", "paris", str(path), "--format", "frab")

    assert str(error.value).startswith("The file is not valid XML: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "schedule.xml"], "There is no summit “nowhere”."),
        (["paris", "/no/such/file.xml"], "The file /no/such/file.xml cannot be read: "),
    ],
)
def test_an_unknown_summit_or_file_is_a_clear_error(db, args, message):
    SummitFactory(slug="paris")

    with pytest.raises(CommandError) as error:
        run("import_schedule", *args)

    assert str(error.value).startswith(message)


def test_a_schedule_without_readable_events_imports_nothing(db, tmp_path):
    SummitFactory(slug="paris")
    path = tmp_path / "schedule.xml"
    path.write_text("<schedule><conference><acronym>x</acronym></conference></schedule>")

    with pytest.raises(CommandError) as error:
        run("import_schedule", "paris", str(path))

    assert str(error.value) == "The file holds no event that could be read; nothing was imported."


@pytest.fixture
def released(db):
    summit = SummitFactory(slug="paris", name={"en": "Paris summit"})
    room = RoomFactory(venue=VenueFactory(summit=summit), name={"en": "Green Room"})
    SessionFactory(
        summit=summit,
        title="Open budgets",
        room=room,
        starts_at=dt.datetime(2026, 6, 3, 10, 0, tzinfo=PARIS),
    )
    release_working_agenda(summit)
    return summit


@needs_shared_data
def test_exporting_frab_writes_a_valid_file(released, tmp_path):
    path = tmp_path / "schedule.xml"

    out, err = run("export_schedule", "paris", "--format", "frab", "--output", str(path))

    assert out == ""
    assert err == f"Wrote release v1 of “Paris summit” to {path}.\n"
    assert xsd_errors(path.read_bytes()) == []
    assert [event.title for event in read_frab_xml(path.read_bytes()).events] == ["Open budgets"]


@needs_shared_data
def test_exporting_c3voc_to_the_standard_output_uses_the_site_address_in_french(released, settings):
    settings.SITE_URL = "https://summit.example.org"

    out, _err = run("export_schedule", "paris", "--format", "c3voc")

    assert json_schema_errors(out.encode()) == []
    event = read_c3voc_json(out.encode()).events[0]
    assert event.url == f"https://summit.example.org/fr/paris/programme/sessions/{event.id}/"
    assert json.loads(out)["schedule"]["version"] == "v1"


def test_exporting_csv_and_ics_in_the_language_asked_for(released):
    csv_out, _err = run("export_schedule", "paris", "--format", "csv", "--language", "en")
    ics_out, _err = run("export_schedule", "paris", "--format", "ics")

    assert csv_out.splitlines()[1].startswith("2026-06-03,10:00,11:00,Green Room,Open budgets,")
    assert "/en/paris/programme/sessions/" in csv_out
    assert "SUMMARY:Open budgets" in ics_out.splitlines()


def test_exporting_before_any_release_is_a_clear_error(db):
    SummitFactory(slug="paris", name={"en": "Paris summit"})

    with pytest.raises(CommandError) as error:
        run("export_schedule", "paris", "--format", "frab")

    assert str(error.value) == (
        "“Paris summit” has no programme release yet; release it before exporting."
    )


def test_the_commands_answer_to_their_hyphenated_names_too(released):
    out, _err = run("export_schedule", "paris", "--format", "ics")

    assert "SUMMARY:Open budgets" in out.splitlines()
    with pytest.raises(CommandError) as error:
        run("import_schedule", "nowhere", "schedule.xml")
    assert str(error.value) == "There is no summit “nowhere”."


@pytest.mark.parametrize(
    ("spelt", "runs"),
    [("import-schedule", "import_schedule"), ("export-schedule", "export_schedule")],
)
def test_the_cosummit_command_takes_the_hyphenated_names(spelt, runs):
    result = subprocess.run(
        [sys.executable, "-m", "cosummit", spelt, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "true"},
        check=True,
    )
    assert result.stdout.startswith(f"usage: cosummit {runs} ")
