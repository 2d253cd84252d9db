"""Demo content: the home page and the public sections in Chinese (hotline, service directory,
news with the seed as the first policy document, volunteers), the hotline and footer settings,
the publicity department's groups and workflow, and a publicity campaign. Idempotent: pages are
found by slug, snippets by name, settings only filled where empty."""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from protection.demo import DEMO_CITY_HOTLINE
from protection.models import Department, Township

from . import policy_text
from .models import (
    CampaignPlacement,
    HeaderLink,
    HomePage,
    HomeSectionLink,
    HotlinePage,
    HotlineSettings,
    NavigationSettings,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    PolicyDocumentPage,
    PolicyIndexPage,
    PublicityCampaign,
    ServiceDirectoryPage,
    ServicePoint,
    StandardPage,
    VolunteerApplicationPage,
    VolunteerPage,
)
from .moderation import ensure_groups_and_workflow

WHAT_TO_DO = (
    "<ol>"
    "<li>发现未成年人处于困境（无人照料、流浪乞讨、遭受家庭暴力、虐待、遗弃等），"
    "请及时告诉所在村(居)委会督导员，或拨打所在乡镇(街道)指导站热线。</li>"
    "<li>正在发生侵害、孩子走失或有生命危险时，<b>立即拨打110报警</b>。</li>"
    "<li>也可以拨打市困境未成年人社会保护工作热线，说明时间、地点和孩子的情况；"
    "您的个人信息将被严格保密。</li>"
    "<li>村(居)委会、乡镇(街道)、市三级快速响应，按照属地管理、分类施救原则，"
    "及时提供教育、医疗、司法、报警查询援助和生活救助等保护。</li>"
    "</ol>"
)

SECTIONS = [
    ("培训", "training", "儿童权利、法律法规、自我保护、防拐等培训课程和资料"),
    ("志愿服务", "volunteer", "加入志愿者队伍，走访关爱困境未成年人家庭"),
    ("新闻动态", "news", "工作动态、政策文件和宣传活动"),
]
HEADER = ["about", "hotline", "services", "news", "training", "volunteer"]

CATEGORIES = [("工作动态", "work"), ("宣传活动", "publicity"), ("媒体报道", "media")]

# (slug, title, category slug, days ago, tags, summary, paragraphs)
ARTICLES = [
    (
        "hotline-launched",
        "全市15个乡镇(街道)困境未成年人保护热线全部开通",
        "work",
        20,
        ["热线", "指导站"],
        "依托“110”设立的乡镇(街道)困境未成年人社会保护工作热线全部开通，群众发现困境儿童可就近求助。",
        [
            "按照《荥阳市困境未成年人社会保护工作实施方案》要求，全市15个乡镇(街道)均已建立"
            "困境未成年人社会保护工作指导站，并依托“110”设立服务热线。",
            "群众发现未成年人流浪乞讨、无人照料、遭受家暴等情况，可拨打所在乡镇(街道)热线，"
            "也可拨打市困境未成年人社会保护工作热线。",
        ],
    ),
    (
        "anti-trafficking-training",
        "防拐报警知识和自我保护培训走进乔楼镇",
        "publicity",
        12,
        ["培训", "防拐", "自我保护"],
        "市公安局、团市委走进乔楼镇各村，为儿童和家长开展防拐报警知识和自我保护培训。",
        [
            "培训围绕儿童权利知识、防拐报警知识和自我保护展开，民警结合真实案例讲解如何识别危险、"
            "如何求助。",
            "团市委志愿者现场带领孩子们练习拨打报警电话，家长们表示受益匪浅。",
        ],
    ),
    (
        "domestic-violence-awareness",
        "市妇联开展反家暴宣传进社区活动",
        "publicity",
        5,
        ["家暴", "儿童之家", "家庭教育"],
        "市妇联在京城路街道儿童之家开展反家暴和家庭教育宣传，倡导全社会关爱困境未成年人。",
        [
            "活动通过展板、情景剧和现场咨询，向居民宣传反家庭暴力法律法规，"
            "提醒邻里发现家暴及时报告。",
            "遭受家庭暴力的未成年人是保护对象之一，发现正在发生的侵害请立即拨打110。",
        ],
    ),
]

