"""The organisation of the programme (seed 四 and 五(一)): the townships and street offices with
their guidance stations, the departments and their duties (六、职责分工), and the leading group.

These are reference data kept as records in the admin: a township's hotline or a department's
duties change by editing, never by a release."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from lantian.phones import phone_validator, tel_href


class Township(RevisionMixin, index.Indexed, models.Model):
    """A township (乡/镇) or street office (街道), with its guidance station (指导站) and the
    station's hotline based on 110 (五(二))."""

    class Kind(models.TextChoices):
        STREET = "street", _("street office (街道)")
        TOWN = "town", _("town (镇)")
        TOWNSHIP = "township", _("township (乡)")
        ETHNIC = "ethnic", _("ethnic township (民族乡)")
        ADMIN_COMMITTEE = "committee", _("administrative committee (管委会)")

    name = models.CharField(
        _("name"), max_length=50, unique=True, help_text=_("As in the seed, e.g. 索河街道.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOWN)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in public directories and lists.")
    )
    station_name = models.CharField(
        _("guidance station"),
        max_length=100,
        blank=True,
        help_text=_(
            "The township's guidance station (指导站), headed by the civil-affairs office head."
        ),
    )
    hotline = models.CharField(
        _("hotline"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_(
            "The station's protection hotline, shown on the public site as a tap-to-call link."
        ),
    )
    station_address = models.CharField(
        _("station address"),
        max_length=200,
        blank=True,
        help_text=_("Where the public can find the station."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("station_name"), FieldPanel("hotline"), FieldPanel("station_address")],
            heading=_("guidance station"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="township")

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("township or street office")
        verbose_name_plural = _("townships and street offices")

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def tel_href(self):
        return tel_href(self.hotline)


class Village(RevisionMixin, index.Indexed, models.Model):
    """A village or residents' committee (村(居)委会) of a township. Each has one supervisor
    (督导员, 五(一)) who keeps its five archives; a village supervisor's scope is its villages."""

    name = models.CharField(_("name"), max_length=50, help_text=_("e.g. 槐西村 or 桃李社区居委会."))
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="villages",
        help_text=_("The township or street office the committee belongs to."),
    )
    supervisor_name = models.CharField(
        _("supervisor"),
        max_length=50,
        blank=True,
        help_text=_("The committee's supervisor (督导员) for minors in difficulty."),
    )
    supervisor_phone = models.CharField(
        _("supervisor's phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("A number the township station can reach the supervisor on."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("township"),
        MultiFieldPanel(
            [FieldPanel("supervisor_name"), FieldPanel("supervisor_phone")],
            heading=_("supervisor (督导员)"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="village")

    class Meta:
        ordering = ["township__sort_order", "name"]
        verbose_name = _("village or residents' committee")
        verbose_name_plural = _("villages and residents' committees")
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="unique_village_per_township")
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class Department(RevisionMixin, ClusterableModel):
    """A responsible unit of 六、职责分工: a city department (市公安局, 市教体局 …), or the duties
    that every township (各乡镇(街道)) or every village committee (村(居)委会) carries."""

    class Level(models.TextChoices):
        CITY = "city", _("city department")
        TOWNSHIP = "township", _("every township and street office")
        VILLAGE = "village", _("every village and residents' committee")

    name = models.CharField(_("name"), max_length=50, unique=True, help_text=_("e.g. 市公安局."))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CITY)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists.")
    )
    is_lead_office = models.BooleanField(
        _("leading-group office"),
        default=False,
        help_text=_("The unit that hosts the leading group's office (the civil affairs bureau)."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("sort_order"),
        FieldPanel("is_lead_office"),
        InlinePanel("duties", label=_("duties"), heading=_("duties (六、职责分工)")),
    ]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="department")

    class Meta:
        ordering = ["level", "sort_order", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class DepartmentDuty(Orderable):
    """One duty of a unit, as the seed words it; referrals and quarterly reports point here."""

    department = ParentalKey(Department, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(_("duty"), help_text=_("One duty, in the seed's words."))

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.text[:40]


class LeadingGroupMember(RevisionMixin, models.Model):
    """A seat on the city leading group (领导小组, seed 四)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("leader (组长)")
        DEPUTY = "deputy", _("deputy leader (副组长)")
        MEMBER = "member", _("member (成员)")

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    person_name = models.CharField(
        _("name"), max_length=50, help_text=_("The person holding the seat.")
    )
    post = models.CharField(
        _("post"), max_length=100, help_text=_("Unit and post, as in the seed.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The department this seat represents, where it is one."),
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The township this seat represents, where it is one."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the list.")
    )

    panels = [
        FieldPanel("role"),
        FieldPanel("person_name"),
        FieldPanel("post"),
        FieldPanel("department"),
        FieldPanel("township"),
        FieldPanel("sort_order"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="leading_group_member")

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("leading group member")
        verbose_name_plural = _("leading group")

    def __str__(self):
        return f"{self.get_role_display()} {self.person_name}"

    @property
    def revisions(self):
        return self._revisions
