"""News and publicity (五(八), 六 市委宣传部) and policy documents, the seed itself first."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock
from .pages import PublicPage, stream_text

PAGE_SIZE = 10


class NewsCategory(models.Model):
    """A column of the news section (工作动态, 宣传活动, 媒体报道 …), kept as a snippet so that
    the publicity department adds columns without a developer."""

    name = models.CharField(_("name"), max_length=40, unique=True, help_text=_("e.g. 工作动态."))
    slug = models.SlugField(
        _("slug"), max_length=40, unique=True, allow_unicode=True, help_text=_("Used in the URL.")
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class NewsIndexPage(PublicPage):
    """The news section: articles newest first, filterable by category and tag."""

    intro = models.CharField(
        _("introduction"), max_length=200, blank=True, help_text=_("One line under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content.NewsArticlePage", "content.PolicyIndexPage"]
    template = "content/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def search_texts(self):
        return [*super().search_texts(), self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            NewsArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("category", "lead_image")
            .order_by("-date", "-pk")
        )
        category = NewsCategory.objects.filter(slug=request.GET.get("category", "")).first()
        tag = request.GET.get("tag", "").strip()[:100]
        if category:
            articles = articles.filter(category=category)
        if tag:
            articles = articles.filter(tags__name=tag)
        context.update(
            articles=Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page")),
            categories=NewsCategory.objects.all(),
            chosen_category=category,
            chosen_tag=tag,
            policy_index=PolicyIndexPage.objects.child_of(self).live().public().first(),
        )
        return context


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsArticlePage(PublicPage):
    """A news article or publicity piece."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date shown on the article.")
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The column the article appears in."),
    )
    tags = ClusterTaggableManager(
        through=NewsArticleTag, blank=True, verbose_name=_("tags"), help_text=_("e.g. 防拐, 家暴.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        help_text=_("Shown in the news list, in search results and when the page is shared."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the article and in the list. Never a photo of a minor."),
    )
    lead_image_alt = models.CharField(
        _("lead image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The article."))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("lead image")
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [*PublicPage.search_fields, index.FilterField("date")]
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types = []
    template = "content/news_article_page.html"

    class Meta:
        verbose_name = _("news article")

    def search_texts(self):
        tags = " ".join(tag.name for tag in self.tags.all())
        return [*super().search_texts(), self.summary, stream_text(self.body), tags]

    @property
    def sharing_image(self):
        return self.social_image or self.lead_image


class PolicyIndexPage(PublicPage):
    """Policy documents (政策文件), newest first."""

    intro = models.CharField(
        _("introduction"), max_length=200, blank=True, help_text=_("One line under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content.PolicyDocumentPage"]
    template = "content/policy_index_page.html"

    class Meta:
        verbose_name = _("policy index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = PolicyDocumentPage.objects.live().public().child_of(self).order_by("-issued_on")
        context["documents"] = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class PolicyDocumentPage(PublicPage):
    """A policy document as government sites publish it: the register data (索引号, 发文机关,
    文号, 成文日期, 发布日期) above the full text, and its attachments."""

    index_number = models.CharField(
        _("index number"),
        max_length=50,
        blank=True,
        help_text=_("索引号, e.g. 397863874/2015-00211."),
    )
    issuing_unit = models.CharField(
        _("issuing unit"), max_length=100, help_text=_("发文机关, e.g. 荥阳市人民政府.")
    )
    document_number = models.CharField(
        _("document number"), max_length=50, help_text=_("文号, e.g. 荥政办〔2015〕53号.")
    )
    genre = models.CharField(
        _("genre"), max_length=20, blank=True, default="通知", help_text=_("文种, e.g. 通知.")
    )
    issued_on = models.DateField(_("date written"), help_text=_("成文日期."))
    published_on = models.DateField(
        _("date published"), null=True, blank=True, help_text=_("发布日期.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the list and in search results."),
    )
    body = RichTextField(
        _("full text"),
        features=["h2", "h3", "bold", "ol", "ul", "link", "document-link"],
        help_text=_("The document's full text."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("index_number")]),
                FieldRowPanel([FieldPanel("issuing_unit"), FieldPanel("genre")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("published_on")]),
            ],
            heading=_("document register"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("attachments"), label=_("attachment")),
    ]
    search_fields = [
        *PublicPage.search_fields,
        index.SearchField("document_number", boost=2),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["content.PolicyIndexPage"]
    subpage_types = []
    template = "content/policy_document_page.html"

    class Meta:
        verbose_name = _("policy document")

    def search_texts(self):
        return [*super().search_texts(), self.document_number, self.summary, self.body]


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A file to download: the signed original, a form, an appendix."),
    )
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("Leave empty to use the file's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title
