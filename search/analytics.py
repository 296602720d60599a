"""Search analytics for editors: top queries, queries without results, and the weekly trend.

Reads only `QueryLog`, which holds normalised queries and counts, never who searched.
"""

from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from search.models import QueryLog


def report(days: int = 90, limit: int = 25) -> dict:
    since = timezone.now() - timedelta(days=days)
    logs = QueryLog.objects.filter(created_at__gte=since)
    top = (
        logs.values("query")
        .annotate(searches=Count("id"), clicks=Sum("clicks"))
        .order_by("-searches", "query")[:limit]
    )
    zero = (
        logs.filter(results=0)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )
    trend = (
        logs.annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(searches=Count("id"))
        .order_by("week")
    )
    return {"days": days, "top": list(top), "zero": list(zero), "trend": list(trend)}
