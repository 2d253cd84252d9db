"""The village archives (六、村(居)委会) and the city's database (六、市民政局): minors in
difficulty with their guardians and photos, families, and case service records.

Identifiers (ID and phone numbers) are encrypted at rest with a keyed hash beside each for exact
search and duplicate detection (lantian.crypto). Case records keep revisions and locks and are
never "published": their status moves only through protection.lifecycle."""

import mimetypes
import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import LockableMixin, Orderable, RevisionMixin

from lantian.clock import next_reference, not_in_future
from lantian.crypto import EncryptedCharField, keyed_hash, mask
from lantian.phones import phone_validator

from ..identity import cross_check, validate_id_number
from ..states import case_status_choices
from .intake import IntakeReport
from .organisation import Department, Township, Village
from .reference import ClassificationTag, TargetCategory


class ProtectedStorage(FileSystemStorage):
    """Files about minors live under PROTECTED_MEDIA_ROOT and have no URL at all: only the
    permission-checked views serve them, each through protected_file_response."""

    def url(self, name):
        raise ValueError("Files of minors have no public URL; use the protected view.")


def protected_storage():
    return ProtectedStorage(location=settings.PROTECTED_MEDIA_ROOT)


# Shown in the browser rather than saved: pictures a browser never runs as a page (no SVG).
_INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


