"""The released programme, for anyone: days, sessions, rooms and speakers."""

from ninja import Router

router = Router(tags=["programme"])
