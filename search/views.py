"""Search views: the HTML page, the JSON API and click tracking. Thin: see `search.service`."""

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import analytics, registry, service


@require_GET
def search_page(request):
    facet_labels = registry.facets()
    context = {"query": "", "results": None, "error": None, "facet_labels": facet_labels}
    try:
        query = service.parse_query(request.GET, request.user)
    except service.SearchInputError as error:
        context["error"] = str(error)
        return TemplateResponse(request, "search/search.html", context, status=400)
    results = service.run_search(query, lenient=True) if (query.text or query.filters) else None
    log_id = service.log_query(query, results) if results is not None else None
    context.update(
        query=query.text,
        search=query,
        results=results,
        log_id=log_id,
        # Checked facet values: the count on the "Filters" disclosure on narrow screens.
        active_filters=sum(len(values) for values in query.filters.values()),
        facets=[
            (name, label, shown_facet_values(results.facets.get(name, [])))
            for name, label in facet_labels.items()
        ]
        if results
        else [],
    )
    return TemplateResponse(request, "search/search.html", context)


# Values per facet on the page: the most frequent, plus every selected one (or applying the
# filters again would drop it). The API returns them all.
SHOWN_FACET_VALUES = 12


def shown_facet_values(counts):
    """The values of one facet the page shows, in the engine's order: the first
    `SHOWN_FACET_VALUES`, and any selected value beyond them (so the template renders only
    what it shows, not every tag of the corpus)."""
    return [c for n, c in enumerate(counts) if n < SHOWN_FACET_VALUES or c.selected]


@require_GET
def search_api(request):
    try:
        query = service.parse_query(request.GET, request.user)
    except service.SearchInputError as error:
        return JsonResponse({"error": str(error)}, status=400)
    results = service.run_search(query, lenient=True)
    return JsonResponse(
        {
            "total": results.total,
            "page": results.page,
            "results": [
                {
                    "title": hit.title,
                    # The title as HTML, escaped, its matching words in <mark>.
                    "title_html": str(hit.marked_title),
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
            # What was run: the speller's correction when the query as typed found nothing
            # (corrected_from is then the typed text), and whether the hits match most words
            # rather than all (relaxed).
            "query_used": results.query_used,
            "corrected_from": results.corrected_from,
            "relaxed": results.relaxed,
        }
    )


@require_GET
def suggest_api(request):
    return JsonResponse({"suggestions": service.suggest(request.GET.get("q", ""), request.user)})


@require_GET
def click(request, log_id: int, page_id: int):
    """Count a click on a result, then go to it: only to indexed pages on this site that the
    user may see (no open redirect, no address of a restricted page)."""
    entry = service.page_for_click(page_id, request.user)
    if entry is None:
        raise Http404
    analytics.count_click(log_id)
    return HttpResponseRedirect(entry.url)
