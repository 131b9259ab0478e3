"""Shapes shared by the API's routers."""

from typing import Annotated

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, create_model

from cosummit.core.i18n import language_codes


def _every_language(value):
    """Organiser content as an object with every site language; null where untranslated."""
    if isinstance(value, dict):
        return {code: value.get(code) or None for code in language_codes()}
    return value


TranslatedTextOut: type[BaseModel] = create_model(
    "TranslatedText",
    __config__=ConfigDict(
        json_schema_extra={"description": _("One text per language; null when not translated.")}
    ),
    **dict.fromkeys(language_codes(), (str | None, None)),
)

Translated = Annotated[TranslatedTextOut, BeforeValidator(_every_language)]


class ErrorOut(Schema):
    detail: str = Field(description=_("What went wrong, in a sentence."))


class ValidationProblemOut(Schema):
    location: str = Field(description=_("Where the value was sent: query, path, header, body."))
    field: str
    message: str


class ValidationErrorOut(ErrorOut):
    errors: list[ValidationProblemOut]


class VenueOut(Schema):
    name: Translated
    address: str
    city: str
    country: str = Field(description=_("ISO 3166-1 alpha-2 code."))
    accessibility: Translated

    @staticmethod
    def resolve_country(venue) -> str:
        return venue.country.code


# Error answers every endpoint may give, for the OpenAPI description.
READ_ERRORS = {401: ErrorOut, 422: ValidationErrorOut}
