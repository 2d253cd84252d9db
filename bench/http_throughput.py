"""Anonymous home-page throughput against a whitenoise static file, served by the same gunicorn.

The static file is the reference: its rate is what this machine, this server and this client
can do at all; the home page's rate as a ratio of it is what our code costs."""

import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = 4


def hammer(path, seconds=DURATION):
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


def main():
    var = Path(tempfile.mkdtemp(prefix="lantian-bench-"))
    env = {
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
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run([*manage, *command], env=env, check=True)
    subprocess.run([*manage, "load_initial_data"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lantian.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        static_path = "/static/css/site.css"
        hammer("/", 1)  # warm up both workers
        home = hammer("/")
        static = hammer(static_path)
    finally:
        server.terminate()
        server.wait()
    return {
        "anonymous home page (requests/s)": home,
        f"whitenoise static file {static_path} (requests/s)": static,
        "home page / static file": home / static,
    }


if __name__ == "__main__":
    for name, value in main().items():
        print(f"{name}: {value:.2f}")
