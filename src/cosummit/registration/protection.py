"""Keeping automated sign-ups out of registration, without third-party services.

Three guards, all checked on the server:

- Rate limits per client address and per e-mail address: fixed-window
  counters in Django's cache. With Redis (`REDIS_URL`) every app node and
  worker shares them; the local-memory cache keeps them per process.
- A honeypot: a field that people never see and robots fill in.
- A proof of work in the ALTCHA format: the server hashes a random salt with a
  secret number and signs the hash; the browser finds the number by trying
  them all (`registration.js`). The work costs a person a second while they
  type, and a robot sending thousands of forms that second each time. Without
  JavaScript, a short arithmetic question in words takes its place.

Each solution works once: used challenges are remembered in the cache until
they expire, so that a solved form cannot be replayed.
"""

import hashlib
import hmac
import json
import random
import secrets
import time
from base64 import b64decode
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import altcha
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How long a form may stay open before its challenge is refused.
CHALLENGE_LIFETIME = timedelta(hours=2)
ALGORITHM = "SHA-256"

NUMBER_WORDS = [
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
    gettext_lazy("ten"),
]


# Rate limits


def client_ip(request) -> str:
    """The client's address, read the way allauth reads it behind trusted proxies."""
    return get_adapter(request).get_client_ip(request)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def hit(scope: str, identity: str, rate: tuple[int, int], *, now: float | None = None) -> bool:
    """Count one attempt; False once there were more than allowed in this window.

    A fixed window: the counter's key names the window, so it starts at zero
    when the next window begins, and expires with it.
    """
    limit, period = rate
    now = time.time() if now is None else now
    window = int(now // period)
    key = f"cosummit:register:{scope}:{_digest(identity)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add() and incr(): this is a new window.
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def within_rate_limits(request, email: str) -> bool:
    """Count this attempt for the client address and for the e-mail address."""
    allowed = hit("ip", client_ip(request), settings.REGISTRATION_RATE_LIMIT_IP)
    email = email.strip().lower()
    if email:
        allowed = hit("email", email, settings.REGISTRATION_RATE_LIMIT_EMAIL) and allowed
    return allowed


# Replay protection, shared by both kinds of challenge


def _spend(kind: str, identity: str, expires_at: float) -> bool:
    """Mark a solution used; False when it was used before."""
    timeout = max(int(expires_at - time.time()) + 60, 60)
    return cache.add(f"cosummit:register:used:{kind}:{_digest(identity)}", True, timeout=timeout)


def _is_spent(kind: str, identity: str) -> bool:
    return cache.get(f"cosummit:register:used:{kind}:{_digest(identity)}") is not None


# Proof of work


def _challenge_key() -> str:
    return salted_hmac(
        "cosummit.registration.challenge", "hmac-key", algorithm="sha256"
    ).hexdigest()


def new_challenge() -> dict:
    """A signed challenge for the browser to solve, as ALTCHA's JSON fields."""
    expires = datetime.now(UTC) + CHALLENGE_LIFETIME
    challenge = altcha.create_challenge_v1(
        algorithm=ALGORITHM,
        max_number=settings.REGISTRATION_CHALLENGE_MAX_NUMBER,
        hmac_key=_challenge_key(),
        expires=expires,
    )
    return challenge.to_dict()


def challenge_json() -> str:
    return json.dumps(new_challenge())


@dataclass(frozen=True)
class Checked:
    """A solution that passed: `spend()` marks it used, once."""

    kind: str
    identity: str
    expires_at: float

    def spend(self) -> bool:
        return _spend(self.kind, self.identity, self.expires_at)


def check_solution(payload: str) -> Checked | None:
    """The solution if it is signed by us, correct, unexpired and not used yet."""
    if not payload or len(payload) > 2000:
        return None
    try:
        data = json.loads(b64decode(payload, validate=True))
        if not isinstance(data, dict) or data.get("algorithm") != ALGORITHM:
            return None
        if not isinstance(data.get("number"), int) or not isinstance(data.get("salt"), str):
            return None
        expires = altcha.extract_params_v1(data).get("expires")
        if not expires:
            # Every challenge we make expires: one without a date is not ours.
            return None
        expires_at = float(expires[0])
        valid, _error = altcha.verify_solution_v1(data, _challenge_key(), check_expires=True)
    except (ValueError, TypeError, KeyError):
        return None
    if not valid:
        return None
    if _is_spent("pow", data["challenge"]):
        return None
    return Checked(kind="pow", identity=data["challenge"], expires_at=expires_at)


def solve(challenge: dict) -> str:
    """The payload a browser would send for `challenge` (for tests and benchmarks)."""
    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    if solution is None:
        raise ValueError("This challenge has no solution.")
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    return altcha.PayloadV1.from_dict(payload).to_base64()


# The question for people without JavaScript

_QUESTION_SALT = "cosummit.registration.question"


@dataclass(frozen=True)
class Question:
    text: str
    signed: str


def _answer_digest(nonce: str, answer: int) -> str:
    return salted_hmac(_QUESTION_SALT, f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def new_question() -> Question:
    """An addition in words, and a signed token that checks its answer.

    The token holds a keyed digest of the answer, not the answer itself: it is
    signed, not encrypted, so anything in it can be read.
    """
    first, second = random.randint(1, 10), random.randint(1, 10)
    nonce = secrets.token_urlsafe(12)
    expires_at = time.time() + CHALLENGE_LIFETIME.total_seconds()
    signed = signing.dumps(
        {"n": nonce, "d": _answer_digest(nonce, first + second), "e": int(expires_at)},
        salt=_QUESTION_SALT,
    )
    text = _("What is %(first)s plus %(second)s?") % {
        "first": NUMBER_WORDS[first - 1],
        "second": NUMBER_WORDS[second - 1],
    }
    return Question(text=text, signed=signed)


def check_answer(signed: str, answer: str) -> Checked | None:
    """The answer if it is right for this signed question, in time and not used yet."""
    answer = (answer or "").strip()
    if not signed or not answer.isdigit() or len(answer) > 3:
        return None
    try:
        data = signing.loads(
            signed, salt=_QUESTION_SALT, max_age=CHALLENGE_LIFETIME.total_seconds()
        )
        nonce, digest, expires_at = str(data["n"]), str(data["d"]), float(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not hmac.compare_digest(digest, _answer_digest(nonce, int(answer))):
        return None
    if _is_spent("question", nonce):
        return None
    return Checked(kind="question", identity=nonce, expires_at=expires_at)
