"""iCalendar output: one kennisdag as an .ics file, and a feed of the upcoming kennisdagen.

Times are written in Europe/Amsterdam with a VTIMEZONE, so that a calendar shows 09:30 as
09:30 on both sides of the change to and from summer time.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Kennisbank Herstel Groningen//Kennisdagen//NL"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    return cal


def _absolute_url(page, request) -> str:
    return page.get_full_url(request) or request.build_absolute_uri(page.get_url(request))


def kennisdag_event(page, request) -> Event:
    event = Event()
    host = request.get_host().split(":")[0] if request else "kennisbank"
    event.add("uid", f"kennisdag-{page.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    if page.start_tijd:
        start = datetime.datetime.combine(page.datum, page.start_tijd, tzinfo=AMSTERDAM)
        if page.eind_tijd:
            end = datetime.datetime.combine(page.datum, page.eind_tijd, tzinfo=AMSTERDAM)
        else:
            end = start + datetime.timedelta(hours=1)  # no end given: an hour, not zero
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        # A day without times is an all-day event (DTEND is exclusive).
        event.add("dtstart", page.datum)
        event.add("dtend", page.datum + datetime.timedelta(days=1))
    event.add("summary", page.title)
    if page.samenvatting:
        event.add("description", page.samenvatting)
    if page.locatie:
        event.add("location", page.locatie)
    if request is not None:
        event.add("url", _absolute_url(page, request))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    return event


def _finish(cal: Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def kennisdag_ics(page, request) -> bytes:
    cal = _calendar(page.title)
    cal.add_component(kennisdag_event(page, request))
    return _finish(cal)


def feed_ics(pages, request) -> bytes:
    cal = _calendar("Kennisdagen Herstel Groningen")
    for page in pages:
        cal.add_component(kennisdag_event(page, request))
    return _finish(cal)
