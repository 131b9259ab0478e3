from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cosummit.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from .converters import RowIdConverter

        # Before any URL conf is read: addresses write row numbers as <id:…>.
        register_converter(RowIdConverter, "id")
