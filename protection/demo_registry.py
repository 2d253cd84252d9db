"""Demo registry data: obviously fictional minors (every name starts with 示例·), their
families, guardians, cases and a few public reports, spread over the townships.

ID numbers use the area code 410199, which no county has, with valid check digits, so that no
demo number can be a real person's. Idempotent: minors are matched by the keyed hash of their
ID number, and nothing else is added to a minor that already exists."""

import datetime
import random

from lantian.crypto import keyed_hash

from .identity import make_id_number
from .models import (
    Case,
    CaseNote,
    ClassificationTag,
    Department,
    Family,
    Guardian,
    IntakeReport,
    Minor,
    TargetCategory,
    Village,
)

DEMO_AREA = "410199"
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["小明", "小红", "晓宇", "欣怡", "子涵", "浩然", "雨桐", "梓轩", "佳怡", "一诺"]
SCHOOLS = ["示例第一小学", "示例中心小学", "示例初级中学", ""]
STORIES = [
    ("监护缺失", ["服刑", "留守"], "父亲服刑,母亲外出务工多年未归,由年迈祖母照看,生活困难。"),
    ("遭受侵害", ["家暴"], "邻居反映孩子身上多次出现伤痕,疑似遭受家庭暴力。"),
    ("自身重病重残", ["重病", "贫困"], "孩子患重病需长期治疗,家庭因病致贫。"),
    ("低保家庭困境", ["贫困", "单亲"], "低保家庭,单亲母亲重病,孩子面临辍学。"),
    ("孤儿与流浪", ["孤儿"], "父母双亡,随叔叔生活,叔叔家庭经济困难。"),
    ("监护缺失", ["精神障碍"], "母亲患精神障碍,父亲重残,无人履行监护职责。"),
]
# The units that work on such cases (五(七)), so that their liaisons see them.
UNITS = {"遭受侵害": ["市公安局"], "自身重病重残": ["市卫计委"], "监护缺失": ["市司法局"]}
STATUS_PATH = [
    Case.Status.REPORTED,
    Case.Status.VERIFIED,
    Case.Status.ASSESSED,
    Case.Status.IN_SERVICE,
    Case.Status.CLOSED,
]


def load(stdout):
    rng = random.Random(2015)  # noqa: S311  (the seed's year: the same demo data every time)
    categories = {c.name: c for c in TargetCategory.objects.all()}
    tags = {t.name: t for t in ClassificationTag.objects.all()}
    villages = list(
        Village.objects.select_related("township").order_by("township__sort_order", "name")
    )
    created = 0
    today = datetime.date.today()
    for number, village in enumerate(villages):  # one minor in difficulty a village
        sex = "male" if number % 2 else "female"
        birth = today.replace(year=today.year - 4 - (number % 13), day=1) - datetime.timedelta(
            days=number * 11
        )
        sequence = 100 + number * 2 + (1 if sex == "male" else 0)
        id_number = make_id_number(DEMO_AREA, birth, sequence)
        if Minor.objects.filter(id_number_hash=keyed_hash(id_number)).exists():
            continue
        surname = SURNAMES[number % len(SURNAMES)]
        category, story_tags, summary = STORIES[number % len(STORIES)]
        family = Family.objects.create(
            name=f"示例·{surname}家",
            township=village.township,
            village=village,
            address=f"{village.name}{number + 1}组",
            is_problem_family=category in {"遭受侵害", "监护缺失"},
            is_poor_family=category in {"低保家庭困境", "自身重病重残"},
            low_income_status=Family.LowIncome.DIBAO
            if category == "低保家庭困境"
            else Family.LowIncome.NONE,
            members=f"祖母 示例·{surname}奶奶 70岁\n未成年人 本人",
            risk_factors=summary,
        )
        minor = Minor.objects.create(
            name=f"示例·{surname}{GIVEN[number % len(GIVEN)]}",
            sex=sex,
            birth_date=birth,
            id_number=id_number,
            township=village.township,
            village=village,
            current_address=family.address,
            household_registration=f"{village.township.name}{village.name}",
            school=SCHOOLS[number % len(SCHOOLS)],
            grade="三年级" if number % 3 else "",
            family=family,
        )
        minor.categories.set([categories[category]])
        minor.tags.set([tags[t] for t in story_tags])
        minor.save()  # parental many-to-many relations are written on save
        Guardian.objects.create(
            minor=minor,
            relation=Guardian.Relation.GRANDPARENT,
            name=f"示例·{surname}奶奶",
            id_number=make_id_number(DEMO_AREA, datetime.date(1955, 5, 5), 200 + number * 2),
            phone=f"0371-3000{number:04d}",
            situation=Guardian.Situation.PRESENT,
        )
        status = STATUS_PATH[rng.randrange(len(STATUS_PATH))]
        case = Case.objects.create(
            minor=minor,
            opened_on=today - datetime.timedelta(days=rng.randrange(10, 300)),
            source=rng.choice(list(Case.Source.values)),
            summary=summary,
            risk_level=rng.choice(list(Case.RiskLevel.values)),
            response_level=rng.choice(list(Case.ResponseLevel.values)),
            status=status,
            closing_reason="监护已恢复,结案。" if status == Case.Status.CLOSED else "",
        )
        case.categories.set([categories[category]])
        case.departments.set(Department.objects.filter(name__in=UNITS.get(category, [])))
        case.tags.set([tags[t] for t in story_tags])
        case.save()
        previous = Case.Status.REPORTED
        for step in STATUS_PATH[1 : STATUS_PATH.index(status) + 1]:
            CaseNote.objects.create(
                case=case,
                kind=CaseNote.Kind.TRANSITION,
                text="示例记录",
                from_status=previous,
                to_status=step,
            )
            previous = step
        CaseNote.objects.create(case=case, text="督导员入户走访,了解家庭基本情况。")
        created += 1
    if not IntakeReport.objects.exists():
        from .intake import new_receipt

        for village in villages[1:8:2]:
            IntakeReport.objects.create(
                receipt=new_receipt(),
                township=village.township,
                village=village,
                what_happened="(示例)邻居家的孩子经常一个人在家,晚上也没有大人。",
                child_age="约8岁",
                reporter_kind=IntakeReport.ReporterKind.NEIGHBOUR,
            )
    stdout.write(
        f"Registries: {Minor.objects.count()} minors ({created} new), {Case.objects.count()} "
        f"cases, {IntakeReport.objects.count()} public reports."
    )
