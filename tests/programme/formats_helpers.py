"""Helpers for the standard-format tests: the shared data files and their schemas.

The files live in ../shared/data next to the project (see its README); a
fresh clone has no such folder, and the tests that need it are skipped.
"""

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason=f"the shared data folder {SHARED_DATA} is absent (it is not part of the project)",
)


def shared_file(name: str) -> bytes:
    return (SHARED_DATA / name).read_bytes()


def xsd_errors(data: bytes) -> list[str]:
    """Why the XML does not validate against the c3voc XSD; empty when it does."""
    schema = etree.XMLSchema(etree.fromstring(shared_file("c3voc-schedule.xsd")))
    schema.validate(etree.fromstring(data))
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def json_schema_errors(data: bytes) -> list[str]:
    """Why the JSON does not validate against the c3voc JSON schema; empty when it does."""
    schema = json.loads(shared_file("c3voc-schedule.schema.json"))
    # Every format jsonschema knows is checked, uuid included, which draft 6
    # alone would not check.
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(json.loads(data))
    ]


def release_working_agenda(summit, *, version: int | None = None):
    """Release v1, v2, … of the working agenda as the release domain would: every placed slot.

    Written here directly, without the changes and the e-mails, so that the
    export tests do not depend on the release pages.
    """
    from cosummit.programme.models import Release, Slot

    if version is None:
        version = (Release.objects.filter(summit=summit).count()) + 1
    release = Release.objects.create(summit=summit, version=version)
    Slot.objects.bulk_create(
        Slot(
            session_id=slot.session_id,
            release=release,
            room_id=slot.room_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
        )
        for slot in Slot.objects.filter(
            session__summit=summit, release=None, starts_at__isnull=False
        )
    )
    return release
