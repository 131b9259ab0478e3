from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from .language import in_language, remember_language


class AccountAdapter(DefaultAccountAdapter):
    """allauth's behaviour, with two changes.

    Logging in switches the site to the person's preferred language, and
    changing one's password leads back to the profile it was reached from.
    """

    def post_login(self, request, user, **kwargs):
        language = user.preferred_language
        if not language:
            return super().post_login(request, user, **kwargs)
        # The default destination and the "logged in" message come out in the
        # person's language; an explicit `next` address is translated after.
        with translation.override(language):
            response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = in_language(response["Location"], language)
        remember_language(response, language)
        return response

    def get_password_change_redirect_url(self, request):
        return reverse("accounts:profile")
