import re

import pytest
from django import forms
from django.utils import translation
from django_countries import countries

from cosummit.core.widgets import QuickSelect

ATTRS = {"id": "id_country", "required": True, "aria-describedby": "country-help"}


@pytest.mark.parametrize("selected", ["FR", "", "KE"])
def test_quick_select_writes_the_same_html_as_django_select(selected):
    choices = [("", "—"), *countries, ("a'<", "L'été & <b>")]
    with translation.override("fr"):
        expected = forms.Select(choices=choices, attrs=ATTRS).render("country", selected)
        written = QuickSelect(choices=choices, attrs=ATTRS).render("country", selected)

    # Django's templates put line breaks and indentation between the tags.
    assert written == re.sub(r">\s+<", "><", expected)


def test_quick_select_marks_the_chosen_option_selected():
    html = QuickSelect(choices=[("a", "A"), ("b", "B")]).render("letter", "b")

    assert html == (
        '<select name="letter"><option value="a">A</option>'
        '<option value="b" selected>B</option></select>'
    )
