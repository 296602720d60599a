"""The public search page (thin: parsing and querying live in `search.service`)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from search.service import MAX_QUERY_LENGTH, search_pages


def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_pages(query, request.user) if query else []
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    return TemplateResponse(
        request, "search/search.html", {"query": query, "page_obj": page}
    )
