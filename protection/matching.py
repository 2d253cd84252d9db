"""Information comparison (信息比对, 六、市民政局): is an incoming child one the registry already
knows?

An ID number decides at once through its keyed hash. Without one, each incoming person is compared
only with the registered children that share a blocking key (the name's sound with the birth date,
the name's sound with the village, or birth date, sex and village), never with every child: the
work grows with the number of candidates, not with the product of the two lists. Each candidate
pair gets a score and the fields that agree, so that staff decide with the reasons in front of
them.

Names are compared by their sound (pypinyin, tones dropped), so that 张伟 and 章伟, or a name
typed with a traditional or variant character (張偉, 喆 for 哲), still meet. How two names agree
is kept apart (the same characters, the same name in variant characters, only the same sound),
because a reviewer weighs 张伟/章伟 very differently from 张伟/张伟.

A record merged into another by the review queue is the same child as its survivor: it is
never a candidate again (``_registered``, the one rule both reads of the registry go through:
``registry_people`` for the registry compared with itself, ``registry_candidates`` for incoming
children, which reads only the records sharing a blocking key or an ID hash with them)."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypinyin import lazy_pinyin
from rapidfuzz.distance import Levenshtein

from lantian.crypto import keyed_hash
from lantian.imports.parsing import clean_compact

# Traditional and variant characters common in names, folded to the form registries use.
VARIANTS = str.maketrans(
    {
        "張": "张", "劉": "刘", "陳": "陈", "黃": "黄", "趙": "赵", "楊": "杨", "吳": "吴",
        "孫": "孙", "鄭": "郑", "馬": "马", "許": "许", "韓": "韩", "馮": "冯", "蔣": "蒋",
        "偉": "伟", "華": "华", "麗": "丽", "國": "国", "紅": "红", "軍": "军", "龍": "龙",
        "鳳": "凤", "東": "东", "強": "强", "傑": "杰", "喆": "哲", "堃": "坤", "昇": "升",
        "峯": "峰", "羣": "群", "甦": "苏", "濤": "涛", "瑩": "莹", "婷": "婷", "靜": "静",
    }
)  # fmt: skip

MATCH_THRESHOLD = 60
WEIGHTS = {
    "name": 35,
    "name_variant": 35,
    "name_sound": 25,
    "name_close": 12,
    "birth_date": 30,
    "sex": 10,
    "village": 15,
    "township": 5,
    "guardian": 10,
}
# How two names agree, strongest first; a pair carries at most one of these keys.
NAME_AGREEMENTS = ("name", "name_variant", "name_sound", "name_close")
FIELD_LABELS = {
    "id_number": gettext_lazy("ID number"),
    "name": gettext_lazy("full name"),
    "name_variant": gettext_lazy("full name (variant characters)"),
    "name_sound": gettext_lazy("full name (same sound only)"),
    "name_close": gettext_lazy("full name (similar sound only)"),
    "birth_date": gettext_lazy("birth date"),
    "sex": gettext_lazy("sex"),
    "village": gettext_lazy("village or residents' committee"),
    "township": gettext_lazy("township or street office"),
    "guardian": gettext_lazy("guardian"),
}
# What the review screen says of the name line: "agrees" only when the characters agree.
AGREEMENT_WORDS = {
    "name": gettext_lazy("agrees"),
    "name_variant": gettext_lazy("variant characters"),
    "name_sound": gettext_lazy("same sound only"),
    "name_close": gettext_lazy("similar sound only"),
}


def field_labels(keys):
    """The fields that agree (or differ), as the review queue, the import preview and the
    comparison spreadsheet all write them: 姓名（读音相同）、出生日期."""
    return "、".join(str(FIELD_LABELS.get(key, key)) for key in keys)


def name_agreement(keys):
    """The review screen's word for how the names agree, or None when they do not."""
    for key in NAME_AGREEMENTS:
        if key in keys:
            return AGREEMENT_WORDS[key]
    return None


@lru_cache(maxsize=20000)
def _char_sound(char):
    return lazy_pinyin(char)[0]


def written_name(name):
    """The name's characters as written, without spaces or the middle dot."""
    return clean_compact(name).replace("·", "")


