"""The review queue of information comparison (信息比对, 六、市民政局): pairs of registered minors
that may be the same child, the reviewer's decision on each, and every merge with what it moved,
so that a merge can be undone exactly."""

import datetime

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection.matching import field_labels
from protection.models import Minor
from protection.scope import visible


class CandidatePairQuerySet(models.QuerySet):
    def for_user(self, user):
        """The pairs whose two children the user may both see: a township clerk reviews pairs
        within their townships; a pair across two townships is the city office's."""
        children = visible(Minor.objects.all(), user).values("pk")
        return visible(self, user).filter(other__in=children)


def _child(minor):
    return f"{minor.name}（{minor.birth_date or '—'}，{minor.village.name}）"


class CandidatePair(models.Model):
    """Two registered minors that may be one child. ``minor`` is always the one with the lower
    id, so that a pair is found once whichever way round it was compared."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("to review")
        MERGED = "merged", _("same child: merged")
        DIFFERENT = "different", _("different children")

    class Source(models.TextChoices):
        IMPORT = "import", _("spreadsheet import")
        RUN = "run", _("comparison of the registry")

    minor = models.ForeignKey(
        Minor, verbose_name=_("first child"), on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey(
        Minor, verbose_name=_("second child"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), help_text=_("0–100: how much of what both records say agrees.")
    )
    agree = models.JSONField(_("agreeing fields"), default=list, blank=True)
    differ = models.JSONField(_("differing fields"), default=list, blank=True)
    source = models.CharField(_("found by"), max_length=10, choices=Source.choices)
    import_record = models.ForeignKey(
        "lantian.ImportRecord",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The spreadsheet import that brought one of the two in."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PROPOSED,
        db_index=True,
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = {"township": "minor__township", "village": "minor__village"}

    objects = CandidatePairQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates (信息比对)")
        permissions = [
            ("decide_candidatepair", _("Can decide whether two records are the same child")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["minor", "other"], name="comparison_one_pair"),
            models.CheckConstraint(
                condition=Q(minor__lt=F("other")), name="comparison_pair_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.minor} / {self.other}"

    @admin_display(description=_("possible duplicate"))
    def pair_label(self):
        return f"{_child(self.minor)} / {_child(self.other)}"

    @admin_display(description=_("agreeing fields"))
    def agreeing_fields(self):
        return field_labels(self.agree)

    @property
    def differing(self):
        return field_labels(self.differ)

    def last_merge(self):
        return self.merges.filter(undone_at__isnull=True).order_by("-pk").first()


class Merge(models.Model):
    """One confirmed "same child": what was moved from the merged record to the survivor, kept
    so that undoing it moves back exactly that and nothing added since."""

    pair = models.ForeignKey(CandidatePair, on_delete=models.CASCADE, related_name="merges")
    survivor = models.ForeignKey(
        Minor, verbose_name=_("kept record"), on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        Minor, verbose_name=_("merged record"), on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(_("what was moved"), default=dict)
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self):
        return f"{self.merged} → {self.survivor}"


class ListComparison(models.Model):
    """A department's list compared with the registry in the background (信息比对 without
    importing), for a file too large to compare within the request: its progress while the task
    runs, then the answer to download. The uploaded file is kept only until the comparison has
    read it, the answer only for ``KEPT_FOR``; both encrypted, as they name children."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("comparing")
        DONE = "done", _("ready to download")
        FAILED = "failed", _("could not be compared")

    KEPT_FOR = datetime.timedelta(days=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Who uploaded the list; only they may see its answer."),
    )
    file_name = models.CharField(_("file"), max_length=255, help_text=_("As uploaded."))
    content = models.BinaryField(_("file content"), null=True, editable=False)
    result = models.BinaryField(_("comparison answer"), null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comparison of a list")
        verbose_name_plural = _("comparisons of lists")

    def __str__(self):
        return self.file_name

    @property
    def file_content(self):
        from lantian.crypto import decrypt_bytes

        return None if self.content is None else decrypt_bytes(self.content)

    @file_content.setter
    def file_content(self, data):
        from lantian.crypto import encrypt_bytes

        self.content = None if data is None else encrypt_bytes(data)

    @property
    def answer(self):
        from lantian.crypto import decrypt_bytes

        return None if self.result is None else decrypt_bytes(self.result)

    @answer.setter
    def answer(self, data):
        from lantian.crypto import encrypt_bytes

        self.result = None if data is None else encrypt_bytes(data)

    @property
    def is_running(self):
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @classmethod
    def purge_expired(cls, now=None):
        """Lists and answers older than ``KEPT_FOR`` are deleted: the answer was for download,
        not for keeping children's data on the server."""
        cutoff = (now or timezone.now()) - cls.KEPT_FOR
        return cls.objects.filter(created_at__lt=cutoff).delete()[0]
