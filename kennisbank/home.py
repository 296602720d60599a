"""What the home page shows besides its own fields: the latest lessons and the next kennisdag.

Each section comes from the selector of the app that owns it, so the same visibility
rules apply here as everywhere else. Apps wire themselves in as they land.
"""

from kennisdagen.selectors import next_kennisdag


def home_sections(request) -> dict:
    return {"latest_lessons": [], "next_kennisdag": next_kennisdag(request)}
