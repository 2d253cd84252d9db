"""The review queue's screens: the listing of pairs (Wagtail's generic index view, scoped), the
review of one pair side by side with the decisions, the on-demand comparison run, and the
comparison of a department's list (``lists.py``).

Every pair is fetched through ``CandidatePair.objects.for_user``: a pair the user may not see
answers 404 on every screen, as a registry record does."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from lantian.crypto import mask
from lantian.imports.reading import SheetError
from lantian.imports.views import UploadForm
from protection.matching import FIELD_LABELS, name_agreement
from protection.models import Minor
from protection.resources import MinorResource

from . import lists, merging
from .models import CandidatePair, ListComparison


class QueueIndexView(IndexView):
    """The listing links each pair to its review, and offers a comparison run to reviewers."""

    def get_base_queryset(self):
        return CandidatePair.objects.for_user(self.request.user).select_related(
            "minor__village", "other__village"
        )

    def get_edit_url(self, instance):
        return reverse("comparison_queue:review", args=[instance.pk])

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "decide"):
            buttons.append(
                Button(
                    _("Compare the registry now"),
                    url=reverse("comparison_queue:run"),
                    icon_name="resubmit",
                    priority=10,
                )
            )
        minors = ModelPermissionPolicy(Minor)
        if minors.user_has_permission(self.request.user, "add") and minors.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                Button(
                    _("Compare a department's list"),
                    url=reverse("comparison_queue:compare_list"),
                    icon_name="upload",
                    priority=20,
                )
            )
        return buttons


class QueueView(WagtailAdminTemplateMixin, View):
    viewset = None
    header_icon = "resubmit"

    def policy(self):
        return self.viewset.permission_policy

    def require(self, action):
        if not self.policy().user_has_permission(self.request.user, action):
            raise PermissionDenied

    def get_pair(self, pk):
        pair = (
            CandidatePair.objects.for_user(self.request.user)
            .select_related("minor", "other", "decided_by")
            .filter(pk=pk)
            .first()
        )
        if pair is None:
            raise Http404
        return pair

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("comparison_queue:index"), "label": self.viewset.menu_label},
            {"url": "", "label": self.get_page_title()},
        ]


def _facts(minor):
    """What the reviewer compares, one line per field, the ID number masked."""
    guardians = "、".join(str(g) for g in minor.guardians.all()) or "—"
    return [
        ("name", minor.name),
        ("sex", minor.get_sex_display()),
        ("birth_date", minor.birth_date),
        ("id_number", mask(minor.id_number) or "—"),
        ("township", minor.township.name),
        ("village", minor.village.name),
        ("guardian", guardians),
        ("family", str(minor.family) if minor.family_id else "—"),
        ("cases", ", ".join(c.reference for c in minor.cases.all()) or "—"),
    ]


class ReviewView(QueueView):
    """Both records side by side, what agrees and what differs, and the decisions."""

    def get_page_title(self):
        return _("Review a possible duplicate")

    def get(self, request, pk):
        self.require("view")
        pair = self.get_pair(pk)
        return self.page(pair)

    def page(self, pair):
        user = self.request.user
        labels = dict(FIELD_LABELS) | {
            "family": _("family"),
            "cases": _("cases"),
        }
        records = Minor.objects.select_related("township", "village", "family")
        left = _facts(records.get(pk=pair.minor_id))
        right = _facts(records.get(pk=pair.other_id))
        rows = [
            {
                "label": labels.get(key, key),
                "left": a,
                "right": b,
                "agreement": self.agreement(pair, key),
                "exact": key in pair.agree,
                "differs": key in pair.differ,
            }
            for (key, a), (_key, b) in zip(left, right, strict=True)
        ]
        context = self.get_context_data()
        context.update(
            pair=pair,
            rows=rows,
            merge=pair.last_merge() if pair.status == CandidatePair.Status.MERGED else None,
            may_decide=self.policy().user_has_permission(user, "decide"),
            index_url=reverse("comparison_queue:index"),
        )
        return TemplateResponse(self.request, "comparison/review.html", context)

    @staticmethod
    def agreement(pair, key):
        """The word in the comparison column: for the name, how it agrees (the characters, a
        variant form, or only the sound); for the other fields, whether they agree."""
        if key == "name":
            return name_agreement(pair.agree)
        return _("agrees") if key in pair.agree else None

    def post(self, request, pk):
        self.require("decide")
        pair = self.get_pair(pk)
        action = request.POST.get("action")
        try:
            if action in ("keep_first", "keep_second"):
                survivor = pair.minor if action == "keep_first" else pair.other
                merging.merge(pair, survivor, request.user)
                messages.success(
                    request,
                    _("Merged: %(survivor)s keeps both records' cases, guardians and history.")
                    % {"survivor": survivor.name},
                )
            elif action == "different":
                merging.mark_different(pair, request.user)
                messages.success(request, _("Marked as two different children."))
            elif action == "undo":
                record = pair.last_merge()
                if record is None:
                    raise merging.MergeRefused(_("This pair has no merge to undo."))
                merging.undo(record, request.user)
                messages.success(request, _("The merge was undone; both records are as before."))
            elif action == "reopen":
                merging.reopen(pair, request.user)
                messages.success(request, _("The pair is back in the queue."))
            else:
                raise merging.MergeRefused(_("Choose a decision."))
        except merging.MergeRefused as refusal:
            messages.error(request, str(refusal))
        return redirect("comparison_queue:review", pair.pk)


class RunView(QueueView):
    """Compare the registered children the user may see with each other, in the background
    (django-tasks) so that a large registry does not hold the request."""

    def get_page_title(self):
        return _("Compare the registry now")

    def get(self, request):
        self.require("decide")
        context = self.get_context_data()
        context["index_url"] = reverse("comparison_queue:index")
        return TemplateResponse(request, "comparison/run.html", context)

    def post(self, request):
        self.require("decide")
        from .tasks import run_comparison

        run_comparison.enqueue(request.user.pk)
        messages.success(
            request,
            _(
                "The comparison runs in the background; new possible duplicates appear in this "
                "queue as it finds them."
            ),
        )
        return redirect("comparison_queue:index")


class ListView(QueueView):
    """Compare a department's list with the registry without importing it (信息比对): a small
    list is answered at once as a download, a large one in the background with its progress.
    Open to those who may import minors, as the comparison screen of the minor listing is."""

    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        minors = ModelPermissionPolicy(Minor)
        if not (
            minors.user_has_permission(request.user, "add")
            and minors.user_has_permission(request.user, "change")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Compare a department's list")

    def get_comparison(self, pk):
        """Only the uploader sees a list's progress and answer: it names children."""
        comparison = ListComparison.objects.filter(pk=pk, user=self.request.user).first()
        if comparison is None:
            raise Http404
        return comparison


