"""Template tags of knelpunten: the knelpunten a lesson answers, shown on the lesson page."""

from django import template

from knelpunten.selectors import visible_knelpunten_of_lesson

register = template.Library()


@register.inclusion_tag("knelpunten/_lesson_knelpunten.html")
def lesson_knelpunten(lesson, user):
    """`{% lesson_knelpunten page request.user %}`: only knelpunten this user may see."""
    if lesson is None or not getattr(lesson, "pk", None):
        return {"knelpunten": []}
    return {"knelpunten": list(visible_knelpunten_of_lesson(lesson, user))}
