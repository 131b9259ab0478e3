import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, given
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


texts = st.dictionaries(
    keys=st.sampled_from(["fr", "en", "es", "xx"]),
    values=st.text(max_size=20),
    max_size=4,
)


@given(value=texts, reader=st.sampled_from(["fr", "en"]))
def test_a_reader_with_a_text_in_their_language_sees_it(value, reader):
    cleaned = clean_translations(value)
    assume(cleaned.get(reader))
    localized = cleaned.localize(reader)
    assert (localized.text, localized.is_fallback) == (cleaned[reader], False)


@given(value=texts, reader=st.sampled_from(["fr", "en"]))
def test_a_reader_without_a_text_in_their_language_sees_another_one_marked(value, reader):
    cleaned = clean_translations(value)
    assume(cleaned and not cleaned.get(reader))
    localized = cleaned.localize(reader)
    assert (localized.text, localized.is_fallback) == (cleaned[localized.language], True)
    assert localized.language != reader
