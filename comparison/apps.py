from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonConfig(AppConfig):
    name = "comparison"
    verbose_name = _("information comparison")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lantian.imports.signals import rows_imported
        from protection.models import Minor

        from .signals import compare_imported_minors

        rows_imported.connect(compare_imported_minors, sender=Minor, dispatch_uid="comparison")
