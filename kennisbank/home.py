"""What the home page shows besides its own fields: the latest lessons and the next kennisdag.

Each section comes from the selector of the app that owns it, so the same visibility
rules apply here as everywhere else.
"""

from kennisdagen.selectors import next_kennisdag
from lessons.selectors import latest_lessons


def home_sections(request) -> dict:
    return {
        "latest_lessons": latest_lessons(request.user, limit=5),
        "next_kennisdag": next_kennisdag(request),
    }