def protected_file_response(file, user, *, inline=False, log_on=None, action="", data=None):
    """The one way a file of the protected store reaches a browser.

    `file` is the FieldFile of a record the caller has already found within the user's scope
    and permissions. A file missing on disk (or an empty field) answers 404, never 500. The
    answer is never cached (private, no-store), never sniffed into another type (nosniff), and
    names the file as it was uploaded in RFC 5987 form (a Chinese name survives every browser),
    with an ASCII fallback. Only pictures may be shown inline; anything else is a download.
    With `log_on` the serving goes to that record's audit log as `action` (with `data`), after
    the file is known to exist, so the log holds only what was actually handed out."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        # A file lost from the store: say "not found", and not which path it had.
        raise Http404 from error
    name = posixpath.basename(file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if inline and content_type in _INLINE_TYPES else "attachment"
    response["Content-Disposition"] = f"{disposition}; {_rfc5987_filename(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if log_on is not None:
        log(log_on, action, user=user, data=data)
    return response


def _rfc5987_filename(name):
    """`filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>` (RFC 6266 and
    RFC 5987): old clients read the first, every current browser the second."""
    stem, extension = posixpath.splitext(name)
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("_") or "file"
    ascii_extension = re.sub(r"[^A-Za-z0-9]+", "", extension)
    fallback = f"{ascii_stem}.{ascii_extension}" if ascii_extension else ascii_stem
    return f"filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def check_place(township, village):
    """A village outside the chosen township is an error on the village field."""
    if township and village and village.township_id != township.pk:
        raise ValidationError(
            {"village": _("This village does not belong to the chosen township.")}
        )


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Family(LockableMixin, RevisionMixin, ClusterableModel):
    """A problem family or a poor family (问题家庭 / 贫困家庭 archives of 六、村(居)委会)."""

    class LowIncome(models.TextChoices):
        NONE = "none", _("none")
        DIBAO = "dibao", _("low-income allowance (低保)")
        TEKUN = "tekun", _("extreme poverty support (特困)")

    name = models.CharField(
        _("family"), max_length=50, help_text=_("How staff refer to it, e.g. 示例·张家.")
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The township or street office where the family lives."),
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The village or residents' committee that keeps the archive."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Where the family lives.")
    )
    is_problem_family = models.BooleanField(
        _("problem family"),
        default=False,
        help_text=_("Guardianship is failing or harmful (五(四)): visits and interviews needed."),
    )
    is_poor_family = models.BooleanField(
        _("poor family"),
        default=False,
        help_text=_("Needs living support (五(五)): farming support, aid, training, jobs."),
    )
    members = models.TextField(
        _("members"),
        blank=True,
        help_text=_("Who lives in the household, one per line: relation, name, age, situation."),
    )
    income_situation = models.TextField(
        _("income situation"), blank=True, help_text=_("Sources and rough amount of income.")
    )
    low_income_status = models.CharField(
        _("low-income status"),
        max_length=10,
        choices=LowIncome.choices,
        default=LowIncome.NONE,
        help_text=_("Whether the family draws 低保 or 特困 support."),
    )
    risk_factors = models.TextField(
        _("risk factors"),
        blank=True,
        help_text=_("What endangers the children: violence, drugs, neglect, illness, debt …"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("township"), FieldPanel("village")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("is_problem_family"), FieldPanel("is_poor_family")]),
        FieldPanel("members"),
        MultiFieldPanel(
            [FieldPanel("income_situation"), FieldPanel("low_income_status")],
            heading=_("living situation"),
        ),
        FieldPanel("risk_factors"),
    ]

    scope_paths = {"township": "township", "village": "village"}

    class Meta:
        ordering = ["township__sort_order", "village__name", "name"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self):
        return self.name

    def clean(self):
        check_place(getattr(self, "township", None), getattr(self, "village", None))


class MinorQuerySet(models.QuerySet):
    def current(self):
        """The minors on record, without those merged into another by information comparison
        (信息比对): listings, choosers, counts and searches show only these. A merged record is
        kept, with its history, so that the merge can be undone; its survivor lists it."""
        return self.filter(merged_into__isnull=True)


class Minor(LockableMixin, RevisionMixin, ClusterableModel):
    """困境未成年人信息档案: one minor in difficulty."""

    name = models.CharField(_("name"), max_length=50, help_text=_("Full name as registered."))
    sex = models.CharField(
        _("sex"), max_length=10, choices=Sex.choices, help_text=_("Checked against the ID number.")
    )
    birth_date = models.DateField(
        _("birth date"), validators=[not_in_future], help_text=_("Checked against the ID number.")
    )
    id_number = EncryptedCharField(
        _("ID number"),
        blank=True,
        form_max_length=18,
        help_text=_("18 characters; encrypted at rest and shown masked. Blank if not known yet."),
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, default="汉族", help_text=_("e.g. 汉族, 回族.")
    )
    household_registration = models.CharField(
        _("household registration"),
        max_length=200,
        blank=True,
        help_text=_("Where the hukou (户籍) is registered."),
    )
    current_address = models.CharField(
        _("current address"), max_length=200, blank=True, help_text=_("Where the minor lives now.")
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The township or street office responsible (属地管理)."),
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The village or residents' committee that keeps the archive."),
    )
    school = models.CharField(
        _("school"), max_length=100, blank=True, help_text=_("Blank if not at school.")
    )
    grade = models.CharField(_("grade"), max_length=30, blank=True, help_text=_("e.g. 三年级."))
    health = models.TextField(
        _("health"), blank=True, help_text=_("Illnesses and treatment, in plain words.")
    )
    disability = models.CharField(
        _("disability"),
        max_length=100,
        blank=True,
        help_text=_("Kind and grade of disability, if any (残疾证)."),
    )
    categories = ParentalManyToManyField(
        TargetCategory,
        verbose_name=_("target categories"),
        blank=True,
        related_name="+",
        help_text=_("Which of the six categories (三、保护对象) apply."),
    )
    tags = ParentalManyToManyField(
        ClassificationTag,
        verbose_name=_("classification tags"),
        blank=True,
        related_name="+",
        help_text=_("The classes the city compares on (六、市民政局)."),
    )
    family = models.ForeignKey(
        Family,
        verbose_name=_("family"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minors",
        help_text=_("The family archive, where there is one."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Anything else staff need."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("sex"), FieldPanel("birth_date")]),
                FieldPanel("id_number"),
                FieldRowPanel([FieldPanel("ethnicity"), FieldPanel("household_registration")]),
            ],
            heading=_("identity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("township"), FieldPanel("village")]),
                FieldPanel("current_address"),
                FieldPanel("family"),
            ],
            heading=_("where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("school"), FieldPanel("grade")]),
                FieldPanel("health"),
                FieldPanel("disability"),
            ],
            heading=_("school and health"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldPanel("tags", widget=CheckboxSelectMultiple),
            ],
            heading=_("classification"),
        ),
        InlinePanel("guardians", label=_("guardian"), heading=_("guardians (监护人)")),
        InlinePanel("photos", label=_("photo"), heading=_("photos")),
        FieldPanel("notes"),
    ]

    # Set when information comparison (the comparison app) confirms this record and another as
    # the same child: this one is kept, with its history, for the merge to be undone.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )

    scope_paths = {"township": "township", "village": "village", "department": "cases__departments"}

    objects = MinorQuerySet.as_manager()

    class Meta:
        ordering = ["township__sort_order", "village__name", "name"]
        verbose_name = _("minor")
        verbose_name_plural = _("minors")
        permissions = [("view_identifiers", _("Can view full ID and phone numbers"))]

    def __str__(self):
        return self.name

    @admin_display(description=_("ID number"))
    def masked_id(self):
        return mask(self.id_number) or "-"

    @property
    def age(self):
        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def clean(self):
        errors = {}
        try:
            check_place(getattr(self, "township", None), getattr(self, "village", None))
        except ValidationError as error:
            errors.update(error.error_dict)
        if self.id_number:
            try:
                validate_id_number(self.id_number)
            except ValidationError as error:
                errors["id_number"] = error
            else:
                errors.update(cross_check(self.id_number, birth_date=self.birth_date, sex=self.sex))
                duplicate = Minor.objects.filter(id_number_hash=keyed_hash(self.id_number))
                if duplicate.exclude(pk=self.pk).exists():
                    errors["id_number"] = ValidationError(
                        _("A minor with this ID number is already on record."), code="duplicate"
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.id_number = (self.id_number or "").strip().upper()
        self.id_number_hash = keyed_hash(self.id_number)
        super().save(*args, **kwargs)


class Guardian(Orderable):
    """A guardian of the minor (监护人信息), with the situation that may leave guardianship
    missing (三(二): imprisoned, drugs, seriously ill or disabled)."""

    class Relation(models.TextChoices):
        FATHER = "father", _("father")
        MOTHER = "mother", _("mother")
        GRANDPARENT = "grandparent", _("grandparent")
        SIBLING = "sibling", _("adult sibling")
        RELATIVE = "relative", _("other relative")
        OTHER = "other", _("other")

    class Situation(models.TextChoices):
        PRESENT = "present", _("caring for the child")
        MIGRANT = "migrant", _("working away (外出务工)")
        IMPRISONED = "imprisoned", _("imprisoned (服刑)")
        DRUGS = "drugs", _("drug use (吸毒)")
        ILL = "ill", _("seriously ill (重病)")
        DISABLED = "disabled", _("seriously disabled (重残)")
        ABSENT = "absent", _("whereabouts unknown")
        DECEASED = "deceased", _("deceased")

    minor = ParentalKey(Minor, on_delete=models.CASCADE, related_name="guardians")
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, help_text=_("To the minor.")
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("The guardian's full name."))
    id_number = EncryptedCharField(
        _("ID number"),
        blank=True,
        form_max_length=18,
        help_text=_("Encrypted at rest, shown masked. Leave blank to keep the number on record."),
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(
        _("phone"),
        blank=True,
        form_max_length=30,
        validators=[phone_validator],
        help_text=_("Encrypted at rest, shown masked. Leave blank to keep the number on record."),
    )
    situation = models.CharField(
        _("situation"),
        max_length=20,
        choices=Situation.choices,
        default=Situation.PRESENT,
        help_text=_("Whether the guardian can care for the child, and if not, why."),
    )

    panels = [
        FieldRowPanel([FieldPanel("relation"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("id_number"), FieldPanel("phone")]),
        FieldPanel("situation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self):
        return f"{self.get_relation_display()} {self.name}"

    def clean(self):
        if self.id_number:
            try:
                validate_id_number(self.id_number)
            except ValidationError as error:
                raise ValidationError({"id_number": error}) from error

    def save(self, *args, **kwargs):
        self.id_number = (self.id_number or "").strip().upper()
        self.id_number_hash = keyed_hash(self.id_number)
        super().save(*args, **kwargs)


class MinorPhoto(Orderable):
    """A photo of the minor (图片信息, 六、市民政局): kept outside the public media root."""

    minor = ParentalKey(Minor, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        storage=protected_storage,
        upload_to="minors/%Y/%m/",
        help_text=_("JPEG or PNG; served only to staff who may see this minor."),
    )
    caption = models.CharField(
        _("caption"), max_length=100, blank=True, help_text=_("e.g. 2026年入档照片.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class Case(LockableMixin, RevisionMixin, ClusterableModel):
    """困境未成年人个案服务档案: the service record of one minor's case. Its status changes only
    through protection.lifecycle, which checks the named permission and writes the timeline."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("reported")
        VERIFIED = "verified", _("verified")
        ASSESSED = "assessed", _("assessed")
        IN_SERVICE = "in_service", _("in service")
        CLOSED = "closed", _("closed")

    class Source(models.TextChoices):
        HOTLINE = "hotline", _("hotline")
        VISIT = "visit", _("home visit")
        SCHOOL = "school", _("school")
        HOSPITAL = "hospital", _("hospital")
        POLICE = "police", _("police")
        PUBLIC_REPORT = "public_report", _("public report")
        DEPARTMENT_LIST = "department_list", _("department list")
        OTHER = "other", _("other")

    class RiskLevel(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")
        URGENT = "urgent", _("urgent: in danger now")

    class ResponseLevel(models.TextChoices):
        VILLAGE = "village", _("village (村(居)委会)")
        TOWNSHIP = "township", _("township (乡镇(街道))")
        CITY = "city", _("city (市)")

    reference = models.CharField(
        _("case number"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Given when the case is opened."),
    )
    minor = models.ForeignKey(
        Minor,
        verbose_name=_("minor"),
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("The minor this case serves."),
    )
    # The minor's place, copied by the database on every write (protection.places), so that
    # a township's listing filters and counts cases without joining every case to its minor.
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_on = models.DateField(
        _("opened on"),
        default=timezone.localdate,
        validators=[not_in_future],
        help_text=_("When the case was opened."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, help_text=_("How the case came to us.")
    )
    intake_report = models.ForeignKey(
        IntakeReport,
        verbose_name=_("public report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("The report in the intake queue this case came from, if any."),
    )
    categories = ParentalManyToManyField(
        TargetCategory,
        verbose_name=_("target categories"),
        related_name="+",
        help_text=_("One or more of the six categories (三、保护对象)."),
    )
    tags = ParentalManyToManyField(
        ClassificationTag,
        verbose_name=_("classification tags"),
        blank=True,
        related_name="+",
        help_text=_("The classes the city compares on (六、市民政局)."),
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=RiskLevel.choices,
        default=RiskLevel.MEDIUM,
        help_text=_("How much harm the child faces."),
    )
    response_level = models.CharField(
        _("response level"),
        max_length=10,
        choices=ResponseLevel.choices,
        default=ResponseLevel.VILLAGE,
        help_text=_("Who responds (五(三) three-level response)."),
    )
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff member in charge of the case."),
    )
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("units involved"),
        blank=True,
        related_name="+",
        help_text=_("Departments working on the case (五(七)); their liaisons can see it."),
    )
    joint_meeting_on = models.DateField(
        _("joint meeting held on"),
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("For category 6: the date of the joint meeting that decided (联席会议)."),
    )
    joint_meeting_reference = models.CharField(
        _("minute number"),
        max_length=50,
        blank=True,
        help_text=_("For category 6: the number of the meeting's minutes (会议纪要编号)."),
    )
    joint_meeting_decision = models.CharField(
        _("joint-meeting decision"),
        max_length=200,
        blank=True,
        help_text=_("For category 6: what the joint meeting decided, in its words."),
    )
    summary = models.TextField(
        _("situation"), help_text=_("What the child is facing, in a few sentences.")
    )
    status = models.CharField(
        _("status"),
        max_length=40,
        choices=case_status_choices,
        default=Status.REPORTED,
        editable=False,
        db_index=True,
    )
    closing_reason = models.TextField(
        _("closing reason"),
        blank=True,
        editable=False,
        help_text=_("Written when the case is closed."),
    )

    panels = [
        FieldPanel("minor"),
        FieldRowPanel([FieldPanel("opened_on"), FieldPanel("source")]),
        FieldPanel("intake_report"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldRowPanel(
                    [FieldPanel("joint_meeting_on"), FieldPanel("joint_meeting_reference")]
                ),
                FieldPanel("joint_meeting_decision"),
                FieldPanel("tags", widget=CheckboxSelectMultiple),
            ],
            heading=_("classification"),
        ),
        FieldRowPanel([FieldPanel("risk_level"), FieldPanel("response_level")]),
        FieldPanel("assigned_worker"),
        FieldPanel("departments", widget=CheckboxSelectMultiple),
    ]

    scope_paths = {"township": "township", "village": "village", "department": "departments"}

    class Meta:
        ordering = ["-opened_on", "-pk"]
        # The listing's order: page 1 reads 20 rows from an index instead of sorting them all,
        # city-wide or within one township or village.
        indexes = [
            models.Index(fields=["-opened_on", "-id"], name="case_listing_order"),
            models.Index(fields=["township", "-opened_on", "-id"], name="case_township_order"),
            models.Index(fields=["village", "-opened_on", "-id"], name="case_village_order"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("verify_case", _("Can verify a reported case")),
            ("assess_case", _("Can record a case as assessed")),
            ("start_service", _("Can start service on a case")),
            ("close_case", _("Can close a case")),
            ("reopen_case", _("Can reopen a closed case")),
        ]

    def __str__(self):
        return self.reference or str(_("new case"))

    @property
    def minor_id_number(self):
        return self.minor.id_number

    @admin_display(description=_("township"), ordering="township__sort_order")
    def township_name(self):
        return self.township.name if self.township_id else "-"

    @property
    def has_joint_meeting_decision(self):
        return bool(self.joint_meeting_on and self.joint_meeting_reference.strip())

    def check_joint_meeting_decision(self, categories=None, status=None):
        """Raise ValidationError if the case would serve (status) in a category that needs the
        joint meeting's decision (三(六) 经联席会议研究确定) without one on record. A case may be
        proposed for such a category at any time: the decision is needed before service."""
        status = self.status if status is None else status
        if status not in SERVING_STATUSES or self.has_joint_meeting_decision:
            return
        categories = self.categories.all() if categories is None else categories
        needing = [str(c) for c in categories if c.needs_joint_meeting_decision]
        if needing:
            raise ValidationError(
                _(
                    "Service cannot start in %(categories)s without the joint meeting's "
                    "decision (经联席会议研究确定): record the meeting's date and minute number "
                    "on the case first."
                )
                % {"categories": "、".join(needing)},
                code="joint_meeting_decision",
            )

    def save(self, *args, **kwargs):
        # Every write path (form, lifecycle, other apps) goes through here: the one guard.
        self.check_joint_meeting_decision()
        if not self.reference:
            self.reference = next_reference(Case.objects, f"GA-{self.opened_on:%Y}-")
        if self.minor_id:  # the database copies them too; this keeps the instance in step
            self.township_id, self.village_id = (
                Minor.objects.filter(pk=self.minor_id)
                .values_list("township_id", "village_id")
                .get()
            )
        super().save(*args, **kwargs)


# The states in which a case is being served: none of them without a decision a category needs.
SERVING_STATUSES = frozenset({Case.Status.IN_SERVICE})


class CaseNote(models.Model):
    """One entry of a case's timeline: a note, or a status change with who, when, from, to and
    why. Entries are only ever added."""

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        TRANSITION = "transition", _("status change")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    text = models.TextField(_("note"), help_text=_("What happened, what was done, what is next."))
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40, blank=True)

    scope_paths = {level: f"case__{path}" for level, path in Case.scope_paths.items()}

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return self.text[:40]
