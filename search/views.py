"""Search views: the HTML page, the JSON API and click tracking. Thin: see `search.service`."""

from django.db.models import F
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import service
from search.models import FACETS, QueryLog, SearchEntry

FACET_LABELS = {
    "type": "Soort inhoud",
    "soort": "Soort les",
    "fase": "Fase",
    "gebied": "Gebied",
    "gemeente": "Gemeente",
    "organisatie": "Organisatie",
    "actielijn": "Actielijn",
    "doel": "Doel",
    "thema": "Thema",
    "doelgroep": "Doelgroep",
    "tag": "Tag",
    "jaar": "Jaar",
}


@require_GET
def search_page(request):
    context = {"query": "", "results": None, "error": None, "facet_labels": FACET_LABELS}
    try:
        query = service.parse_query(request.GET, request.user)
    except service.SearchInputError as error:
        context["error"] = str(error)
        return TemplateResponse(request, "search/search.html", context, status=400)
    results = service.run_search(query) if (query.text or query.filters) else None
    log = service.log_query(query, results) if results is not None else None
    context.update(
        query=query.text,
        search=query,
        results=results,
        log_id=log.pk if log else None,
        facets=[(name, FACET_LABELS[name], results.facets[name]) for name in FACETS]
        if results
        else [],
    )
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def search_api(request):
    try:
        query = service.parse_query(request.GET, request.user)
    except service.SearchInputError as error:
        return JsonResponse({"error": str(error)}, status=400)
    results = service.run_search(query)
    return JsonResponse(
        {
            "total": results.total,
            "page": results.page,
            "results": [
                {
                    "title": hit.title,
                    "url": hit.url,
                    "type": hit.type,
                    "snippet": str(hit.snippet),
                    "date": hit.date.isoformat() if hit.date else None,
                }
                for hit in results.hits
            ],
            "facets": {
                name: [{"value": c.value, "label": c.label, "count": c.count} for c in counts]
                for name, counts in results.facets.items()
            },
            "suggestion": results.suggestion,
        }
    )


@require_GET
def suggest_api(request):
    return JsonResponse({"suggestions": service.suggest(request.GET.get("q", ""), request.user)})


@require_GET
def click(request, log_id: int, page_id: int):
    """Count a click on a result, then go to it (only to pages in the index: no open redirect)."""
    entry = get_object_or_404(SearchEntry, page_id=page_id)
    if not entry.url.startswith("/"):
        raise Http404
    QueryLog.objects.filter(pk=log_id).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(entry.url)
