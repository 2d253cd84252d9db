from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "protection"
    verbose_name = _("protection registries")
    default_auto_field = "django.db.models.BigAutoField"
