"""The shape every organiser "add or edit" page shares: one form for a new row
or an existing one, the domain function that writes it, and a message."""

from collections.abc import Callable

from django.contrib import messages


def save_from_form(
    request,
    form,
    *,
    existing,
    create: Callable,
    update: Callable,
    added: str,
    saved: str,
) -> bool:
    """Write the form's data when it is valid; return whether it was.

    `create(**data)` makes a new row when `existing` is None, otherwise
    `update(existing, **data)` changes it; then the `added` or `saved`
    message, with the row as `%(name)s`, tells the organiser.
    """
    if not form.is_valid():
        return False
    if existing is None:
        created = create(**form.cleaned_data)
        messages.success(request, added % {"name": created})
    else:
        update(existing, **form.cleaned_data)
        messages.success(request, saved % {"name": existing})
    return True
