"""Writes that every domain app makes the same way."""

from collections.abc import Iterable
from typing import Any

from django.db import models


def apply_changes(
    instance: models.Model, changes: dict[str, Any], allowed: Iterable[str]
) -> list[str]:
    """Set the changed attributes on `instance` and save only those; return their names.

    Raises TypeError when `changes` names a field outside `allowed`, before
    anything is set. Side effects: the row saved with the changed fields only,
    when any changed.
    """
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    if changed:
        instance.save(update_fields=changed)
    return changed
