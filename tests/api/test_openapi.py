import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_lists_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {path: sorted(operations) for path, operations in schema["paths"].items()} == {
        "/api/v1/summits": ["get"],
        "/api/v1/summits/{slug}": ["get"],
        "/api/v1/summits/{slug}/events": ["get"],
        "/api/v1/summits/{slug}/events/{event_slug}": ["get"],
        "/api/v1/summits/{slug}/toolbox/cards": ["get", "post"],
        "/api/v1/summits/{slug}/toolbox/cards/{card_slug}": ["get"],
        "/api/v1/summits/{slug}/toolbox/cards/{card_slug}/argument": ["put"],
        "/api/v1/summits/{slug}/toolbox/cards/{card_slug}/rating": ["put"],
        "/api/v1/summits/{slug}/toolbox/tags": ["get"],
        "/api/v1/summits/{slug}/events/{event_slug}/registrations": ["get"],
        "/api/v1/summits/{slug}/events/{event_slug}/registrations/export": ["get"],
        "/api/v1/summits/{slug}/events/{event_slug}/registrations/{code}/check-in": ["post"],
        "/api/v1/summits/{slug}/proposals": ["get"],
        "/api/v1/summits/{slug}/proposals/{proposal_id}": ["get"],
        "/api/v1/me": ["get"],
        "/api/v1/me/proposals": ["get"],
        "/api/v1/me/proposals/{proposal_id}": ["get", "patch"],
        "/api/v1/summits/{slug}/review/queue": ["get"],
        "/api/v1/summits/{slug}/review/proposals/{proposal_id}": ["get"],
        "/api/v1/summits/{slug}/review/proposals/{proposal_id}/review": ["put"],
        "/api/v1/summits/{slug}/review/scores": ["get"],
        "/api/v1/summits/{slug}/review/decisions": ["get"],
        "/api/v1/summits/{slug}/review/proposals/{proposal_id}/decision": ["delete", "put"],
        "/api/v1/summits/{slug}/review/decisions/apply": ["post"],
        "/api/v1/summits/{slug}/programme/days": ["get"],
        "/api/v1/summits/{slug}/programme/sessions": ["get"],
        "/api/v1/summits/{slug}/programme/sessions/{session_id}": ["get"],
        "/api/v1/summits/{slug}/programme/rooms": ["get"],
        "/api/v1/summits/{slug}/programme/speakers": ["get"],
        "/api/v1/summits/{slug}/programme/scheduler/runs": ["post"],
        "/api/v1/summits/{slug}/programme/scheduler/runs/{run_id}": ["get"],
        "/api/v1/summits/{slug}/programme/scheduler/runs/{run_id}/apply": ["post"],
        "/api/v1/summits/{slug}/programme/releases": ["get", "post"],
        "/api/v1/summits/{slug}/programme/working/slots": ["get"],
        "/api/v1/summits/{slug}/programme/working/warnings": ["get"],
        "/api/v1/summits/{slug}/programme/working/sessions/{session_id}/place": ["post", "put"],
        "/api/v1/summits/{slug}/programme/working/sessions/{session_id}/unschedule": ["post"],
    }


