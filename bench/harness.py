"""What the benchmarks share: a fresh database per run, a production server on loopback, a
bounded request loop, and the way figures are printed."""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = 4


def fresh_environment(prefix, settings="lantian.settings.test", **extra):
    """Environment for a child process with its own SQLite database under a new temp folder
    (or BENCH_DATABASE_URL), so a benchmark never touches var/ or another run's data."""
    var = Path(tempfile.mkdtemp(prefix=f"lantian-bench-{prefix}-"))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "LANTIAN_VAR_DIR": str(var),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{var / 'bench.sqlite3'}"),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        **extra,
    }


def production_environment(prefix):
    return fresh_environment(
        prefix,
        settings="lantian.settings.production",
        DJANGO_SECRET_KEY="bench-" + "s" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        LANTIAN_FIELD_KEY="bench-field-key-0123456789abcdef",
        DJANGO_SECURE_SSL_REDIRECT="false",
    )


def run_inner(script, prefix):
    """Run `script --inner` in a fresh database; its last line of output is a JSON object of
    figures."""
    out = subprocess.run(
        [sys.executable, str(script), "--inner"],
        env=fresh_environment(prefix),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@contextmanager
def demo_site_server(env):
    """gunicorn (2 workers) serving the demo site under `env`, until the block ends."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate"], ["createcachetable"], ["collectstatic", "--no-input"]):
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
        yield
    finally:
        server.terminate()
        server.wait()


def hammer(path, seconds=DURATION):
    """Requests per second of GET `path` from CLIENTS keep-alive clients for `seconds`."""
    counts = []
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        done = 0
        while time.monotonic() < deadline:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            done += 1
        counts.append(done)

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def print_figures(figures):
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
