"""Demo content: the home page, a few standard pages in Chinese, the hotline and footer settings.
Idempotent: pages are found by slug, settings only filled where empty."""

from wagtail.models import Page, Site

from protection.demo import DEMO_CITY_HOTLINE

from .models import (
    HeaderLink,
    HomePage,
    HomeSectionLink,
    HotlineSettings,
    NavigationSettings,
    StandardPage,
)

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
    for title, slug, description in SECTIONS:
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    summary=description,
                    body=[("paragraph", f"<p>{description}。栏目内容即将发布。</p>")],
                )
            )
        if not home.section_links.filter(title=title).exists():
            HomeSectionLink.objects.create(
                home=home, title=title, page=page, description=description
            )

    hotline = HotlineSettings.for_site(site)
    if not hotline.city_hotline:
        hotline.city_hotline = DEMO_CITY_HOTLINE
        hotline.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.header_links.exists():
        for slug in ["about", "training", "volunteer", "news"]:
            page = Page.objects.filter(slug=slug).first()
            if page:
                HeaderLink.objects.create(setting=navigation, page=page)
    stdout.write(f"Public site: home page and {StandardPage.objects.count()} standard pages.")
