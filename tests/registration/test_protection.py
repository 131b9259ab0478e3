"""Keeping robots out of registration: rate limits, honeypot, proof of work, question."""

import base64
import datetime as dt
import json

import altcha
import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from cosummit.registration import protection
from cosummit.registration.models import Registration
from cosummit.settings import env_rate
from tests.registration import participant

NOT_A_PERSON = "We could not check that this form was sent by a person. Please try again."


@pytest.fixture(autouse=True)
def _protection(settings):
    participant.use_easy_protection(settings)


def form_page(client, event) -> str:
    return client.get(participant.register_url(event)).content.decode()


def post(client, event, content, **fields):
    return client.post(participant.register_url(event), participant.guest_data(content, **fields))


def encode(payload: dict) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


# Rate limits


def test_too_many_attempts_from_one_address_get_429(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT_IP = (2, 3600)
    participant.register(client, open_event, email="one@example.org")
    participant.register(client, open_event, email="two@example.org")
    response = participant.register(client, open_event, email="three@example.org")
    assert response.status_code == 429
    assert "Too many attempts" in participant.text(response)
    assert sorted(Registration.objects.values_list("email", flat=True)) == [
        "one@example.org",
        "two@example.org",
    ]


def test_attempts_with_errors_count_too(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT_IP = (1, 3600)
    participant.register(client, open_event, email="not-an-address")
    response = participant.register(client, open_event)
    assert (response.status_code, Registration.objects.count()) == (429, 0)


def test_too_many_attempts_for_one_email_get_429_from_any_address(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT_EMAIL = (2, 3600)
    url = participant.register_url(open_event)
    statuses = []
    for number in range(3):
        content = client.get(url).content.decode()
        data = participant.guest_data(content, email="ADA@example.org ")
        statuses.append(client.post(url, data, REMOTE_ADDR=f"192.0.2.{number}").status_code)
    assert statuses == [200, 200, 429]
    assert Registration.objects.count() == 1


def test_other_people_are_not_limited_by_someone_elses_attempts(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT_IP = (1, 3600)
    url = participant.register_url(open_event)
    content = client.get(url).content.decode()
    client.post(url, participant.guest_data(content), REMOTE_ADDR="192.0.2.1")
    content = client.get(url).content.decode()
    data = participant.guest_data(content, email="grace@example.org")
    response = client.post(url, data, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 200
    assert Registration.objects.count() == 2


def test_a_fixed_window_starts_again_at_zero(db, settings):
    rate = (2, 60)
    first_window = [protection.hit("test", "192.0.2.9", rate, now=6000.0 + n) for n in range(3)]
    next_window = protection.hit("test", "192.0.2.9", rate, now=6060.0)
    assert (first_window, next_window) == ([True, True, False], True)


def test_the_form_page_itself_is_not_limited(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT_IP = (1, 3600)
    statuses = {client.get(participant.register_url(open_event)).status_code for _ in range(3)}
    assert statuses == {200}


# Honeypot


def test_a_filled_honeypot_is_refused_quietly_and_nothing_is_created(client, open_event):
    content = form_page(client, open_event)
    response = post(client, open_event, content, website="https://spam.example")
    assert NOT_A_PERSON in participant.text(response)
    assert "honeypot" not in participant.text(response).lower()
    assert (Registration.objects.count(), len(mail.outbox)) == (0, 0)


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, open_event):
    content = form_page(client, open_event)
    field = participant.inputs(content)["website"]
    assert (field["tabindex"], field["autocomplete"]) == ("-1", "off")
    assert '<div class="registration-trap" aria-hidden="true">' in content


# Proof of work


def test_the_challenge_is_signed_and_expires(client, open_event, settings):
    challenge = participant.challenge_of(form_page(client, open_event))
    assert challenge["algorithm"] == "SHA-256"
    assert challenge["maxNumber"] == 50
    assert "?expires=" in challenge["salt"]
    assert len(challenge["signature"]) == 64


def test_a_solved_challenge_registers(client, open_event):
    post(client, open_event, form_page(client, open_event))
    assert Registration.objects.count() == 1


def test_a_used_solution_cannot_be_replayed(client, open_event):
    content = form_page(client, open_event)
    data = participant.guest_data(content)
    url = participant.register_url(open_event)
    client.post(url, data)
    replay = client.post(url, data | {"email": "grace@example.org"})
    assert NOT_A_PERSON in participant.text(replay)
    assert list(Registration.objects.values_list("email", flat=True)) == ["ada@example.org"]


def test_a_wrong_number_is_refused(client, open_event):
    content = form_page(client, open_event)
    payload = json.loads(base64.b64decode(participant.solution_for(content)))
    payload["number"] = (payload["number"] + 1) % 51
    response = post(client, open_event, content, altcha=encode(payload))
    assert NOT_A_PERSON in participant.text(response)
    assert Registration.objects.count() == 0


def test_a_challenge_signed_with_another_key_is_refused(client, open_event):
    challenge = altcha.create_challenge_v1(
        max_number=50,
        hmac_key="not-our-key",
        expires=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    )
    payload = protection.solve(challenge.to_dict())
    response = post(client, open_event, form_page(client, open_event), altcha=payload)
    assert NOT_A_PERSON in participant.text(response)
    assert Registration.objects.count() == 0


def test_a_stale_challenge_is_refused(client, open_event):
    challenge = altcha.create_challenge_v1(
        max_number=50,
        hmac_key=protection._challenge_key(),
        expires=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1),
    )
    payload = protection.solve(challenge.to_dict())
    response = post(client, open_event, form_page(client, open_event), altcha=payload)
    assert NOT_A_PERSON in participant.text(response)
    assert Registration.objects.count() == 0


def test_a_challenge_without_expiry_is_refused(client, open_event):
    challenge = altcha.create_challenge_v1(max_number=50, hmac_key=protection._challenge_key())
    payload = protection.solve(challenge.to_dict())
    response = post(client, open_event, form_page(client, open_event), altcha=payload)
    assert NOT_A_PERSON in participant.text(response)
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        "not base64 at all!",
        base64.b64encode(b"not json").decode(),
        encode(["a", "list"]),
        encode({"algorithm": "SHA-256"}),
        encode({"algorithm": "MD5", "challenge": "", "number": 1, "salt": "", "signature": ""}),
        encode({"algorithm": "SHA-256", "challenge": 1, "number": "x", "salt": 2, "signature": 3}),
        "A" * 5000,
    ],
)
def test_garbage_instead_of_a_solution_is_refused_without_error(client, open_event, payload):
    response = post(client, open_event, form_page(client, open_event), altcha=payload)
    assert response.status_code == 200
    assert NOT_A_PERSON in participant.text(response)
    assert Registration.objects.count() == 0


def test_a_valid_solution_is_kept_when_another_field_is_wrong(client, open_event):
    content = form_page(client, open_event)
    data = participant.guest_data(content, email="wrong")
    response = client.post(participant.register_url(open_event), data)
    again = participant.inputs(response.content.decode())
    assert again["altcha"]["value"] == data["altcha"]
    client.post(participant.register_url(open_event), data | {"email": "ada@example.org"})
    assert Registration.objects.count() == 1


def test_each_form_gets_its_own_challenge(client, open_event):
    first = participant.challenge_of(form_page(client, open_event))
    second = participant.challenge_of(form_page(client, open_event))
    assert first["challenge"] != second["challenge"]


# The question for people without JavaScript


def test_without_javascript_the_question_in_words_registers(client, open_event):
    content = form_page(client, open_event)
    answer = participant.question_answer(content)
    post(client, open_event, content, altcha="", question_answer=answer)
    assert Registration.objects.count() == 1


def test_a_wrong_answer_is_refused_and_a_new_question_asked(client, open_event):
    content = form_page(client, open_event)
    wrong = str(int(participant.question_answer(content)) + 1)
    response = post(client, open_event, content, altcha="", question_answer=wrong)
    again = response.content.decode()
    assert "This is not the answer. Please answer the new question." in participant.text(response)
    assert (
        participant.inputs(again)["question_token"]["value"]
        != (participant.inputs(content)["question_token"]["value"])
    )
    assert "value" not in participant.inputs(again)["question_answer"]
    assert Registration.objects.count() == 0


def test_no_solution_and_no_answer_asks_for_the_answer(client, open_event):
    response = post(client, open_event, form_page(client, open_event), altcha="")
    assert '<a href="#id_question_answer">' in response.content.decode()
    assert "Answer this question so that we know you are a person." in participant.text(response)
    assert Registration.objects.count() == 0


def test_an_answer_cannot_be_replayed(client, open_event):
    content = form_page(client, open_event)
    answer = participant.question_answer(content)
    post(client, open_event, content, altcha="", question_answer=answer)
    response = post(
        client, open_event, content, altcha="", question_answer=answer, email="bob@example.org"
    )
    assert "This is not the answer." in participant.text(response)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("answer", ["twelve", "-1", "99999999", "1e3"])
def test_odd_answers_are_refused_without_error(client, open_event, answer):
    response = post(
        client, open_event, form_page(client, open_event), altcha="", question_answer=answer
    )
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_a_forged_question_token_is_refused(client, open_event):
    content = form_page(client, open_event)
    answer = participant.question_answer(content)
    response = post(
        client, open_event, content, altcha="", question_answer=answer, question_token="forged:1"
    )
    assert "This is not the answer." in participant.text(response)
    assert Registration.objects.count() == 0


def test_the_answer_token_does_not_reveal_the_answer(db):
    with translation.override("en"):
        question = protection.new_question()
    words = question.text.removeprefix("What is ").removesuffix("?").split(" plus ")
    answer = participant.NUMBERS[words[0]] + participant.NUMBERS[words[1]]
    payload = question.signed.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert f'"{answer}"' not in decoded
    assert protection.check_answer(question.signed, str(answer)) is not None


# Settings


@pytest.mark.parametrize(
    ("raw", "rate"), [("20/h", (20, 3600)), ("5/m", (5, 60)), (" 100/d", (100, 86400))]
)
def test_rates_are_read_from_the_environment(monkeypatch, raw, rate):
    monkeypatch.setenv("COSUMMIT_TEST_RATE", raw)
    assert env_rate("COSUMMIT_TEST_RATE", "1/s") == rate


@pytest.mark.parametrize("raw", ["20", "20/week", "many/h", "-1/h", "/h"])
def test_a_bad_rate_stops_the_process_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv("COSUMMIT_TEST_RATE", raw)
    with pytest.raises(ImproperlyConfigured) as error:
        env_rate("COSUMMIT_TEST_RATE", "1/s")
    assert str(error.value) == (
        "COSUMMIT_TEST_RATE must be a number of requests per period such as 20/h "
        f"(periods: s, m, h, d), not {raw.strip()!r}."
    )
