from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_place_triggers(using, **kwargs):
    from django.db import connections

    from .places import install_triggers

    install_triggers(connections[using])


class ProtectionConfig(AppConfig):
    name = "protection"
    verbose_name = _("protection registries")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # After every migrate, also one that rebuilt a table on SQLite: see protection.places.
        post_migrate.connect(_install_place_triggers, sender=self)
