"""Snippets and marked titles: HTML-escaped text, matching words wrapped in <mark>.

Marks go on whole analysed tokens, decided by the same analysis as the index: `woningen`
is marked for the query `woning`, `dakisolatie` as a whole for `isolatie` (the analysis
splits it), and never part of a word (`thuis` has no `huis` in it). The text is escaped
piece by piece and only the marks are added, so the output is always HTML-safe. The text
is the document's rendered text (`kennisbank.markdown.plain_text`), never Markdown.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.engines.terms import marked_tokens

WINDOW = 32  # words in a snippet


def _region(text: str, plan, window: int) -> tuple[int, int]:
    """Where in a long text the best passage probably is, found with plain substring search
    for the query's terms; only that stretch gets the full analysis. The marks themselves
    always come from the analysis, so a poor guess costs a weaker passage, never a wrong
    mark."""
    reach = window * 12  # characters: a window of words, with room on both sides
    if plan is None or len(text) <= 3 * reach:
        return 0, len(text)
    lower = text.lower()
    positions = sorted(
        m.start()
        for term in plan.terms()
        if len(term) >= 3
        for m in re.finditer(re.escape(term), lower)
    )
    if not positions:
        return 0, len(text)
    best, most, j = positions[0], 0, 0
    for i, position in enumerate(positions):  # the densest stretch of `reach` characters
        while positions[j] < position - reach:
            j += 1
        if i - j + 1 > most:
            best, most = positions[j], i - j + 1
    start = text.rfind(" ", 0, max(0, best - reach // 2)) + 1
    end = text.find(" ", min(len(text), best + 2 * reach))
    return start, len(text) if end < 0 else end


def make_snippet(text: str, plan, window: int = WINDOW) -> SafeString:
    region_start, region_end = _region(text, plan, window)
    tokens = [
        (region_start + a, region_start + b, hit)
        for a, b, hit in marked_tokens(text[region_start:region_end], plan)
    ]
    if not tokens:
        return mark_safe("")  # noqa: S308
    marked = [hit for _, _, hit in tokens]
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
    prefix = "… " if start > 0 or region_start > 0 else ""
    suffix = " …" if end < len(tokens) or tokens[end - 1][1] < len(text.rstrip()) else ""
    body = _marked(text, tokens[start:end], tokens[start][0], tokens[end - 1][1])
    return mark_safe(prefix + body.strip() + suffix)  # noqa: S308


def mark_title(title: str, plan) -> SafeString:
    """The whole title, HTML-escaped, with its matching words marked (escaped only when
    there is no query)."""
    tokens = marked_tokens(title, plan) if plan is not None else []
    return mark_safe(_marked(title, tokens, 0, len(title)))  # noqa: S308


def _marked(text: str, tokens, start: int, end: int) -> str:
    """text[start:end], escaped, with <mark> around the tokens that match."""
    out, cursor = [], start
    for token_start, token_end, hit in tokens:
        out.append(escape(text[cursor:token_start]))
        word = escape(text[token_start:token_end])
        out.append(f"<mark>{word}</mark>" if hit else word)
        cursor = token_end
    out.append(escape(text[cursor:end]))
    return "".join(out)