SERVICE_POINTS = [
    # (kind, name, township, address, phone, hours, description)
    (
        "welfare_centre",
        "荥阳市社会福利中心",
        None,
        "荥阳市演示路1号",
        "0371-10002001",
        "24 小时",
        "孤儿、弃婴和暂时查找不到监护人的未成年人临时安置与代养。",
    ),
    (
        "protection_centre",
        "荥阳市未成年人保护中心",
        None,
        "荥阳市演示路3号",
        "0371-10002002",
        "24 小时",
        "困境未成年人临时监护、救助保护和个案服务。",
    ),
    (
        "childrens_home",
        "京城路街道儿童之家",
        "京城路街道",
        "京城路街道社区服务中心二楼",
        "0371-10002101",
        "周一至周五 15:00–18:00，周六 9:00–17:00",
        "留守、流动儿童课后陪伴，家庭教育指导。",
    ),
    (
        "childrens_home",
        "乔楼镇儿童之家",
        "乔楼镇",
        "乔楼镇便民服务中心",
        "0371-10002102",
        "周二至周日 9:00–17:00",
        "儿童活动、心理疏导和亲情电话。",
    ),
    (
        "volunteer_station",
        "团市委青年志愿者服务站",
        None,
        "荥阳市演示路5号团市委",
        "0371-10002201",
        "周一至周五 8:30–17:30",
        "志愿者报名、培训和派遣，定期走访困境未成年人家庭。",
    ),
    (
        "volunteer_station",
        "索河街道志愿者服务站",
        "索河街道",
        "索河街道办事处一楼",
        "0371-10002202",
        "周一至周五 8:30–17:30",
        "社区志愿服务和邻里爱心监护。",
    ),
]


PAGES = [
    (
        "about",
        "关于我们",
        "荥阳市困境未成年人社会保护工作",
        [
            ("heading", {"text": "同在蓝天下，快乐共成长", "level": "h2"}),
            (
                "paragraph",
                "<p>根据《荥阳市困境未成年人社会保护工作实施方案》（荥政办〔2015〕53号），"
                "我市建立政府主导、民政牵头、部门协作、社会参与的困境未成年人社会保护工作机制，"
                "使困境未成年人求助有门、受助及时。</p>",
            ),
            ("heading", {"text": "保护对象", "level": "h3"}),
            (
                "paragraph",
                "<ol><li>散居孤儿、处于流浪或者有流浪经历的未成年人；</li>"
                "<li>因监护人服刑、吸毒、重病、重残等原因导致监护缺失的未成年人；</li>"
                "<li>遭受家庭暴力、虐待、遗弃、拐卖、性侵、故意伤害等侵害的未成年人；</li>"
                "<li>自身遭遇重病重残等特殊困难的未成年人；</li>"
                "<li>低保户家庭因贫困难以健康成长的未成年人；</li>"
                "<li>由相关职能部门和单位提出，经市困境未成年人社会保护工作联席会议研究确定的"
                "其他未成年人。</li></ol>",
            ),
        ],
    ),
    (
        "faq",
        "常见问题",
        "报告困境儿童前您可能想知道的",
        [
            (
                "questions",
                [
                    {
                        "question": "我不确定孩子是否处于困境，也可以报告吗？",
                        "answer": "<p>可以。由村(居)委会督导员和乡镇(街道)指导站上门核实，"
                        "您只需说明看到的情况。</p>",
                    },
                    {
                        "question": "报告人的信息会被公开吗？",
                        "answer": "<p>不会。您可以匿名报告；留下的联系方式只用于核实情况。</p>",
                    },
                ],
            ),
            (
                "hotline",
                {"label": "紧急情况", "number": "110", "note": "正在发生侵害时请立即报警"},
            ),
        ],
    ),
]


