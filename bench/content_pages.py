"""Public pages with the anonymous page cache, and Chinese site search, against a whitenoise
static file served by the same gunicorn (the reference: what this machine, server and client
can do at all).

- a news article, anonymous: rendered once, then served from the cache (content/cache.py);
- the same article right after a publish elsewhere on the site (the cache purged each time):
  what the page costs when rendered;
- a search for 热线: like any anonymous GET, its results page is cached until the next
  publish, so this is the cached figure; the search itself costs what a purged page costs.
"""

import subprocess
import sys

from bench.harness import (
    CLIENTS,
    DURATION,
    PORT,
    demo_site_server,
    hammer,
    print_figures,
    production_environment,
)

ARTICLE = "/news/hotline-launched/"
SEARCH = "/search/?q=%E7%83%AD%E7%BA%BF"  # 热线
STATIC = "/static/css/site.css"


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
    env = production_environment("content")
    with demo_site_server(env):
        hammer(ARTICLE, 1)
        static = hammer(STATIC)
        cached = hammer(ARTICLE)
        search = hammer(SEARCH)
        # One client only: compare with the static file's rate per client.
        uncached = _uncached_rate(env, DURATION)
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
    print_figures(main())
