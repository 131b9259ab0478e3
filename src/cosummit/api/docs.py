"""The API's documentation as a page of the site, rendered from its OpenAPI schema.

Ninja's Swagger page loads its scripts from a CDN, which the site's Content
Security Policy forbids and closed networks cannot reach. This page needs no
script at all: it lists the endpoints, their parameters and their answers, in
the reader's language, and links the OpenAPI schema for tools.
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    description: str
    accepted: str


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    token: str  # "required", "optional" or "" when the endpoint takes none
    anchor: str
    parameters: list[Parameter] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)


class ServerRenderedDocs(DocsBase):
    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "schema_url": self.get_openapi_url(api, kwargs),
                "endpoints": endpoints(schema),
                "example_url": request.build_absolute_uri(reverse(f"{api.urls_namespace}:summits")),
            },
        )


def endpoints(schema: dict) -> list[Endpoint]:
    components = schema.get("components", {}).get("schemas", {})
    result = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            security = operation.get("security")
            token = ""
            if security:
                token = "optional" if {} in security else "required"
            result.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    token=token,
                    anchor=operation.get("operationId", ""),
                    parameters=[
                        _parameter(parameter, components)
                        for parameter in operation.get("parameters", [])
                    ],
                    statuses=[
                        (status, answer.get("description", ""))
                        for status, answer in operation.get("responses", {}).items()
                    ],
                )
            )
    return result


def _resolve(schema: dict, components: dict) -> dict:
    """Follow `$ref`, `allOf` of one item and `anyOf` with null to the real schema."""
    if "$ref" in schema:
        return _resolve(components.get(schema["$ref"].rsplit("/", 1)[-1], {}), components)
    if len(schema.get("allOf", [])) == 1:
        return _resolve(schema["allOf"][0], components)
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        return {**schema, **_resolve(options[0], components)}
    return schema


def _parameter(parameter: dict, components: dict) -> Parameter:
    raw_schema = parameter.get("schema", {})
    schema = _resolve(raw_schema, components)
    accepted = []
    if "enum" in schema:
        accepted.append(
            _("One of: %(values)s.") % {"values": ", ".join(str(v) for v in schema["enum"])}
        )
    elif "minimum" in schema and "maximum" in schema:
        accepted.append(
            _("A whole number from %(minimum)s to %(maximum)s.")
            % {"minimum": schema["minimum"], "maximum": schema["maximum"]}
        )
    elif schema.get("type") == "string":
        accepted.append(_("Text."))
    default = raw_schema.get("default", schema.get("default"))
    if default is not None:
        accepted.append(_("Default: %(default)s.") % {"default": default})
    return Parameter(
        name=parameter["name"],
        location=parameter.get("in", ""),
        required=parameter.get("required", False),
        description=parameter.get("description", raw_schema.get("description", "")),
        accepted=" ".join(accepted),
    )