def test_openapi_schema_says_which_endpoints_need_a_token(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["paths"]["/api/v1/me"]["get"]["security"] == [{"ApiTokenAuth": []}]
    assert schema["paths"]["/api/v1/summits"]["get"]["security"] == [{"ApiTokenAuth": []}, {}]
    assert schema["components"]["securitySchemes"] == {
        "ApiTokenAuth": {"type": "http", "scheme": "bearer"}
    }


def test_openapi_schema_describes_the_event_filters(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/summits/{slug}/events"]["get"]["parameters"]

    assert [(parameter["name"], parameter["in"]) for parameter in parameters] == [
        ("slug", "path"),
        ("kind", "query"),
        ("when", "query"),
        ("limit", "query"),
        ("offset", "query"),
    ]
    assert schema["components"]["schemas"]["Kind"]["enum"] == [
        "launch",
        "workshop",
        "regional",
        "conference",
        "summit_day",
        "cso_day",
        "hackathon",
        "external",
    ]


def test_documentation_page_lists_the_endpoints_and_links_the_schema(client):
    response = client.get("/api/v1/docs", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert '<a href="/api/v1/openapi.json">' in response.text
    assert re.findall(r"<h3 id=\"\w+\"><code>(.*?)</code>", response.text) == [
        "GET /api/v1/summits",
        "GET /api/v1/summits/{slug}",
        "GET /api/v1/summits/{slug}/events",
        "GET /api/v1/summits/{slug}/events/{event_slug}",
        "GET /api/v1/summits/{slug}/toolbox/cards",
        "POST /api/v1/summits/{slug}/toolbox/cards",
        "GET /api/v1/summits/{slug}/toolbox/cards/{card_slug}",
        "GET /api/v1/summits/{slug}/toolbox/tags",
        "PUT /api/v1/summits/{slug}/toolbox/cards/{card_slug}/rating",
        "PUT /api/v1/summits/{slug}/toolbox/cards/{card_slug}/argument",
        "GET /api/v1/summits/{slug}/events/{event_slug}/registrations",
        "GET /api/v1/summits/{slug}/events/{event_slug}/registrations/export",
        "POST /api/v1/summits/{slug}/events/{event_slug}/registrations/{code}/check-in",
        "GET /api/v1/me",
        "GET /api/v1/summits/{slug}/proposals",
        "GET /api/v1/summits/{slug}/proposals/{proposal_id}",
        "GET /api/v1/me/proposals",
        "GET /api/v1/me/proposals/{proposal_id}",
        "PATCH /api/v1/me/proposals/{proposal_id}",
        "GET /api/v1/summits/{slug}/review/queue",
        "GET /api/v1/summits/{slug}/review/proposals/{proposal_id}",
        "PUT /api/v1/summits/{slug}/review/proposals/{proposal_id}/review",
        "GET /api/v1/summits/{slug}/review/scores",
        "GET /api/v1/summits/{slug}/review/decisions",
        "PUT /api/v1/summits/{slug}/review/proposals/{proposal_id}/decision",
        "DELETE /api/v1/summits/{slug}/review/proposals/{proposal_id}/decision",
        "POST /api/v1/summits/{slug}/review/decisions/apply",
        "GET /api/v1/summits/{slug}/programme/days",
        "GET /api/v1/summits/{slug}/programme/sessions",
        "GET /api/v1/summits/{slug}/programme/sessions/{session_id}",
        "GET /api/v1/summits/{slug}/programme/rooms",
        "GET /api/v1/summits/{slug}/programme/speakers",
        "POST /api/v1/summits/{slug}/programme/scheduler/runs",
        "GET /api/v1/summits/{slug}/programme/scheduler/runs/{run_id}",
        "POST /api/v1/summits/{slug}/programme/scheduler/runs/{run_id}/apply",
        "GET /api/v1/summits/{slug}/programme/releases",
        "POST /api/v1/summits/{slug}/programme/releases",
        "GET /api/v1/summits/{slug}/programme/working/slots",
        "GET /api/v1/summits/{slug}/programme/working/warnings",
        "PUT /api/v1/summits/{slug}/programme/working/sessions/{session_id}/place",
        "POST /api/v1/summits/{slug}/programme/working/sessions/{session_id}/place",
        "POST /api/v1/summits/{slug}/programme/working/sessions/{session_id}/unschedule",
    ]
    assert "Needs a token." in response.text


def test_documentation_page_needs_no_script_and_keeps_the_sites_policy(client):
    response = client.get("/api/v1/docs")

    assert "<script" not in response.text
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "cdn" not in response.text.lower()


def test_documentation_page_is_in_the_readers_language(client):
    response = client.get("/api/v1/docs", headers={"accept-language": "fr"})

    assert '<html lang="fr">' in response.text
