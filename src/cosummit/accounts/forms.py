from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext_lazy as _

from cosummit.core.widgets import QuickSelect

from . import domain
from .models import User

_user_field = User._meta.get_field


class SignupProfileForm(forms.Form):
    """Extra fields asked at sign-up, saved on the new user by allauth."""

    # allauth adds the e-mail and password fields and reads this order.
    field_order = ["name", "email", "password1", "password2"]

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("As you would like it to appear on the summit's pages."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        # The language the person signed up in is the best first guess of the
        # one they prefer; they can change it on their profile.
        language = get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
        domain.update_profile(user, name=self.cleaned_data["name"], preferred_language=language)


class ProfileForm(forms.Form):
    """The profile a person edits; fields, limits and choices come from the model.

    A plain form rather than a ModelForm: validating a ModelForm writes the
    submitted values onto the user object even when they are invalid.
    """

    name = _user_field("name").formfield(
        required=True, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation = _user_field("organisation").formfield(
        widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    organisation_type = _user_field("organisation_type").formfield()
    country = _user_field("country").formfield(widget=QuickSelect)
    preferred_language = _user_field("preferred_language").formfield(
        required=True,
        help_text=_("The site switches to this language when you log in."),
    )
    bio = _user_field("bio").formfield(
        help_text=_("A few lines about you and your work, up to 1,000 characters."),
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> "ProfileForm":
        initial = {field_name: getattr(user, field_name) for field_name in domain.PROFILE_FIELDS}
        initial["country"] = user.country.code or ""
        return cls(data, initial=initial)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your current password. Your account was not deleted."),
                code="password_incorrect",
            )
        return password
