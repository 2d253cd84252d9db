from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LowcodeConfig(AppConfig):
    name = "lowcode"
    verbose_name = _("low-code administration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import columns, signals

        signals.connect()
        columns.connect()