class CompareListView(ListView):
    def get(self, request):
        ListComparison.purge_expired()
        return self.page(UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        if lists.in_background(upload):
            comparison = lists.start(request.user, upload)
            return redirect("comparison_queue:list", comparison.pk)
        try:
            content, row_count = lists.answer(request.user, upload.read(), upload.name)
        except SheetError as error:
            form.add_error("file", str(error))
            return self.page(form)
        return lists.download(request.user, upload.name, content, row_count)

    def page(self, form):
        context = self.get_context_data()
        context.update(
            form=form,
            headings=MinorResource(user=self.request.user).headings(),
            recent=ListComparison.objects.filter(user=self.request.user)[:10],
            index_url=reverse("comparison_queue:index"),
        )
        return TemplateResponse(self.request, "comparison/list_upload.html", context)


class ListProgressView(ListView):
    def get(self, request, pk):
        comparison = self.get_comparison(pk)
        context = self.get_context_data()
        context.update(
            comparison=comparison,
            compare_url=reverse("comparison_queue:compare_list"),
        )
        return TemplateResponse(request, "comparison/list_progress.html", context)


class ListDownloadView(ListView):
    def get(self, request, pk):
        comparison = self.get_comparison(pk)
        if comparison.status != ListComparison.Status.DONE or comparison.result is None:
            raise Http404
        return lists.download(
            request.user, comparison.file_name, comparison.answer, comparison.total_rows
        )
