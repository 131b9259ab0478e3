"""World regions of countries, after the United Nations' M49 standard.

The UN Statistics Division's "Standard country or area codes for statistical
use" (M49) groups countries and areas into five regions (Africa, Americas,
Asia, Europe, Oceania) and seventeen sub-regions. Region and sub-region values
below are their M49 codes. Two choices the standard leaves open:

- Antarctica (AQ) belongs to no region in M49, which lists it on its own
  directly under the world; it is its own region here, without sub-region.
- Taiwan (TW) is not listed separately in M49; it is placed in Eastern Asia.
  Kosovo (XK, a user-assigned code some sites add) is placed with Serbia in
  Southern Europe.

Pure data and look-ups: no database, no request.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "002", _("Africa")
    AMERICAS = "019", _("Americas")
    ASIA = "142", _("Asia")
    EUROPE = "150", _("Europe")
    OCEANIA = "009", _("Oceania")
    ANTARCTICA = "010", _("Antarctica")


class SubRegion(models.TextChoices):
    NORTHERN_AFRICA = "015", _("Northern Africa")
    SUB_SAHARAN_AFRICA = "202", _("Sub-Saharan Africa")
    LATIN_AMERICA_AND_CARIBBEAN = "419", _("Latin America and the Caribbean")
    NORTHERN_AMERICA = "021", _("Northern America")
    CENTRAL_ASIA = "143", _("Central Asia")
    EASTERN_ASIA = "030", _("Eastern Asia")
    SOUTH_EASTERN_ASIA = "035", _("South-eastern Asia")
    SOUTHERN_ASIA = "034", _("Southern Asia")
    WESTERN_ASIA = "145", _("Western Asia")
    EASTERN_EUROPE = "151", _("Eastern Europe")
    NORTHERN_EUROPE = "154", _("Northern Europe")
    SOUTHERN_EUROPE = "039", _("Southern Europe")
    WESTERN_EUROPE = "155", _("Western Europe")
    AUSTRALIA_AND_NEW_ZEALAND = "053", _("Australia and New Zealand")
    MELANESIA = "054", _("Melanesia")
    MICRONESIA = "057", _("Micronesia")
    POLYNESIA = "061", _("Polynesia")


REGION_OF_SUB_REGION: dict[str, str] = {
    SubRegion.NORTHERN_AFRICA: Region.AFRICA,
    SubRegion.SUB_SAHARAN_AFRICA: Region.AFRICA,
    SubRegion.LATIN_AMERICA_AND_CARIBBEAN: Region.AMERICAS,
    SubRegion.NORTHERN_AMERICA: Region.AMERICAS,
    SubRegion.CENTRAL_ASIA: Region.ASIA,
    SubRegion.EASTERN_ASIA: Region.ASIA,
    SubRegion.SOUTH_EASTERN_ASIA: Region.ASIA,
    SubRegion.SOUTHERN_ASIA: Region.ASIA,
    SubRegion.WESTERN_ASIA: Region.ASIA,
    SubRegion.EASTERN_EUROPE: Region.EUROPE,
    SubRegion.NORTHERN_EUROPE: Region.EUROPE,
    SubRegion.SOUTHERN_EUROPE: Region.EUROPE,
    SubRegion.WESTERN_EUROPE: Region.EUROPE,
    SubRegion.AUSTRALIA_AND_NEW_ZEALAND: Region.OCEANIA,
    SubRegion.MELANESIA: Region.OCEANIA,
    SubRegion.MICRONESIA: Region.OCEANIA,
    SubRegion.POLYNESIA: Region.OCEANIA,
}

# ISO 3166-1 alpha-2 codes of each sub-region. Sub-Saharan Africa lists M49's
# Eastern, Middle, Southern and Western Africa in that order, one per line;
# Latin America and the Caribbean lists the Caribbean, Central America and
# South America.
_COUNTRIES: dict[str, str] = {
    SubRegion.NORTHERN_AFRICA: "DZ EG EH LY MA SD TN",
    SubRegion.SUB_SAHARAN_AFRICA: (
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW "
        "AO CD CF CG CM GA GQ ST TD "
        "BW LS NA SZ ZA "
        "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"
    ),
    SubRegion.LATIN_AMERICA_AND_CARIBBEAN: (
        "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI "
        "BZ CR GT HN MX NI PA SV "
        "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE"
    ),
    SubRegion.NORTHERN_AMERICA: "BM CA GL PM US",
    SubRegion.CENTRAL_ASIA: "KG KZ TJ TM UZ",
    SubRegion.EASTERN_ASIA: "CN HK JP KP KR MN MO TW",
    SubRegion.SOUTH_EASTERN_ASIA: "BN ID KH LA MM MY PH SG TH TL VN",
    SubRegion.SOUTHERN_ASIA: "AF BD BT IN IR LK MV NP PK",
    SubRegion.WESTERN_ASIA: "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    SubRegion.EASTERN_EUROPE: "BG BY CZ HU MD PL RO RU SK UA",
    SubRegion.NORTHERN_EUROPE: "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    SubRegion.SOUTHERN_EUROPE: "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA XK",
    SubRegion.WESTERN_EUROPE: "AT BE CH DE FR LI LU MC NL",
    SubRegion.AUSTRALIA_AND_NEW_ZEALAND: "AU CC CX HM NF NZ",
    SubRegion.MELANESIA: "FJ NC PG SB VU",
    SubRegion.MICRONESIA: "FM GU KI MH MP NR PW UM",
    SubRegion.POLYNESIA: "AS CK NU PF PN TK TO TV WF WS",
}

SUB_REGION_OF_COUNTRY: dict[str, str] = {
    code: sub_region for sub_region, codes in _COUNTRIES.items() for code in codes.split()
}

REGION_OF_COUNTRY: dict[str, str] = {
    **{code: REGION_OF_SUB_REGION[sub] for code, sub in SUB_REGION_OF_COUNTRY.items()},
    "AQ": Region.ANTARCTICA,
}


def _code(country) -> str:
    # Accepts a code or a django-countries Country, in any case.
    return str(getattr(country, "code", country) or "").strip().upper()


def region_code(country) -> str:
    """The M49 code of the region of a country code (or Country); "" when unknown."""
    return REGION_OF_COUNTRY.get(_code(country), "")


def sub_region_code(country) -> str:
    """The M49 code of the sub-region of a country code; "" when unknown or none."""
    return SUB_REGION_OF_COUNTRY.get(_code(country), "")


def region_of(country) -> str:
    """The name of a country's region in the reader's language; "" when unknown."""
    code = region_code(country)
    return str(Region(code).label) if code else ""


def sub_region_of(country) -> str:
    """The name of a country's sub-region in the reader's language; "" when unknown."""
    code = sub_region_code(country)
    return str(SubRegion(code).label) if code else ""
