import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

_root = Path(__file__).resolve().parent.parent.parent
for _path in (_root, _root / "site"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantian.settings.production")

application = get_wsgi_application()

from lantian.heap import freeze_loaded_site  # noqa: E402 - once Django is set up

freeze_loaded_site()
