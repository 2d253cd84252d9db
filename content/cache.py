"""The anonymous page cache: public pages are rendered once and served from the cache to every
visitor who is not logged in, until something the public sees changes.

Any publish, unpublish, move or delete of a page, and any change to the hotline, navigation,
townships, service points, training sessions, registrations or materials, starts a new cache
generation: every page is rendered afresh on its next visit. Whole-site purging is deliberate:
the header, the home page's section links, the township directory and the listing blocks appear
on many pages, and a publishing office changes content a few times a day, not a second.

Never cached: logged-in users, anything but GET/HEAD, the admin and documents, responses that
set a cookie or use a CSRF token (forms), and anything but 200.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "content:page-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")


def purge(**kwargs):
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _key(request, generation):
    raw = f"{request.get_host()}|{request.get_full_path()}|{request.LANGUAGE_CODE}"
    return f"content:page-cache:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class AnonymousPageCacheMiddleware:
    """Sits after authentication and locale, so it knows who asks and in which language; the
    security headers (CSP and the rest) are added by the middleware above it on every
    response, cached or not."""

    timeout = 600

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, _generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.has_header("Cache-Control")
            and not getattr(response, "streaming", False)
        ):
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, self.timeout))
            else:
                cache.set(key, response, self.timeout)
            response["X-Page-Cache"] = "miss"
        return response


def connect_signals():
    """Called from ContentConfig.ready(): purge on publishing events and on changes to the
    other data that public pages show."""
    from wagtail.models import Page

    from protection.models import Township
    from training.models import Material, Registration, TrainingSession

    from .models import HeaderLink, HotlineSettings, NavigationSettings, ServicePoint

    page_published.connect(purge, dispatch_uid="content-cache-publish")
    page_unpublished.connect(purge, dispatch_uid="content-cache-unpublish")
    post_page_move.connect(purge, dispatch_uid="content-cache-move")
    # Training sessions, their places left and the materials show on the public calendar and
    # in the listing blocks editors put on pages.
    public_data = (Township, ServicePoint, HotlineSettings, NavigationSettings, HeaderLink)
    for model in (*public_data, TrainingSession, Registration, Material):
        post_save.connect(purge, sender=model, dispatch_uid=f"content-cache-save-{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"content-cache-del-{model.__name__}")

    def purge_on_page_delete(sender, **kwargs):
        if issubclass(sender, Page):
            purge()

    post_delete.connect(purge_on_page_delete, weak=False, dispatch_uid="content-cache-page-del")
