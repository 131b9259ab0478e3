from django import forms
from django.utils.translation import gettext_lazy as _


class SignupProfileForm(forms.Form):
    """Extra fields asked at sign-up, saved on the new user by allauth."""

    name = forms.CharField(label=_("Name"), max_length=200)

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
