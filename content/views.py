"""Public views that are not pages of the tree: site search."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from .search import search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Site search for the public: Chinese queries of two characters and more find the pages
    that contain them, best first (see content/search.py)."""
    query = request.GET.get("q", "").strip()[:100]
    results = Paginator(search_pages(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.object_list = [page.specific for page in results.object_list]
    return TemplateResponse(
        request,
        "content/search_results.html",
        {"query": query, "results": results, "query_prefix": urlencode({"q": query})},
    )
