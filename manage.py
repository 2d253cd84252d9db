#!/usr/bin/env python
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # site/ is a source root: it holds the project package `lantian`.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantian.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
