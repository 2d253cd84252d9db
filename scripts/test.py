"""`make test`: every check, in order, then one summary line.

ruff (check and format), migrations up to date, `manage.py check`, `check --deploy` under the
production settings, the pytest suite on SQLite, again on PostgreSQL when one answers (or
DATABASE_URL names one), and the browser tests in headless Chromium. Exits non-zero on any
failure; a missing chromium is announced loudly and the rest still runs."""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS = ROOT / "test-results"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"

# The documented production environment (.env.example), with throw-away values.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lantian.settings.production",
    "DJANGO_SECRET_KEY": "ci-" + "x7Rk2pQ9vLm4Tz8Wc1Ns6Hb3Jd5Fg0Ya" * 2,
    "DJANGO_ALLOWED_HOSTS": "lantian.example.org",
    "LANTIAN_FIELD_KEY": "ci-field-key-0123456789abcdef0123456789",
}

steps = []  # (name, ok, detail)
totals = {"passed": 0, "failed": 0, "skipped": 0}


def run(name, cmd, env=None):
    print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
    result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, check=False)
    steps.append((name, result.returncode == 0, f"exit {result.returncode}"))
    return result.returncode


def pytest(name, args, env=None):
    RESULTS.mkdir(exist_ok=True)
    junit = RESULTS / f"junit-{name.replace(' ', '-')}.xml"
    code = run(name, [sys.executable, "-m", "pytest", *args, f"--junitxml={junit}", "-q"], env)
    if code == 5:  # pytest found no test: that is a failure of the suite, not a pass
        steps[-1] = (name, False, "no tests collected")
    if junit.exists():
        suite = ET.parse(junit).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        tests, failures, errors, skipped = (
            int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
        )
        totals["failed"] += failures + errors
        totals["skipped"] += skipped
        totals["passed"] += tests - failures - errors - skipped


def postgres_url():
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return os.environ["DATABASE_URL"]
    try:
        import psycopg

        psycopg.connect(LOCAL_POSTGRES, connect_timeout=3).close()
    except Exception:
        return None
    return LOCAL_POSTGRES


def main():
    sqlite_env = {"DATABASE_URL": ""}
    ruff = str(VENV_BIN / "ruff")
    run("ruff check", [ruff, "check", "."])
    run("ruff format", [ruff, "format", "--check", "."])
    manage = [sys.executable, "manage.py"]
    run("migrations", [*manage, "makemigrations", "--check", "--dry-run"], sqlite_env)
    run("django check", [*manage, "check", "--fail-level", "WARNING"], sqlite_env)
    run(
        "deploy check",
        [*manage, "check", "--deploy", "--fail-level", "WARNING"],
        {**sqlite_env, **PRODUCTION_ENV},
    )

    workers = ["-n", os.environ.get("PYTEST_WORKERS", "auto")]
    pytest("suite sqlite", [*workers, "-m", "not e2e"], sqlite_env)
    url = postgres_url()
    if url:
        pytest("suite postgresql", [*workers, "-m", "not e2e"], {"DATABASE_URL": url})
    else:
        steps.append(("suite postgresql", True, "no PostgreSQL answered; not run"))
        print("\n!!! No PostgreSQL answered on 127.0.0.1:5432 and DATABASE_URL is unset:")
        print("!!! the PostgreSQL run of the suite was left out.\n")

    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        pytest("browser", [*workers, "-m", "e2e"], sqlite_env)
    else:
        steps.append(("browser", True, "NOT RUN: chromium is not installed"))
        bar = "!" * 78
        print(f"\n{bar}\n!!! chromium is not installed: the browser tests did NOT run.")
        print(f"!!! Install it (apt-get install chromium) to run them; CI does.\n{bar}\n")

    print("\n=== summary")
    for name, ok, detail in steps:
        print(f"  {'ok  ' if ok else 'FAIL'} {name} ({detail})")
    failed_steps = [name for name, ok, _ in steps if not ok]
    check_failures = sum(
        1 for name, ok, _ in steps if not ok and not name.startswith(("suite", "browser"))
    )
    print(
        f"total: {totals['passed']} passed, {totals['failed'] + check_failures} failed"
        + (f", {totals['skipped']} skipped" if totals["skipped"] else "")
    )
    sys.exit(1 if failed_steps else 0)


if __name__ == "__main__":
    main()
