"""The objects a process holds once the site is loaded, set aside from the garbage collector.

A loaded site holds about half a million Python objects (models, URL patterns, admin viewsets,
translation catalogues) that live as long as the process. Python's cyclic collector walks every
one of them at each full collection: about 0.2 s a time on these machines, several times during a
large import and in any request that allocates enough. ``gc.freeze()`` moves them into a
generation the collector never walks, which Python's documentation advises for servers that load
before they serve (and, with gunicorn's ``--preload``, keeps those pages shared between forked
workers). Called by the WSGI entry point and by the task worker (``db_worker``)."""

import gc


def freeze_loaded_site():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading the admin's viewsets and hooks is the point
    gc.collect()
    gc.freeze()
