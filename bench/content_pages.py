"""Public pages with the anonymous page cache, and Chinese site search, against a whitenoise
static file served by the same gunicorn (the reference: what this machine, server and client
can do at all).

- a news article, anonymous: rendered once, then served from the cache (content/cache.py);
- the same article right after a publish elsewhere on the site (the cache purged each time):
  what the page costs when rendered;
- a search for 热线: like any anonymous GET, its results page is cached until the next
  publish, so this is the cached figure; the search itself costs what a purged page costs.
"""

import http.client
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.http_throughput import CLIENTS, DURATION, PORT, ROOT, hammer

ARTICLE = "/news/hotline-launched/"
SEARCH = "/search/?q=%E7%83%AD%E7%BA%BF"  # 热线
STATIC = "/static/css/site.css"


def _environment(var):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lantian.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LANTIAN_FIELD_KEY": "bench-field-key-0123456789abcdef",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "LANTIAN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
    }


def _uncached_rate(env, seconds):
    """Requests/s of the article when every request finds the cache purged: a single client
    purges (through Django, as a publish does) and fetches, in turn."""
    code = (
        "import django,time,http.client;django.setup();"
        "from content.cache import purge;"
        f"c=http.client.HTTPConnection('127.0.0.1',{PORT});n=0;t=time.monotonic()\n"
        f"while time.monotonic()-t<{seconds}:\n"
        f" purge();c.request('GET','{ARTICLE}',headers={{'Host':'127.0.0.1'}});"
        "r=c.getresponse();r.read();assert r.headers['X-Page-Cache']=='miss';n+=1\n"
        f"print(n/{seconds})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main():
    var = Path(tempfile.mkdtemp(prefix="lantian-bench-content-"))
    env = _environment(var)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command, "-v0"], env=env, check=True)
    subprocess.run([*manage, "load_initial_data"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lantian.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        hammer(ARTICLE, 1)
        static = hammer(STATIC)
        cached = hammer(ARTICLE)
        search = hammer(SEARCH)
        # One client only: compare with the static file's rate per client.
        uncached = _uncached_rate(env, DURATION)
    finally:
        server.terminate()
        server.wait()
    return {
        f"whitenoise static file {STATIC} (requests/s)": static,
        "news article, anonymous, cached (requests/s)": cached,
        "news article / static file": cached / static,
        "search 热线, anonymous, cached (requests/s)": search,
        "search / static file": search / static,
        "news article after a purge, one client (requests/s)": uncached,
        "news article after a purge / static file per client": uncached / (static / CLIENTS),
    }


if __name__ == "__main__":
    for name, value in main().items():
        print(f"{name}: {value:.2f}")