def _create_home_page():
    """Put the home page at the site root in place of Wagtail's "Welcome" placeholder."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    placeholder = site.root_page if site.pk and site.root_page.specific_class is Page else None
    if placeholder:
        Page.objects.filter(pk=placeholder.pk).update(slug="welcome-placeholder")
    home = root.add_child(
        instance=HomePage(title="首页", slug="home", what_to_do=WHAT_TO_DO, seo_title="蓝天")
    )
    site.root_page = home
    site.site_name = "蓝天 · 荥阳市困境未成年人社会保护"
    site.save()
    if placeholder:
        placeholder.delete()
    return home


def _create_home_page():
    """Put the home page at the site root in place of Wagtail's "Welcome" placeholder."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    placeholder = site.root_page if site.pk and site.root_page.specific_class is Page else None
    if placeholder:
        Page.objects.filter(pk=placeholder.pk).update(slug="welcome-placeholder")
    home = root.add_child(
        instance=HomePage(title="首页", slug="home", what_to_do=WHAT_TO_DO, seo_title="蓝天")
    )
    site.root_page = home
    site.site_name = "蓝天 · 荥阳市困境未成年人社会保护"
    site.save()
    if placeholder:
        placeholder.delete()
    return home


def _page(parent, page_class, slug, **fields):
    """The child of `parent` with this slug and type, made and published if missing. A page of
    another type under the slug (the foundation's placeholders) is replaced."""
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        if existing.specific_class is page_class:
            return existing.specific
        existing.delete()
    page = parent.add_child(instance=page_class(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _news(home):
    news = _page(
        home, NewsIndexPage, "news", title="新闻动态", intro="工作动态、宣传活动和政策文件。"
    )
    for position, (name, slug) in enumerate(CATEGORIES):
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": position}
        )
    today = timezone.localdate()
    for slug, title, category, days_ago, tags, summary, paragraphs in ARTICLES:
        if NewsArticlePage.objects.filter(slug=slug).exists():
            continue
        article = NewsArticlePage(
            title=title,
            slug=slug,
            date=today - datetime.timedelta(days=days_ago),
            category=NewsCategory.objects.get(slug=category),
            summary=summary,
            search_description=summary,
            body=[("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))],
        )
        article.tags.add(*tags)
        news.add_child(instance=article)
        article.save_revision().publish()
    policies = _page(
        news, PolicyIndexPage, "policies", title="政策文件", intro="困境未成年人社会保护政策文件。"
    )
    if not PolicyDocumentPage.objects.exists():
        seed = policy_text.seed_document()
        _page(
            policies,
            PolicyDocumentPage,
            "xingzhengban-2015-53",
            summary="《荥阳市困境未成年人社会保护工作实施方案》全文。",
            search_description="荥政办〔2015〕53号：荥阳市困境未成年人社会保护工作实施方案。",
            **seed,
        )
    return news


def _directory(home):
    townships = {t.name: t for t in Township.objects.all()}
    for position, (kind, name, township, address, phone, hours, description) in enumerate(
        SERVICE_POINTS
    ):
        ServicePoint.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "township": townships.get(township),
                "address": address,
                "phone": phone,
                "opening_hours": hours,
                "description": description,
                "sort_order": position,
            },
        )
    _page(
        home,
        HotlinePage,
        "hotline",
        title="求助热线",
        search_description="市困境未成年人社会保护工作热线和15个乡镇(街道)指导站热线。",
        intro="<p>发现困境儿童，请拨打所在乡镇(街道)指导站热线或市热线；"
        "正在发生侵害时请<b>立即拨打110</b>。</p>",
    )
    _page(
        home,
        ServiceDirectoryPage,
        "services",
        title="服务网点",
        search_description="指导站、儿童之家、社会福利中心的地址、电话和开放时间。",
        intro="<p>各乡镇(街道)指导站、儿童之家、社会福利中心和未成年人保护中心的地址、"
        "电话和开放时间。</p>",
    )


def _volunteers(home):
    volunteer = _page(
        home,
        VolunteerPage,
        "volunteer",
        title="志愿服务",
        intro="加入志愿者队伍，定期走访困境未成年人家庭，帮助困境未成年人增收成才。",
        search_description="团市委志愿者服务站和志愿者报名。",
        body=[
            (
                "paragraph",
                "<p>团市委建立志愿者服务站，带动引领志愿者和义工组织定期走访困境未成年人家庭。"
                "欢迎有爱心、有时间的市民报名。</p>",
            )
        ],
    )
    _page(
        volunteer,
        VolunteerApplicationPage,
        "apply",
        title="志愿者报名",
        intro="<p>填写以下信息，志愿者服务站将在一周内电话联系您，安排面谈和培训。</p>",
        thank_you_text="<p>感谢您报名！志愿者服务站将在一周内电话联系您。</p>",
    )
    return volunteer


def _campaign():
    if PublicityCampaign.objects.exists():
        return
    today = timezone.localdate()
    start = today.replace(day=1)
    campaign = PublicityCampaign(
        theme="关爱困境儿童 同在蓝天下",
        goals="让群众知道发现困境儿童时拨打哪个电话；倡导邻里爱心监护。",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=60),
        budget=20000,
        status=PublicityCampaign.Status.APPROVED,
    )
    campaign.save()
    campaign.responsible_units.set(Department.objects.filter(name__in=["市委宣传部", "市妇联"]))
    for channel, outlet, offset, length, what in [
        ("tv", "荥阳电视台", 0, 14, "公益广告 30 秒"),
        ("wechat", "荥阳发布", 3, 1, "推送：发现困境儿童怎么办"),
        ("school", "城关乡中心小学", 10, 1, "自我保护知识讲座"),
        ("community", "京城路街道儿童之家", 20, 1, "反家暴宣传进社区"),
    ]:
        CampaignPlacement.objects.create(
            campaign=campaign,
            channel=channel,
            outlet=outlet,
            starts_on=start + datetime.timedelta(days=offset),
            ends_on=start + datetime.timedelta(days=offset + length - 1),
            description=what,
        )


