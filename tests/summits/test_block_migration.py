"""The migration that merges the two old lists of blocked people into the summit's one list."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import BlockFactory

BEFORE = [
    ("summits", "0001_initial"),
    ("proposals", "0002_proposal_duration"),
    ("toolbox", "0001_initial"),
]
AFTER = [
    ("summits", "0002_one_block_list"),
    ("proposals", "0003_delete_block"),
    ("toolbox", "0002_delete_block"),
]
EARLY = dt.datetime(2016, 4, 20, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2016, 6, 1, 9, 0, tzinfo=dt.UTC)


def migrate(targets):
    """Migrate the test database to `targets`; return the apps as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def block(apps, app_label, *, summit, user, reason, at):
    """Write an old block with its date: `created_at` is set on insert, so it is written again."""
    model = apps.get_model(app_label, "Block")
    row = model.objects.create(summit_id=summit.pk, user_id=user.pk, reason=reason)
    model.objects.filter(pk=row.pk).update(created_at=at)


@pytest.fixture
def back_to_latest(transactional_db):
    """Whatever the test migrates to, the database goes back to the latest migrations after."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_apps(back_to_latest):
    """The apps as they were before the merge, and the database with them."""
    return migrate(BEFORE)


def test_both_old_lists_are_merged_each_person_once_with_the_earliest_date(old_apps):
    summit = old_apps.get_model("summits", "Summit").objects.create(
        name={"en": "Paris"},
        slug="paris",
        start_date=dt.date(2016, 12, 7),
        end_date=dt.date(2016, 12, 9),
        city="Paris",
        country="FR",
    )
    user_model = old_apps.get_model("accounts", "User")
    spammer, troll, both = (
        user_model.objects.create(email=f"{name}@example.org") for name in ("spam", "troll", "both")
    )
    block(old_apps, "proposals", summit=summit, user=spammer, reason="Spam", at=EARLY)
    block(old_apps, "toolbox", summit=summit, user=troll, reason="Insults", at=LATE)
    # Blocked in both: blocked first in the toolbox without a reason.
    block(old_apps, "toolbox", summit=summit, user=both, reason="", at=EARLY)
    block(old_apps, "proposals", summit=summit, user=both, reason="Ads", at=LATE)

    new_apps = migrate(AFTER)

    merged = new_apps.get_model("summits", "Block").objects.order_by("user__email")
    assert [
        (row.summit_id, row.user.email, row.reason, row.created_at, row.blocked_by)
        for row in merged
    ] == [
        (summit.pk, "both@example.org", "Ads", EARLY, None),
        (summit.pk, "spam@example.org", "Spam", EARLY, None),
        (summit.pk, "troll@example.org", "Insults", LATE, None),
    ]


def test_going_back_copies_the_summits_list_into_both_old_lists(back_to_latest):
    kept = BlockFactory(reason="Spam")

    old_apps = migrate(BEFORE)

    for app_label in ("proposals", "toolbox"):
        rows = old_apps.get_model(app_label, "Block").objects.all()
        assert [(row.summit_id, row.user_id, row.reason, row.created_at) for row in rows] == [
            (kept.summit_id, kept.user_id, "Spam", kept.created_at)
        ]
