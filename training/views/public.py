"""The public training pages, routed by TrainingCalendarPage. They show public sessions and
public materials only, and never any registrant's data: the sign-up answers with a receipt."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from protection.models import Township

from ..forms import RegistrationForm
from ..ical import build_calendar, ics_response
from ..models import Material, Registration, TargetGroup, Topic, TrainingSession
from ..registration import RegistrationRefused, register


def fresh(response, max_age=0):
    """Seats, cancellations and registration windows change at any moment: these responses
    carry their own Cache-Control, which also keeps them out of the site's anonymous page
    cache (purged only on publishing, not on a sign-up)."""
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def public_sessions():
    return (
        TrainingSession.objects.filter(is_public=True)
        .select_related("venue", "township", "organiser")
        .prefetch_related("topics")
        .annotate(registered=Count("registrations"))
    )


def _selected(request, name, model):
    value = request.GET.get(name, "")
    return model.objects.filter(pk=value).first() if value.isdigit() else None


def calendar(request, page):
    topic = _selected(request, "topic", Topic)
    township = _selected(request, "township", Township)
    sessions = public_sessions().filter(end__gte=timezone.now())
    if topic:
        sessions = sessions.filter(topics=topic)
    if township:
        sessions = sessions.filter(township=township)
    paginator = Paginator(sessions.order_by("start"), 20)
    response = TemplateResponse(
        request,
        "training/calendar_page.html",
        {
            "page": page,
            "self": page,
            "page_url": page.url,  # resolved once, not once per card
            "sessions": paginator.get_page(request.GET.get("p")),
            "topics": Topic.objects.all(),
            "townships": Township.objects.all(),
            "topic": topic,
            "township": township,
            "ics_url": page.suburl("calendar_ics"),
            "materials_url": page.suburl("materials"),
        },
    )
    return fresh(response)


def session_detail(request, page, pk):
    session = get_object_or_404(public_sessions(), pk=pk)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # a bot filled the hidden field: say nothing, keep nothing
            return redirect(page.suburl("session", pk) + "?registered=1")
        try:
            register(
                session.pk,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                township=data["township"],
                organisation=data["organisation"],
                source=Registration.Source.PUBLIC,
            )
        except RegistrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("You are registered. See you at the session."))
            return HttpResponseRedirect(page.suburl("session", pk) + "?registered=1")
    response = TemplateResponse(
        request,
        "training/session_page.html",
        {
            "page": page,
            "self": page,
            "page_url": page.url,  # resolved once, not once per card
            "session": session,
            "form": form,
            "state": session.registration_state(),
            "seats_left": session.seats_left,
            "registered": request.GET.get("registered") == "1",
            "ics_url": page.suburl("session_ics", pk),
            "calendar_url": page.url,
            "materials": session.materials.filter(is_public=True),
            "page_title": session.title,
        },
    )
    return fresh(response)


def session_ics(request, page, pk):
    session = get_object_or_404(public_sessions(), pk=pk)
    calendar = build_calendar([session], request, page, session.title)
    # Calendar applications poll; five minutes old is fresh enough for them.
    return fresh(ics_response(calendar, f"training-{pk}.ics"), max_age=300)


def calendar_ics(request, page):
    since = timezone.now() - timezone.timedelta(days=90)
    sessions = public_sessions().filter(end__gte=since).order_by("start")
    calendar = build_calendar(sessions, request, page, page.title)
    return fresh(ics_response(calendar, "training.ics"), max_age=300)


def materials(request, page):
    topic = _selected(request, "topic", Topic)
    group = _selected(request, "group", TargetGroup)
    query = request.GET.get("q", "").strip()[:50]
    found = Material.objects.public().search(query).select_related("document")
    if topic:
        found = found.filter(topics=topic)
    if group:
        found = found.filter(target_groups=group)
    paginator = Paginator(found.prefetch_related("topics").distinct(), 20)
    return TemplateResponse(
        request,
        "training/materials_page.html",
        {
            "page": page,
            "self": page,
            "page_url": page.url,  # resolved once, not once per card
            "materials": paginator.get_page(request.GET.get("p")),
            "topics": Topic.objects.all(),
            "groups": TargetGroup.objects.all(),
            "topic": topic,
            "group": group,
            "query": query,
            "calendar_url": page.url,
            "page_title": _("Training materials"),
        },
    )


def material_download(request, page, pk):
    material = get_object_or_404(Material.objects.public(), pk=pk)
    if not material.file_url:
        raise Http404
    Material.objects.filter(pk=pk).update(download_count=F("download_count") + 1)
    return HttpResponseRedirect(material.file_url)
