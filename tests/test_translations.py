"""The Chinese catalogue is complete and its compiled file is what the site loads."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_string_has_a_chinese_translation():
    catalogue = polib.pofile(str(LOCALE / "zh_Hans/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    assert missing == [], "untranslated or fuzzy (run `make messages`, then fill them)"


def test_compiled_catalogue_matches_the_source():
    for po_path in LOCALE.glob("*/LC_MESSAGES/django.po"):
        source = {
            (e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po_path)) if e.translated()
        }
        compiled = {
            (e.msgctxt, e.msgid): e.msgstr
            for e in polib.mofile(str(po_path.with_suffix(".mo")))
            if e.msgid
        }
        assert compiled == source, f"{po_path} changed since it was compiled: run `make messages`"
