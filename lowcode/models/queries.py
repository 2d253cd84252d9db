"""Saved queries (like Plone's collections): a registry listing's search, filters and columns
under a name, private or shared with a group, pinned to the dashboard with its count, or sent
as a weekly e-mail. The query is re-run for each viewer, inside the viewer's own scope."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SavedQuery(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("e.g. 我的逾期走访 (my overdue visits).")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.CASCADE,
        related_name="lowcode_queries",
    )
    listing = models.CharField(
        _("listing"), max_length=100, help_text=_("The registry listing the query runs on.")
    )
    query = models.TextField(
        _("search and filters"), blank=True, help_text=_("The listing's address parameters.")
    )
    shared_with = models.ForeignKey(
        Group,
        verbose_name=_("shared with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A group whose members may use it too; private if blank."),
    )
    pinned_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on the dashboard of"),
        blank=True,
        related_name="lowcode_pinned_queries",
    )
    subscribers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("weekly e-mail to"),
        blank=True,
        related_name="lowcode_subscribed_queries",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved query")
        verbose_name_plural = _("saved queries")

    def __str__(self):
        return self.name

    @classmethod
    def usable_by(cls, user):
        """The queries a user may run: their own and those shared with one of their groups."""
        return cls.objects.filter(Q(owner=user) | Q(shared_with__in=user.groups.all())).distinct()
