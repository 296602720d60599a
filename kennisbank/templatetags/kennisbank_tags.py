"""Small template helpers used across the site."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key`: look up a key that is itself a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
