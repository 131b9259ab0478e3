from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HackathonConfig(AppConfig):
    name = "cosummit.hackathon"
    verbose_name = _("Hackathon")
