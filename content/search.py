"""Site search that understands Chinese.

Wagtail's database backend splits text on spaces and punctuation (SQLite FTS5's unicode61
tokenizer, PostgreSQL's `simple` configuration): a run of Chinese characters such as
"困境未成年人社会保护工作热线" is one token, so a query for 热线 finds nothing. Chinese words are
mostly two characters long, so every page also indexes its text as overlapping character pairs
("困境 境未 未成 …") and a query is cut the same way and searched with AND: 热线 matches the pair
热线, 困境儿童 must contain 困境, 境儿 and 儿童. The backend then ranks as it always does (BM25 on
SQLite, ts_rank on PostgreSQL), with the title weighted above the body. No dictionary, no
extra package, the same on both databases.
"""

import re

from django.utils.html import strip_tags

# CJK ideographs (with extension A and the compatibility block): characters that are written
# without spaces between words.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")


def bigrams(text):
    """The text as search tokens: runs of Chinese as overlapping pairs, other words as they are.

    >>> bigrams("拨打热线 110")
    '拨打 打热 热线 110'
    """
    tokens = []
    for run in _TOKENS.findall(strip_tags(text or "")):
        if _CJK_RUN.match(run) and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run.lower())
    return " ".join(tokens)


def search_pages(query, queryset=None):
    """Live, public pages matching `query`, best first. One-character Chinese queries have no
    pair to match, so they fall back to the titles that contain the character."""
    from wagtail.models import Page

    pages = (queryset if queryset is not None else Page.objects).live().public()
    query = (query or "").strip()[:100]
    terms = bigrams(query)
    if not terms:
        return pages.none()
    if len(terms) == 1 and _CJK_RUN.match(terms):
        return pages.filter(title__contains=terms).order_by("-first_published_at")
    return pages.search(terms, operator="and")
