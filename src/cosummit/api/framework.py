"""The project's NinjaAPI: every answer is JSON, errors included.

Django would answer an unknown address, a wrong method or a crash with an HTML
page; a program calling the API gets JSON with a `detail` sentence instead.
"""

import datetime as dt
import logging
from functools import wraps

from django.http import Http404, JsonResponse
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from .auth import TokenRejected

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")


class OffsetJSONEncoder(NinjaJSONEncoder):
    """Datetimes keep their offset, "+00:00" included, and their full precision.

    Django's encoder would write UTC as "Z" and cut microseconds.
    """

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


class OffsetJSONRenderer(JSONRenderer):
    encoder_class = OffsetJSONEncoder


class CosummitAPI(NinjaAPI):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("renderer", OffsetJSONRenderer())
        super().__init__(**kwargs)
        self.add_exception_handler(ValidationError, self._invalid_request)
        self.add_exception_handler(Http404, self._not_found)
        self.add_exception_handler(AuthenticationError, self._unauthenticated)
        self.add_exception_handler(Exception, self._server_error)

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        answered_in_json = []
        for pattern in patterns:
            if pattern.name == "api-root":
                # Ninja's root raises an HTML 404; it must keep its name, which
                # Ninja reverses to find where the API is mounted.
                pattern = path("", _safe_methods_only(self._index), name="api-root")
            elif pattern.name in ("openapi-json", "openapi-view"):
                pattern.callback = _safe_methods_only(pattern.callback)
            else:
                pattern.callback = _method_errors_in_json(pattern.callback)
            answered_in_json.append(pattern)
        answered_in_json.append(
            re_path(r"^", csrf_exempt(self._unknown_address), name="unknown-address")
        )
        return answered_in_json, app_name, namespace

    def _detail(self, request, message: str, *, status: int, **extra):
        return self.create_response(request, {"detail": message, **extra}, status=status)

    def _invalid_request(self, request, exc: ValidationError):
        problems = [_problem(error) for error in exc.errors]
        sentences = [_("“%(field)s” is not valid: %(message)s.") % problem for problem in problems]
        return self._detail(request, " ".join(sentences), status=422, errors=problems)

    def _not_found(self, request, exc):
        return self._detail(request, _("Not found."), status=404)

    def _unauthenticated(self, request, exc: AuthenticationError):
        message = str(exc) if isinstance(exc, TokenRejected) else _("An API token is needed.")
        response = self._detail(request, message, status=401)
        response["WWW-Authenticate"] = getattr(exc, "challenge", 'Bearer realm="cosummit"')
        return response

    def _server_error(self, request, exc: Exception):
        # Django logs the 500 answer itself, without the traceback kept here.
        logger.error("Error in API request %s %s", request.method, request.path, exc_info=exc)
        return self._detail(
            request,
            _("Something went wrong on our side. It has been logged; please try again later."),
            status=500,
        )

    def _index(self, request, **kwargs):
        return JsonResponse(
            {
                "title": self.title,
                "version": self.version,
                "docs": request.build_absolute_uri(reverse(f"{self.urls_namespace}:openapi-view")),
                "openapi": request.build_absolute_uri(
                    reverse(f"{self.urls_namespace}:openapi-json")
                ),
            }
        )

    def _unknown_address(self, request, **kwargs):
        docs = reverse(f"{self.urls_namespace}:openapi-view")
        return JsonResponse(
            {
                "detail": _(
                    "There is no API endpoint at this address. The documentation "
                    "at %(docs)s lists them."
                )
                % {"docs": docs}
            },
            status=404,
        )


def _problem(error: dict) -> dict:
    location, *field = [str(part) for part in error.get("loc", ())] or [""]
    return {
        "location": location,
        "field": ".".join(field) or location,
        "message": error.get("msg", ""),
    }


def _method_not_allowed(allowed: list[str]) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": _("This address only answers to %(methods)s.")
            % {"methods": ", ".join(allowed)}
        },
        status=405,
    )
    response["Allow"] = ", ".join(allowed)
    return response


def _safe_methods_only(view):
    """Answer only GET and HEAD; being read-only, the view needs no CSRF check."""

    @wraps(view)
    def view_for_safe_methods(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            return _method_not_allowed(list(SAFE_METHODS))
        return view(request, *args, **kwargs)

    return csrf_exempt(view_for_safe_methods)


def _method_errors_in_json(view):
    """Turn Ninja's plain-text "405 Method not allowed" into JSON."""

    @wraps(view)
    def view_with_json_errors(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type") != "application/json":
            allowed = [method.strip() for method in response.get("Allow", "").split(",")]
            return _method_not_allowed([method for method in allowed if method])
        return response

    return view_with_json_errors