def normal_name(name):
    """The name with traditional and variant characters folded (張偉 → 张伟)."""
    return written_name(name).translate(VARIANTS)


def name_sound(name):
    """张伟 and 章伟 both give 'zhangwei' (per character, cached: a registry has few thousand)."""
    return "".join(_char_sound(c) for c in normal_name(name))


@dataclass
class Person:
    name: str
    birth_date: object = None
    sex: str = ""
    township_id: int | None = None
    village_id: int | None = None
    id_hash: str = ""
    guardians: frozenset = frozenset()
    # The ID hashes of records merged into this one: a list naming the merged copy's number
    # means this child.
    merged_hashes: frozenset = frozenset()
    ref: object = None  # the row number or the registered minor's pk
    label: str = ""
    sound: str = field(init=False)
    normal: str = field(init=False)
    written: str = field(init=False)

    def __post_init__(self):
        self.written = written_name(self.name)
        self.normal = self.written.translate(VARIANTS)
        # name_sound(self.name), without cleaning the name a second time (a registry read
        # builds one Person per record).
        self.sound = "".join(_char_sound(c) for c in self.normal)

    def blocks(self):
        keys = []
        if self.sound and self.birth_date:
            keys.append(("nb", self.sound, self.birth_date))
        if self.sound and self.village_id:
            keys.append(("nv", self.sound, self.village_id))
        if self.birth_date and self.sex and self.village_id:
            keys.append(("bsv", self.birth_date, self.sex, self.village_id))
        return keys


@dataclass
class Match:
    person: Person
    score: int
    agree: list
    differ: list

    def describe(self):
        return _("%(who)s, score %(score)s; agree: %(fields)s") % {
            "who": self.person.label,
            "score": self.score,
            "fields": field_labels(self.agree),
        }


class Index:
    """The registered children, by keyed ID hash and by blocking key."""

    def __init__(self, people):
        self.by_hash = {}
        self.blocks = {}
        for person in people:
            for id_hash in person.merged_hashes:
                self.by_hash.setdefault(id_hash, person)
            if person.id_hash:
                self.by_hash[person.id_hash] = person
            for key in person.blocks():
                self.blocks.setdefault(key, []).append(person)

    def candidates(self, person):
        seen = {}
        for key in person.blocks():
            for other in self.blocks.get(key, ()):
                seen[id(other)] = other
        return seen.values()


def score(a, b):
    agree, differ = [], []
    total = 0
    if a.written and a.written == b.written:
        how = "name"
    elif a.normal and a.normal == b.normal:
        how = "name_variant"
    elif a.sound and a.sound == b.sound:
        how = "name_sound"
    elif a.sound and b.sound and Levenshtein.distance(a.sound, b.sound) <= 1:
        how = "name_close"
    else:
        how = None
        differ.append("name")
    if how:
        agree.append(how)
        total += WEIGHTS[how]
    for attribute, weight_key in (
        ("birth_date", "birth_date"),
        ("sex", "sex"),
        ("village_id", "village"),
        ("township_id", "township"),
    ):
        mine, theirs = getattr(a, attribute), getattr(b, attribute)
        if mine and theirs:
            if mine == theirs:
                agree.append(weight_key)
                total += WEIGHTS[weight_key]
            else:
                differ.append(weight_key)
    if a.guardians and b.guardians:
        if a.guardians & b.guardians:
            agree.append("guardian")
            total += WEIGHTS["guardian"]
        else:
            differ.append("guardian")
    return Match(person=b, score=min(total, 100), agree=agree, differ=differ)


def best_matches(person, index, threshold=MATCH_THRESHOLD, limit=3):
    matches = [score(person, other) for other in index.candidates(person)]
    matches = [m for m in matches if m.score >= threshold]
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]


# Values per IN list: SQLite allows 999 variables a statement in older builds.
IN_CHUNK = 500
_PERSON_COLUMNS = (
    "pk", "name", "birth_date", "sex", "township_id", "village_id", "id_number_hash"
)  # fmt: skip


