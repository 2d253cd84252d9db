"""The small block set that standard pages are built from (rich text, heading, image, call to
action, hotline card, questions and answers)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(label=_("level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("heading")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("text"), max_length=200, help_text=_("One sentence of invitation.")
    )
    label = blocks.CharBlock(label=_("button label"), max_length=40)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(
        label=_("or address"), required=False, help_text=_("Used when no page is chosen.")
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("call to action")


class HotlineCardBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=60, help_text=_("e.g. 城关乡指导站热线."))
    number = blocks.RegexBlock(
        label=_("number"),
        regex=r"^[0-9+\-() ]{3,30}$",
        error_messages={"invalid": _("Enter a telephone number: digits, spaces and hyphens only.")},
    )
    note = blocks.CharBlock(
        label=_("note"), max_length=120, required=False, help_text=_("e.g. 24 小时值守.")
    )

    class Meta:
        icon = "mail"
        template = "blocks/hotline_card.html"
        label = _("hotline card")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "blocks/question_answer.html"
        label = _("question and answer")


class PublicListingBlock(blocks.StructBlock):
    """A short list editors place on a page: the latest news articles (optionally of one tag,
    e.g. a campaign's) or the next public training sessions. Its sources are fixed to what the
    public site already shows (live, public pages; sessions marked public), so a listing can
    never bring a registry record onto a page."""

    SOURCES = [
        ("news", _("latest news articles")),
        ("training", _("next public training sessions")),
    ]

    heading = blocks.CharBlock(
        label=_("heading"), max_length=120, required=False, help_text=_("e.g. 近期培训.")
    )
    source = blocks.ChoiceBlock(label=_("what to list"), choices=SOURCES, default="news")
    tag = blocks.CharBlock(
        label=_("tag"),
        max_length=100,
        required=False,
        help_text=_("News: only articles with this tag (e.g. a campaign's). Training: topic."),
    )
    count = blocks.IntegerBlock(
        label=_("how many"), min_value=1, max_value=20, default=5, help_text=_("1 to 20.")
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/public_listing.html"
        label = _("listing of news or trainings")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = listing_items(value["source"], value["tag"], value["count"])
        return context


def listing_items(source, tag, count):
    """[(title, url, date or time)] for the listing block, public items only."""
    from django.apps import apps
    from django.utils import timezone

    count = max(1, min(int(count or 5), 20))
    tag = (tag or "").strip()
    if source == "training":
        try:
            session_model = apps.get_model("training.TrainingSession")
            calendar_model = apps.get_model("training.TrainingCalendarPage")
        except LookupError:
            return []
        calendar = calendar_model.objects.live().public().first()
        if calendar is None:
            return []
        sessions = session_model.objects.filter(is_public=True, start__gte=timezone.now())
        sessions = sessions.exclude(status="cancelled")
        if tag:
            sessions = sessions.filter(topics__name=tag).distinct()
        return [
            (s.title, calendar.suburl("session", s.pk), timezone.localtime(s.start))
            for s in sessions.order_by("start", "pk")[:count]
        ]
    from .models import NewsArticlePage

    articles = NewsArticlePage.objects.live().public()
    if tag:
        articles = articles.filter(tags__name=tag)
    return [(a.title, a.url, a.date) for a in articles.order_by("-date", "-pk")[:count]]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("rich text"), features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    image = ImageBlock(label=_("image"))
    call_to_action = CallToActionBlock()
    hotline = HotlineCardBlock()
    questions = blocks.ListBlock(
        QuestionAnswerBlock(), label=_("questions and answers"), icon="help"
    )
    listing = PublicListingBlock()
