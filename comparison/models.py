"""The review queue of information comparison (信息比对, 六、市民政局): pairs of registered minors
that may be the same child, the reviewer's decision on each, and every merge with what it moved,
so that a merge can be undone exactly."""

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from protection.matching import FIELD_LABELS
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
        return "、".join(FIELD_LABELS.get(k, k) for k in self.agree)

    @property
    def differing(self):
        return "、".join(FIELD_LABELS.get(k, k) for k in self.differ)

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
