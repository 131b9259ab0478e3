from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitsConfig(AppConfig):
    name = "cosummit.summits"
    label = "summits"
    verbose_name = _("Summits")
