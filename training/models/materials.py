"""The training materials library: documents, videos and slides, by topic and target group."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from .catalogue import TargetGroup, Topic


class MaterialQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def search(self, text):
        """Substring search: the database search backend does not segment Chinese, so 拐 must
        find 防拐报警知识手册 through icontains."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(models.Q(title__icontains=text) | models.Q(description__icontains=text))


class Material(ClusterableModel):
    """A handout, video or slide deck. Videos are files served by the site itself: the public
    site makes no request to another host (government networks block them)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document (PDF)")
        VIDEO = "video", _("video")
        SLIDES = "slides", _("slides")

    title = models.CharField(_("title"), max_length=120, help_text=_("As the public reads it."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.DOCUMENT,
        help_text=_(
            "Documents and slides are files from the document library; videos are uploaded here."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the material covers; searchable.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The PDF or slide file (documents and slides)."),
    )
    video = models.FileField(
        _("video file"),
        upload_to="training/videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("An MP4 or WebM file (videos); played on the page."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="materials",
        help_text=_("For the library's topic filter."),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="materials",
        help_text=_("For the library's target-group filter."),
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the public materials library.")
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = MaterialQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("video"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_public"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.Kind.VIDEO and not self.video:
            raise ValidationError({"video": _("Upload the video file.")})
        if self.kind != self.Kind.VIDEO and not self.document_id:
            raise ValidationError({"document": _("Choose the file from the document library.")})

    @property
    def file_url(self):
        if self.kind == self.Kind.VIDEO:
            return self.video.url if self.video else ""
        return self.document.url if self.document_id else ""
