"""The training admin: one menu group (培训) with the sessions, the calendar, registrations,
figures, materials and the lists they are organised by."""

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from lowcode.viewsets import CustomFieldsMixin

from .forms import TrainingSessionForm
from .models import (
    Material,
    Registration,
    TargetGroup,
    Topic,
    Trainer,
    TrainingSeries,
    TrainingSession,
    Venue,
)
from .views import admin as views


class SessionCreateView(CreateView):
    """Creating a session with "repeats" set creates the whole series in the same transaction."""

    def save_instance(self):
        session = super().save_instance()
        later = self.form.series_times()
        if later:
            series = TrainingSeries.objects.create(
                title=session.title, frequency=self.form.cleaned_data["repeat"]
            )
            session.series = series
            session.save(update_fields=["series"])
            for start, end in later:
                occurrence = session.occurrence(start, end)
                occurrence.save()
                log(occurrence, "wagtail.create", user=self.request.user)
        return session

    def get_success_message(self, instance):
        count = len(self.form.series_times())
        if count:
            return _("Series “%(title)s” created: %(count)d sessions.") % {
                "title": instance.title,
                "count": count + 1,
            }
        return super().get_success_message(instance)


class SessionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Check-in"),
                url=reverse("training_checkin", args=[instance.pk]),
                icon_name="calendar-check",
                priority=5,
            ),
            *super().get_list_more_buttons(instance),
        ]


class SessionViewSet(CustomFieldsMixin, SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("sessions")
    url_prefix = "training/sessions"
    url_namespace = "training_sessions"
    edit_handler = ObjectList(TrainingSession.panels, base_form_class=TrainingSessionForm)
    add_view_class = SessionCreateView
    index_view_class = SessionIndexView
    list_display = [
        "title",
        "start",
        "township",
        "organiser",
        "status",
        BooleanColumn("is_public", label=_("public")),
        Column("registered", label=_("registered")),
    ]
    list_filter = ["status", "is_public", "organiser", "township", "topics", "trainers"]
    search_fields = ["title", "summary"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-start"]
    inspect_view_enabled = True
    list_export = ["title", "start", "end", "organiser", "township", "status", "capacity"]

    def get_queryset(self, request):
        return TrainingSession.objects.select_related("township", "organiser").annotate(
            registered=Count("registrations")
        )


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "user"
    menu_label = _("registrations")
    url_prefix = "training/registrations"
    url_namespace = "training_registrations"
    list_display = ["name", "session", "township", "organisation", "source", "checked_in_at"]
    list_filter = ["source", "township", "session__organiser"]
    search_fields = ["name", "phone", "organisation"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_enabled = True
    list_export = ["name", "phone", "session", "township", "organisation", "checked_in_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("session", "township")


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("trainers")
    url_prefix = "training/trainers"
    url_namespace = "training_trainers"
    list_display = ["name", "department", "post", "is_active"]
    list_filter = ["department", "topics", "is_active"]
    search_fields = ["name", "post"]
    search_backend_name = None
    ordering = ["name"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Trainer.objects.select_related("department")


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = _("venues")
    url_prefix = "training/venues"
    url_namespace = "training_venues"
    list_display = ["name", "township", "village", "capacity", "address"]
    list_filter = ["township"]
    search_fields = ["name", "address"]
    search_backend_name = None
    ordering = ["township__sort_order", "name"]

    def get_queryset(self, request):
        return Venue.objects.select_related("township", "village")


class MaterialViewSet(SnippetViewSet):
    model = Material
    icon = "doc-full"
    menu_label = _("materials")
    url_prefix = "training/materials"
    url_namespace = "training_materials"
    list_display = [
        "title",
        "kind",
        BooleanColumn("is_public", label=_("public")),
        "download_count",
        "created_at",
    ]
    list_filter = ["kind", "topics", "target_groups", "is_public"]
    search_fields = ["title", "description"]
    search_backend_name = None
    ordering = ["-created_at"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("topics")
    url_prefix = "training/topics"
    url_namespace = "training_topics"
    list_display = ["name", "description", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("target groups")
    url_prefix = "training/target-groups"
    url_namespace = "training_target_groups"
    list_display = ["name", "description", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class PermittedMenuItem(MenuItem):
    permission = views.VIEW

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class PageViewSet(ViewSet):
    """A single admin page of the group (calendar, figures) with its menu entry."""

    view_class = None

    @property
    def menu_item_class(self):
        return PermittedMenuItem

    def get_urlpatterns(self):
        return [path("", self.view_class.as_view(), name="index")]


class CalendarViewSet(PageViewSet):
    name = "training_calendar"
    url_prefix = "training/calendar"
    icon = "calendar"
    menu_label = _("calendar")
    view_class = views.CalendarView


class FiguresViewSet(PageViewSet):
    name = "training_figures"
    url_prefix = "training/figures"
    icon = "table"
    menu_label = _("figures")
    view_class = views.FiguresView


class TrainingGroup(SnippetViewSetGroup):
    menu_label = _("training")
    menu_icon = "date"
    menu_order = 230
    items = (
        SessionViewSet,
        CalendarViewSet,
        RegistrationViewSet,
        FiguresViewSet,
        TrainerViewSet,
        VenueViewSet,
        MaterialViewSet,
        TopicViewSet,
        TargetGroupViewSet,
    )


@hooks.register("register_admin_viewset")
def register_training():
    return TrainingGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    return [
        path(
            "training/sessions/checkin/<int:pk>/",
            views.CheckInView.as_view(),
            name="training_checkin",
        ),
        path(
            "training/sessions/attendance/<int:pk>.xlsx",
            views.attendance_export,
            name="training_attendance_export",
        ),
        path(
            "training/registrations/certificate/<int:pk>/",
            views.CertificateView.as_view(),
            name="training_certificate",
        ),
    ]


@hooks.register("register_log_actions")
def register_training_log_actions(actions):
    actions.register_action("training.check_in", _("Check in"), _("Checked in"))
    actions.register_action("training.undo_check_in", _("Undo check-in"), _("Check-in undone"))
    actions.register_action(
        "training.import_attendance", _("Import attendance"), _("Attendance imported")
    )
    actions.register_action(
        "training.export_attendance", _("Export attendance"), _("Attendance exported")
    )
    actions.register_action(
        "training.certificate", _("Print certificate"), _("Certificate printed")
    )
