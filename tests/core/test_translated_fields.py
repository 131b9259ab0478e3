import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from cosummit.core.i18n import TranslatedFormField, TranslatedText, clean_translations
from cosummit.summits.models import Summit
from tests.factories import SummitFactory


def test_text_is_shown_in_the_readers_language_when_present():
    text = TranslatedText({"fr": "Sommet", "en": "Summit"})
    with translation.override("en"):
        assert (str(text), text.localize().is_fallback) == ("Summit", False)


def test_missing_language_falls_back_and_says_so():
    localized = TranslatedText({"fr": "Sommet"}).localize("en")
    assert (localized.text, localized.language, localized.is_fallback) == ("Sommet", "fr", True)


def test_empty_text_is_false_and_prints_nothing():
    text = TranslatedText({"fr": "", "en": ""})
    assert (bool(text), str(text)) == (False, "")


def test_unknown_languages_and_blank_texts_are_dropped():
    assert clean_translations({"fr": " Sommet ", "xx": "?", "en": ""}) == {"fr": "Sommet"}


def test_form_field_requires_at_least_one_language():
    field = TranslatedFormField(max_length=20)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            field.clean(["", ""])
        assert error.value.messages == ["Fill this in, in at least one language."]
    assert field.clean(["", "Summit"]) == {"en": "Summit"}


def test_form_field_rejects_a_translation_over_the_limit():
    field = TranslatedFormField(max_length=5)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            field.clean(["Sommet mondial", ""])
        assert error.value.messages == ["Ensure this value has at most 5 characters (it has 14)."]


def test_widget_gives_every_language_its_own_label():
    with translation.override("en"):
        html = TranslatedFormField(max_length=20).widget.render(
            "name", {"fr": "Sommet"}, attrs={"id": "id_name"}
        )
    assert '<label for="id_name_fr">French</label>' in html
    assert '<label for="id_name_en">English</label>' in html
    assert '<input type="text" name="name_fr" value="Sommet" lang="fr" id="id_name_fr">' in html


@pytest.mark.django_db
def test_assigned_mapping_reads_back_as_translated_text():
    summit = SummitFactory(name={"fr": "Sommet", "en": "Summit"})
    summit.name = {"en": "Global Summit"}
    summit.save(update_fields=["name"])
    fresh = Summit.objects.get(pk=summit.pk)
    assert (type(fresh.name), fresh.name) == (TranslatedText, {"en": "Global Summit"})


@pytest.mark.django_db
def test_key_lookups_find_a_translation():
    summit = SummitFactory(name={"fr": "Sommet de Paris", "en": "Paris Summit"})
    assert list(Summit.objects.filter(name__en="Paris Summit")) == [summit]


words = st.from_regex(r"[A-Za-zéèà' ]{0,12}[A-Za-zéèà]", fullmatch=True)


@st.composite
def texts_and_reader(draw, *, reader_has_text: bool):
    """A translated text, and a reader whose language it has or lacks."""
    reader = draw(st.sampled_from(["fr", "en"]))
    # The other site language always has a text; "es" and "xx" are not site languages.
    other = "en" if reader == "fr" else "fr"
    value = draw(st.dictionaries(st.sampled_from(["es", "xx"]), words, max_size=2))
    value[other] = draw(words)
    if reader_has_text:
        value[reader] = draw(words)
    return value, reader


@settings(deadline=None)
@given(case=texts_and_reader(reader_has_text=True))
def test_a_reader_with_a_text_in_their_language_sees_it(case):
    value, reader = case
    localized = clean_translations(value).localize(reader)
    assert (localized.text, localized.is_fallback) == (value[reader].strip(), False)


@settings(deadline=None)
@given(case=texts_and_reader(reader_has_text=False))
def test_a_reader_without_a_text_in_their_language_sees_another_one_marked(case):
    value, reader = case
    cleaned = clean_translations(value)
    localized = cleaned.localize(reader)
    assert localized.language != reader
    assert (localized.text, localized.is_fallback) == (cleaned[localized.language], True)


def test_language_names_are_lower_case_inside_a_french_sentence():
    from cosummit.core.i18n import in_sentence, language_name

    with translation.override("fr"):
        french = in_sentence(language_name("en"))
    with translation.override("en"):
        english = in_sentence(language_name("fr"))

    assert (french, english) == ("anglais", "French")
