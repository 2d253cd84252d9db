"""`make messages`: refresh the translation catalogues and compile them.

Source strings are English; `locale/zh_Hans` holds the Chinese. After this runs, fill every
empty msgstr in locale/zh_Hans/LC_MESSAGES/django.po (tests fail while one is empty or fuzzy),
for instance with `scripts/messages.py --apply FILE.json` and a JSON object {msgid: msgstr},
then run `scripts/messages.py --compile-only`. Compiling uses polib, so no gettext binary is
needed for it; extracting needs xgettext (Debian's gettext package)."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["zh_Hans", "en"]


def extract():
    if not shutil.which("xgettext"):
        print("xgettext not found (apt-get install gettext): compiling only.")
        return
    for domain, extra in [("django", []), ("djangojs", ["-d", "djangojs"])]:
        if domain == "djangojs":
            continue  # the public site has no JavaScript strings
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                *[arg for locale in LOCALES for arg in ("-l", locale)],
                "--no-obsolete",
                "--no-location",
                "-i",
                ".venv",
                "-i",
                "var",
                "-i",
                "tests",
                "-i",
                "bench",
                *extra,
            ],
            cwd=ROOT,
            check=True,
        )


def compile_all():
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        missing = [e.msgid for e in catalogue if not e.translated() and "zh_Hans" in str(po_path)]
        print(f"{po_path.relative_to(ROOT)}: {len(catalogue)} entries, {len(missing)} untranslated")


def apply(json_path):
    """Fill zh_Hans msgstrs from a JSON object {msgid: msgstr}; existing ones are overwritten."""
    import json

    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    po_path = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(po_path))
    for entry in catalogue:
        if entry.msgid in translations:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: translations[entry.msgid]}
            else:
                entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save(str(po_path))


if __name__ == "__main__":
    if "--apply" in sys.argv:
        apply(sys.argv[sys.argv.index("--apply") + 1])
    elif "--compile-only" not in sys.argv:
        extract()
    compile_all()
