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