def _registered(queryset):
    """The one rule of who may be a candidate: records merged into another are left out (the
    survivor stands for the child, so neither the import preview, nor the queue, nor a
    department's list is ever matched with the merged copy). In the order of their primary key,
    so that equal scores keep the older record first however the registry was read."""
    from .models import Minor

    queryset = Minor.objects.all() if queryset is None else queryset
    return queryset.filter(merged_into__isnull=True).order_by("pk")


def _chunks(values):
    values = sorted(values)
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def _as_people(rows, merged):
    """Persons from (pk, name, birth date, sex, township, village, ID hash) rows, without their
    guardians (``_add_guardians``); merged: ``_merged_hashes()``."""
    from .models import Village

    villages = dict(Village.objects.values_list("pk", "name"))
    return [
        Person(
            name=name,
            birth_date=birth,
            sex=sex,
            township_id=township,
            village_id=village,
            id_hash=id_hash,
            merged_hashes=frozenset(merged.get(pk, ())),
            ref=pk,
            label=f"{name}（{birth or '—'}，{villages.get(village, '')}）",
        )
        for pk, name, birth, sex, township, village, id_hash in rows
    ]


def _add_guardians(people, guardians):
    """guardians: (minor pk, guardian name) rows."""
    by_minor = {}
    for minor_id, name in guardians:
        by_minor.setdefault(minor_id, set()).add(normal_name(name))
    for person in people:
        person.guardians = frozenset(by_minor.get(person.ref, ()))
    return people


def registry_people(queryset=None):
    """The registered minors (of queryset) as Persons, read in one pass (no per-row queries):
    for comparing the registry with itself. To compare incoming children, read only their
    candidates (``registry_candidates``)."""
    from .models import Guardian

    queryset = _registered(queryset)
    rows = queryset.values_list(*_PERSON_COLUMNS).iterator(chunk_size=5000)
    guardians = Guardian.objects.filter(minor__in=queryset).values_list("minor_id", "name")
    return _add_guardians(_as_people(rows, _merged_hashes()), guardians)


# An incoming set at least this share of the registry reads nearly all of it through its keys
# (the birth dates and villages of a city-wide sheet cover most records): reading the registry
# whole is then cheaper, and gives the same answers.
WHOLE_READ_SHARE = 1 / 4


def _whole_is_cheaper(incoming, queryset):
    return incoming and incoming >= WHOLE_READ_SHARE * queryset.count()


def registry_candidates(people, queryset=None):
    """The registered minors (of queryset) that the incoming ``people`` can meet: those sharing
    a blocking key with one of them (``Person.blocks``) or an ID hash, merged ones included
    through their survivor. An ``Index`` of these answers ``best_matches`` and ``compare``
    for those people exactly as an index of the whole registry, at the cost of the candidates
    rather than of the registry: a village's sheet of 50 children reads that village and the
    children born on those 50 days, not 100,000 records.

    The name's sound is not stored, so the database is asked for what each key needs besides
    it (a birth date, a village, an ID hash), a few IN lists of at most ``IN_CHUNK`` values
    each, and the sound is compared here."""
    people = list(people)
    queryset = _registered(queryset)
    if _whole_is_cheaper(len(people), queryset):
        return registry_people(queryset)
    return _candidates(people, queryset)


def registered_with_candidates(pks):
    """Registered minors by primary key (those an import has just written) with the registered
    children they can meet, themselves included."""
    queryset = _registered(None)
    if _whole_is_cheaper(len(pks), queryset):
        return registry_people(queryset)
    return _candidates(_blocking_keys_of(pks), queryset)


def _candidates(people, queryset):
    from .models import Guardian

    wanted = {key for person in people for key in person.blocks()}
    hashes = {person.id_hash for person in people if person.id_hash}
    dates = {key[2] if key[0] == "nb" else key[1] for key in wanted if key[0] in ("nb", "bsv")}
    villages = {key[2] for key in wanted if key[0] == "nv"}
    rows = {}
    for lookup, values in (
        ("birth_date__in", dates),
        ("village_id__in", villages),
        ("id_number_hash__in", hashes),
    ):
        for chunk in _chunks(values):
            for row in queryset.filter(**{lookup: chunk}).values_list(*_PERSON_COLUMNS):
                rows[row[0]] = row
    # A survivor answers for the ID numbers of the records merged into it.
    merged = _merged_hashes()
    survivors = {pk for pk, theirs in merged.items() if theirs & hashes} - set(rows)
    for chunk in _chunks(survivors):
        for row in queryset.filter(pk__in=chunk).values_list(*_PERSON_COLUMNS):
            rows[row[0]] = row
    found = [
        person
        for person in _as_people((rows[pk] for pk in sorted(rows)), merged)
        if person.id_hash in hashes
        or person.merged_hashes & hashes
        or any(key in wanted for key in person.blocks())
    ]
    guardians = []
    for chunk in _chunks(person.ref for person in found):
        guardians += Guardian.objects.filter(minor_id__in=chunk).values_list("minor_id", "name")
    return _add_guardians(found, guardians)


