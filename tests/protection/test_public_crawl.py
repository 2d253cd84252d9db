"""Nothing of the registries ever reaches the public site: crawl every public URL reachable
from the home page and the sitemap, anonymously, and look for any registry datum."""

import re
from urllib.parse import urljoin, urlparse

from django.utils.html import escape

from protection.models import Case, Guardian, IntakeReport, Minor

LINK = re.compile(r'(?:href|src)="([^"#]+)"')
MAX_PAGES = 400


def registry_secrets():
    """Strings that must never appear: names, ID numbers (whole and as masked prefixes),
    phones, case numbers, receipts, report texts."""
    found = set()
    for minor in Minor.objects.all():
        found |= {minor.name, minor.id_number, minor.id_number[:10]}
    for guardian in Guardian.objects.all():
        found |= {guardian.name, guardian.id_number, guardian.phone}
    found |= set(Case.objects.values_list("reference", flat=True))
    found |= set(Case.objects.values_list("summary", flat=True))
    for report in IntakeReport.objects.all():
        found |= {report.receipt, report.what_happened}
    return {s for s in found if s}


def test_no_registry_data_on_any_public_page(client, seeded_site):
    secrets = registry_secrets()
    assert len(secrets) > 100  # the demo registry was loaded: the crawl looks for something
    minor = Minor.objects.first()
    searches = [f"/search/?q={q}" for q in ("示例", minor.name, minor.id_number, "GA-")]
    queue, seen = ["/", "/sitemap.xml", "/robots.txt", *searches], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            location = response["Location"]
            assert not urlparse(location).path.startswith("/admin"), url
            queue.append(urlparse(location).path)
            continue
        content_type = response.get("Content-Type", "")
        if not (content_type.startswith("text/") or "xml" in content_type):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        if url.startswith("/search/") and "q=" in url:  # it may echo what was typed: no leak
            typed = url.split("q=", 1)[1]
            text = text.replace(typed, "").replace(escape(typed), "")
        leaked = [s for s in secrets if s in text]
        assert not leaked, (url, leaked[:3])
        for link in LINK.findall(text) + re.findall(r"<loc>([^<]+)</loc>", text):
            parsed = urlparse(urljoin("http://testserver" + url, link))
            if parsed.netloc not in ("testserver", "localhost", "") or parsed.path.startswith(
                ("/admin", "/static/", "/documents/")
            ):
                continue
            queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    assert len(seen) > 10  # the crawl did walk the site
