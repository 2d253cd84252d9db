"""Demo data of the training app: the seed's topics (五(八)) and village target groups, trainers
of the departments the seed names for training (卫计委, 司法局, 人社局, 妇联, 法院), venues, a
monthly series, past sessions with attendance, materials, and the public calendar page in place
of the content app's placeholder. Idempotent: records are found by name or title."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from protection.models import Department, Township, Village

from .models import (
    Material,
    Registration,
    TargetGroup,
    Topic,
    Trainer,
    TrainingCalendarPage,
    TrainingSession,
    Venue,
)

# 五(八), in the seed's words and order.
TOPICS = [
    "儿童权利知识",
    "相关法律法规知识",
    "生活技能",
    "农业科技知识",
    "疾病预防",
    "防拐报警知识",
    "自我保护",
]
# Further topics the department duties of 六 call for.
MORE_TOPICS = ["心理健康与急救知识", "家庭教育", "职业技能"]
TARGET_GROUPS = [
    ("村(居)委会督导员", "每个村(居)委会的困境未成年人社会保障工作督导员"),
    ("网格员、网格长", "邻里、网格员、网格长三级监护网络"),
    ("监护人和家长", "困境未成年人的父母和其他监护人"),
    ("未成年人", "在校及失学、辍学的未成年人"),
    ("年满16周岁的未成年人", "人社局免费职业技能培训的对象"),
    ("志愿者", "团市委志愿者服务站的志愿者和义工"),
]
# (name, unit, post, topics): fictional people, marked as such.
TRAINERS = [
    ("示例·周医生", "市卫计委", "主治医师", ["疾病预防", "心理健康与急救知识"]),
    ("示例·吴律师", "市司法局", "法律援助中心律师", ["相关法律法规知识", "儿童权利知识"]),
    ("示例·郑法官", "市法院", "少年审判庭法官", ["相关法律法规知识"]),
    ("示例·孙老师", "市妇联", "家庭教育讲师", ["家庭教育", "儿童权利知识", "自我保护"]),
    ("示例·冯警官", "市公安局", "社区民警", ["防拐报警知识", "自我保护"]),
    ("示例·何技师", "市人社局", "职业培训讲师", ["职业技能", "农业科技知识", "生活技能"]),
]
VENUES = [
    ("索河街道", "楚庄社区", "楚庄社区儿童之家", "楚庄社区居委会一楼", 30),
    ("豫龙镇", "槐西村", "槐西村村委会会议室", "槐西村村委会院内", 40),
    ("城关乡", None, "城关乡政府三楼会议室", "城关乡政府大院", 80),
    ("广武镇", None, "广武镇综合文化站", "广武镇政府东侧", 60),
]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
MATERIALS = [
    (
        "防拐报警知识手册",
        Material.Kind.DOCUMENT,
        "识别拐骗手段，遇到可疑情况如何报警。",
        ["防拐报警知识"],
    ),
    (
        "儿童权利公约简明读本",
        Material.Kind.DOCUMENT,
        "儿童的生存权、发展权、受保护权和参与权。",
        ["儿童权利知识"],
    ),
    (
        "未成年人保护法要点",
        Material.Kind.SLIDES,
        "督导员培训用幻灯片：监护责任与报告义务。",
        ["相关法律法规知识"],
    ),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _lists():
    topics = {}
    for position, name in enumerate(TOPICS + MORE_TOPICS, start=1):
        topics[name], _ = Topic.objects.get_or_create(name=name, defaults={"sort_order": position})
    groups = {}
    for position, (name, description) in enumerate(TARGET_GROUPS, start=1):
        groups[name], _ = TargetGroup.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": position}
        )
    return topics, groups


def _trainers(topics):
    trainers = {}
    for name, unit, post, subjects in TRAINERS:
        trainer, created = Trainer.objects.get_or_create(
            name=name,
            defaults={
                "department": Department.objects.filter(name=unit).first(),
                "post": post,
                "email": "",
            },
        )
        if created:
            trainer.topics.set([topics[s] for s in subjects])
            trainer.save()
        trainers[name] = trainer
    return trainers


def _venues():
    venues = {}
    for township, village, name, address, capacity in VENUES:
        venues[name], _ = Venue.objects.get_or_create(
            name=name,
            defaults={
                "township": Township.objects.get(name=township),
                "village": Village.objects.filter(name=village).first() if village else None,
                "address": address,
                "capacity": capacity,
            },
        )
    return venues


def _materials(topics, groups):
    for title, kind, description, subjects in MATERIALS:
        if Material.objects.filter(title=title).exists():
            continue
        document = Document(title=title)
        document.file.save(f"{title}.pdf", ContentFile(PDF), save=False)
        document.save()
        material = Material(title=title, kind=kind, description=description, document=document)
        material.topics = [topics[s] for s in subjects]
        material.target_groups = [groups["村(居)委会督导员"], groups["监护人和家长"]]
        material.save()


def _session(title, *, organiser, start, hours, venue, topics, groups, trainers, **extra):
    if TrainingSession.objects.filter(title=title, start=start).exists():
        return None
    session = TrainingSession(
        title=title,
        organiser=Department.objects.get(name=organiser),
        start=start,
        end=start + dt.timedelta(hours=hours),
        venue=venue,
        capacity=extra.pop("capacity", venue.capacity),
        **extra,
    )
    session.topics, session.target_groups, session.trainers = topics, groups, trainers
    session.save()
    return session


PEOPLE = ["示例·王秀英", "示例·李建国", "示例·张桂兰", "示例·刘志强", "示例·陈玉梅", "示例·杨国华"]


def _sessions(topics, groups, trainers, venues):
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    # A monthly series for the year ahead: anti-trafficking training at 槐西村.
    for n in range(12):
        month = (first_of_month.month - 1 + n + 1) % 12 + 1
        year = first_of_month.year + (first_of_month.month + n) // 12
        _session(
            "防拐报警知识进村培训",
            organiser="市公安局",
            start=_at(dt.date(year, month, 10), 9, 30),
            hours=2,
            venue=venues["槐西村村委会会议室"],
            topics=[topics["防拐报警知识"], topics["自我保护"]],
            groups=[groups["监护人和家长"], groups["未成年人"]],
            trainers=[trainers["示例·冯警官"]],
            summary="讲解常见拐骗手段、如何识别可疑人员、遇到危险怎样报警求助。",
            status=TrainingSession.Status.CONFIRMED if n == 0 else TrainingSession.Status.PLANNED,
        )
    _session(
        "督导员法律法规知识培训",
        organiser="市司法局",
        start=_at(today + dt.timedelta(days=5), 14, 30),
        hours=3,
        venue=venues["城关乡政府三楼会议室"],
        topics=[topics["相关法律法规知识"], topics["儿童权利知识"]],
        groups=[groups["村(居)委会督导员"], groups["网格员、网格长"]],
        trainers=[trainers["示例·吴律师"]],
        summary="未成年人保护法、监护人责任、发现侵害后的报告义务与法律援助渠道。",
        status=TrainingSession.Status.CONFIRMED,
    )
    _session(
        "家庭急救与疾病预防",
        organiser="市卫计委",
        start=_at(today + dt.timedelta(days=12), 9),
        hours=2,
        venue=venues["楚庄社区儿童之家"],
        topics=[topics["疾病预防"], topics["心理健康与急救知识"]],
        groups=[groups["监护人和家长"]],
        trainers=[trainers["示例·周医生"]],
        summary="常见传染病预防、儿童意外伤害的家庭急救。",
    )
    past = _session(
        "儿童自我保护知识讲座",
        organiser="市妇联",
        start=_at(today - dt.timedelta(days=20), 15),
        hours=2,
        venue=venues["广武镇综合文化站"],
        topics=[topics["自我保护"], topics["儿童权利知识"]],
        groups=[groups["未成年人"], groups["监护人和家长"]],
        trainers=[trainers["示例·孙老师"]],
        summary="身体边界、拒绝与求助。",
        status=TrainingSession.Status.HELD,
    )
    if past:
        for n, name in enumerate(PEOPLE):
            Registration.objects.create(
                session=past,
                name=name,
                phone=f"0371100020{n:02d}",
                township=past.township,
                organisation="广武村",
                source=Registration.Source.PUBLIC,
                checked_in_at=past.start if n < 4 else None,
            )


def _calendar_page(stdout):
    """Put the calendar at /training/ in place of the content app's placeholder page, and move
    the home-page section link and the header link that point at the placeholder."""
    from content.models import HeaderLink, HomePage, HomeSectionLink

    if TrainingCalendarPage.objects.exists():
        return TrainingCalendarPage.objects.first()
    home = HomePage.objects.first()
    if home is None:
        return None
    placeholder = Page.objects.child_of(home).filter(slug="training").first()
    if placeholder:
        # A queryset update frees the slug without the redirect a renamed page would leave
        # (it would point at the placeholder, deleted below).
        Page.objects.filter(pk=placeholder.pk).update(
            slug="training-placeholder", url_path=placeholder.url_path + "-placeholder"
        )
    calendar = home.add_child(
        instance=TrainingCalendarPage(
            title="培训",
            slug="training",
            intro="<p>面向村(居)委会督导员、网格员、监护人和未成年人的免费培训："
            "儿童权利知识、相关法律法规知识、生活技能、农业科技知识、疾病预防、防拐报警知识、"
            "自我保护等。</p>",
            materials_intro="培训讲义、视频和幻灯片，可按主题和对象查找，免费下载。",
        )
    )
    if placeholder:
        HomeSectionLink.objects.filter(page=placeholder).update(page=calendar)
        HeaderLink.objects.filter(page=placeholder).update(page=calendar)
        placeholder.delete()
    return calendar


def load(stdout):
    topics, groups = _lists()
    trainers = _trainers(topics)
    venues = _venues()
    _materials(topics, groups)
    _sessions(topics, groups, trainers, venues)
    _calendar_page(stdout)
    stdout.write(
        f"Training: {Topic.objects.count()} topics, {Trainer.objects.count()} trainers, "
        f"{TrainingSession.objects.count()} sessions, {Material.objects.count()} materials."
    )
