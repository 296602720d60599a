"""Snippets: the best-matching passage of a text, HTML-escaped, matches wrapped in <mark>.

Matching uses the same analysis as the index, so `woningen` is marked for the query
`woning` and `dakisolatie` for `isolatie`.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import tokenize
from search.engines.terms import match_spans

WINDOW = 32  # words in a snippet


def make_snippet(text: str, plan, window: int = WINDOW) -> SafeString:
    tokens = tokenize(text)
    if not tokens:
        return mark_safe("")  # noqa: S308
    spans = set(match_spans(text, plan))
    marked = [(token.start, token.end) in spans for token in tokens]
    start = 0
    if any(marked):
        best, score = 0, -1
        running = sum(marked[:window])
        for i in range(len(tokens)):
            if i:
                running += marked[i + window - 1] if i + window - 1 < len(tokens) else 0
                running -= marked[i - 1]
            if running > score:
                best, score = i, running
        # Start a little before the first match in the window, for context.
        first = next(j for j in range(best, min(best + window, len(tokens))) if marked[j])
        start = max(0, first - 6)
    end = min(len(tokens), start + window)
    out, cursor = [], tokens[start].start
    for i in range(start, end):
        token = tokens[i]
        out.append(escape(text[cursor : token.start]))
        word = escape(text[token.start : token.end])
        out.append(f"<mark>{word}</mark>" if marked[i] else word)
        cursor = token.end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308
