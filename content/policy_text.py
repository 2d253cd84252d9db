"""Reading a policy document as the government portal publishes it (a register of bullet lines,
the title, then the text) into the fields of a policy document page. Used by the demo to load
the seed, 荥政办〔2015〕53号, as the site's first policy document."""

import datetime
import html
import re
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent / "data" / "xingzhengban-2015-53.txt"

_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
_FOOTER = "主办单位"


def _date(text):
    return datetime.date.fromisoformat(text)


def parse(text):
    """{title, index_number, issuing_unit, genre, issued_on, published_on, document_number,
    body} from the portal's text. Section titles (一、…) become h2, short item titles ((一)…)
    h3, everything else paragraphs; the portal's own footer is left out."""
    lines = [line.strip() for line in text.splitlines()]
    register = [line.lstrip("• ").strip() for line in lines if line.startswith("•")]
    rest = [line for line in lines if line and not line.startswith("•")]
    title, *body_lines = rest
    parts = []
    for line in body_lines:
        if line.startswith(_FOOTER):
            continue
        line = re.sub(r"\s{2,}", "　", line)
        escaped = html.escape(line)
        if _SECTION.match(line):
            parts.append(f"<h2>{escaped}</h2>")
        elif _ITEM.match(line) and not line.endswith(("；", "。", ";")):
            parts.append(f"<h3>{escaped}</h3>")
        else:
            parts.append(f"<p>{escaped}</p>")
    return {
        "title": title,
        "index_number": register[0],
        "issuing_unit": register[1],
        "genre": register[2],
        "issued_on": _date(register[3]),
        "published_on": _date(register[4]),
        "document_number": register[6],
        "body": "".join(parts),
    }


def seed_document():
    return parse(SEED_FILE.read_text(encoding="utf-8"))
