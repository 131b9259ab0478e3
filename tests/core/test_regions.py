import pytest
from django_countries import countries

from cosummit.core.regions import (
    REGION_OF_SUB_REGION,
    Region,
    SubRegion,
    region_code,
    region_of,
    sub_region_code,
    sub_region_of,
)


def test_every_country_django_countries_knows_has_a_region():
    unmapped = [country.code for country in countries if not region_code(country.code)]

    assert unmapped == []


def test_every_country_but_antarctica_has_a_sub_region_inside_its_region():
    wrong = [
        country.code
        for country in countries
        if country.code != "AQ"
        and REGION_OF_SUB_REGION.get(sub_region_code(country.code)) != region_code(country.code)
    ]

    assert wrong == []


def test_antarctica_is_its_own_region_without_sub_region():
    assert (region_of("AQ"), sub_region_of("AQ")) == ("Antarctica", "")


@pytest.mark.parametrize(
    ("code", "region", "sub_region"),
    [
        ("FR", "Europe", "Western Europe"),
        ("GB", "Europe", "Northern Europe"),
        ("UA", "Europe", "Eastern Europe"),
        ("ES", "Europe", "Southern Europe"),
        ("SN", "Africa", "Sub-Saharan Africa"),
        ("TN", "Africa", "Northern Africa"),
        ("SD", "Africa", "Northern Africa"),
        ("MX", "Americas", "Latin America and the Caribbean"),
        ("CA", "Americas", "Northern America"),
        ("GL", "Americas", "Northern America"),
        ("CY", "Asia", "Western Asia"),
        ("TR", "Asia", "Western Asia"),
        ("ID", "Asia", "South-eastern Asia"),
        ("IR", "Asia", "Southern Asia"),
        ("KZ", "Asia", "Central Asia"),
        ("TW", "Asia", "Eastern Asia"),
        ("NZ", "Oceania", "Australia and New Zealand"),
        ("FJ", "Oceania", "Melanesia"),
        ("UM", "Oceania", "Micronesia"),
        ("WS", "Oceania", "Polynesia"),
        ("RE", "Africa", "Sub-Saharan Africa"),
        ("GS", "Americas", "Latin America and the Caribbean"),
    ],
)
def test_countries_fall_in_their_m49_region_and_sub_region(code, region, sub_region):
    assert (region_of(code), sub_region_of(code)) == (region, sub_region)


def test_codes_are_read_in_any_case_and_from_country_objects():
    brazil = next(country for country in countries if country.code == "BR")

    assert (region_of("fr"), region_of(" ke "), region_of(brazil)) == (
        "Europe",
        "Africa",
        "Americas",
    )


def test_unknown_or_empty_codes_have_no_region():
    assert (region_of(""), region_of(None), region_of("ZZ"), sub_region_of("ZZ")) == (
        "",
        "",
        "",
        "",
    )


def test_there_are_five_regions_antarctica_and_seventeen_sub_regions():
    assert (len(Region.values), len(SubRegion.values), len(REGION_OF_SUB_REGION)) == (6, 17, 17)