def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        home = _create_home_page()
    site = Site.objects.get(is_default_site=True)

    for slug, title, summary, body in PAGES:
        if not StandardPage.objects.filter(slug=slug).exists():
            home.add_child(
                instance=StandardPage(title=title, slug=slug, summary=summary, body=body)
            )
    _directory(home)
    _news(home)
    _volunteers(home)
    for position, (title, slug, description) in enumerate(SECTIONS):
        page = Page.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            # A placeholder until the section's own app puts its page here (training does:
            # it takes over this page's links).
            page = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    summary=description,
                    body=[("paragraph", f"<p>{description}。栏目内容即将发布。</p>")],
                )
            )
        link = home.section_links.filter(title=title).first()
        if link is None:
            HomeSectionLink.objects.create(
                home=home, title=title, page=page, description=description, sort_order=position
            )
        elif link.page_id is None:
            link.page = page
            link.save()

    hotline = HotlineSettings.for_site(site)
    if not hotline.city_hotline:
        hotline.city_hotline = DEMO_CITY_HOTLINE
        hotline.save()
    navigation = NavigationSettings.for_site(site)
    linked = set(navigation.header_links.values_list("page__slug", flat=True))
    for position, slug in enumerate(HEADER):
        page = Page.objects.child_of(home).filter(slug=slug).first()
        if page and slug not in linked:
            HeaderLink.objects.create(setting=navigation, page=page, sort_order=position)
    ensure_groups_and_workflow(home)
    _campaign()
    stdout.write(
        f"Public site: {Page.objects.descendant_of(home).count()} pages, "
        f"{ServicePoint.objects.count()} service points, "
        f"{NewsArticlePage.objects.count()} news articles."
    )
