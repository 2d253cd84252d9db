"""Records the project package keeps for every app: the log of spreadsheet imports and exports.

An import keeps the uploaded file and its check results only while it waits for the user's
confirmation (the file may hold minors' ID numbers); once it is applied or cancelled, the file and
the per-cell errors are cleared and the counts and the list of records it wrote remain. While it
waits, the file is stored encrypted (the field key of ``lantian.crypto``), and one left waiting
for more than a day is cleared by ``manage.py purge_pending_imports``."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One spreadsheet upload into one registry, from the check to the write."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("checking")
        CHECKED = "checked", _("checked, waiting for confirmation")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")
        CANCELLED = "cancelled", _("cancelled")

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("registry"),
        on_delete=models.CASCADE,
        help_text=_("The registry the rows go into."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded the file."),
    )
    resource = models.CharField(
        _("columns"),
        max_length=200,
        editable=False,
        help_text=_("The dotted path of the resource that defines the sheet's columns."),
    )
    file_name = models.CharField(_("file"), max_length=255, help_text=_("As uploaded."))
    content = models.BinaryField(
        _("file content"),
        null=True,
        editable=False,
        help_text=_(
            "Encrypted; kept until the import is applied or cancelled (or a day has passed), "
            "then cleared."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(
        _("rows processed"), default=0, help_text=_("Progress of a background check or write.")
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    errors = models.JSONField(
        _("errors"),
        default=list,
        blank=True,
        help_text=_("Every invalid cell: row, column, value, reason. Cleared once finished."),
    )
    preview = models.JSONField(
        _("preview"),
        default=list,
        blank=True,
        help_text=_("The first rows with what the import would do to each. Cleared once finished."),
    )
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    # A pending upload older than this is abandoned: its file and details are cleared.
    PENDING_FOR = datetime.timedelta(days=1)
    PENDING = ("checking", "checked", "importing", "failed")

    @property
    def file_content(self):
        """The uploaded file, decrypted; None once cleared."""
        if self.content is None:
            return None
        from lantian.crypto import decrypt_bytes

        return decrypt_bytes(self.content)

    @file_content.setter
    def file_content(self, data):
        from lantian.crypto import encrypt_bytes

        # Fernet (AES with an HMAC) under the same key as the encrypted fields of the registry.
        self.content = None if data is None else encrypt_bytes(data)

    def clear_pending(self):
        """Forget the file and everything read from it; the counts and the log line remain."""
        self.content = None
        self.errors = []
        self.preview = []

    @classmethod
    def purge_abandoned(cls, now=None):
        """Clear every upload still waiting a day after it was made; returns how many."""
        cutoff = (now or timezone.now()) - cls.PENDING_FOR
        count = 0
        for record in cls.objects.filter(created_at__lt=cutoff, status__in=cls.PENDING):
            record.clear_pending()
            record.status = cls.Status.CANCELLED
            record.message = _("Not confirmed within a day: the file was deleted.")
            record.finished_at = record.finished_at or timezone.now()
            record.save()
            count += 1
        return count

    @property
    def is_running(self):
        return self.status in {self.Status.CHECKING, self.Status.IMPORTING}

    @property
    def percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def registry_name(self):
        model = self.content_type.model_class()
        return model._meta.verbose_name_plural if model else self.content_type.model


class ImportedObject(models.Model):
    """A record an import created or changed, so that the import's records can be found."""

    record = models.ForeignKey(ImportRecord, on_delete=models.CASCADE, related_name="written")
    object_id = models.CharField(max_length=64, db_index=True)
    created = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")

    def __str__(self):
        return f"{self.record_id}:{self.object_id}"


class ExportRecord(models.Model):
    """One download of a registry listing: who, when, how many rows, with which filters."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("registry"), on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    file_format = models.CharField(_("format"), max_length=10)
    row_count = models.PositiveIntegerField(_("rows"))
    filters = models.CharField(
        _("filters"), max_length=1000, blank=True, help_text=_("The listing's query string.")
    )
    masked = models.BooleanField(
        _("identifiers masked"), default=True, help_text=_("Whether ID numbers were masked.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet export")
        verbose_name_plural = _("spreadsheet exports")

    def __str__(self):
        return f"{self.content_type} {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def for_model(cls, model):
        return ContentType.objects.get_for_model(model)