def _blocking_keys_of(pks):
    """Registered minors by primary key with only what their blocking keys need (name, birth
    date, sex, village)."""
    from .models import Minor

    return [
        Person(name=name, birth_date=birth, sex=sex, village_id=village, ref=pk)
        for chunk in _chunks(set(pks))
        for pk, name, birth, sex, village in Minor.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "birth_date", "sex", "village_id"
        )
    ]


def _merged_hashes():
    """{survivor pk: ID hashes of the records merged into it, however many merges deep}."""
    from .models import Minor

    parent, hashes = {}, {}
    for pk, into, id_hash in Minor.objects.filter(merged_into__isnull=False).values_list(
        "pk", "merged_into_id", "id_number_hash"
    ):
        parent[pk] = into
        if id_hash:
            hashes[pk] = id_hash
    found = {}
    for pk, id_hash in hashes.items():
        survivor, seen = parent[pk], {pk}
        while survivor in parent and survivor not in seen:
            seen.add(survivor)
            survivor = parent[survivor]
        found.setdefault(survivor, set()).add(id_hash)
    return found


def person_from_values(values, ref=None, id_hash=keyed_hash):
    """The Person of an incoming row's values; ``id_hash`` hashes its ID number (a resource
    passes its own, which hashes each number once per import)."""
    township, village = values.get("township"), values.get("village")
    return Person(
        name=values.get("name") or "",
        birth_date=values.get("birth_date"),
        sex=values.get("sex") or "",
        township_id=getattr(township, "pk", None),
        village_id=getattr(village, "pk", None),
        id_hash=id_hash(values.get("id_number") or ""),
        ref=ref,
    )


def duplicates_for_import(new_rows, index=None, registry=None, id_hash=keyed_hash):
    """{row number: [description]} for new rows (no ID match) that may be a registered child
    (of the ``registry`` queryset, by default every one; only the rows' candidates are read
    unless an ``index`` is given), and for pairs of new rows in the same file that may be the
    same child."""
    if not new_rows:
        return {}
    incoming = []
    label = _("row %(row)s of this file")  # translated once, not once a row
    for row in new_rows:
        person = person_from_values(row.values, ref=row.number, id_hash=id_hash)
        person.label = label % {"row": row.number}
        incoming.append(person)
    index = index or Index(registry_candidates(incoming, registry))
    found = {}
    for person in incoming:
        for match in best_matches(person, index):
            found.setdefault(person.ref, []).append(match.describe())
    within = Index(incoming)
    for person in incoming:
        for match in best_matches(person, within):
            if match.person.ref != person.ref:
                found.setdefault(person.ref, []).append(match.describe())
    return found


KNOWN, NEW, CONFLICT, POSSIBLE = "known", "new", "conflict", "possible"


def compare(people, index):
    """For each incoming person: (outcome, best Match or None).

    known: the same ID number with agreeing name and birth date; conflict: the same ID number
    but a different name or birth date; possible: no ID match, but a candidate above the
    threshold; new: nothing like this child is on record."""
    results = []
    for person in people:
        registered = index.by_hash.get(person.id_hash) if person.id_hash else None
        if registered is not None:
            match = score(person, registered)
            match.agree.insert(0, "id_number")
            conflict = {"name", "birth_date"} & set(match.differ)
            results.append((CONFLICT if conflict else KNOWN, match))
            continue
        matches = best_matches(person, index, limit=1)
        results.append((POSSIBLE, matches[0]) if matches else (NEW, None))
    return results
