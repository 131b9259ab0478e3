"""Organisers: move sessions in the working agenda, run the scheduler, release the programme."""

from ninja import Router

from .auth import token_required

router = Router(auth=token_required, tags=["programme"])
