"""The .ics of a kennisdag and the feed parse as iCalendar and keep local times across DST."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.parametrize(
    ("day", "utc_start", "utc_end"),
    [
        # Winter time (UTC+1) on the Saturday before the change of 29 March 2026 ...
        (datetime.date(2026, 3, 28), (8, 30), (15, 0)),
        # ... and summer time (UTC+2) on the Monday after it.
        (datetime.date(2026, 3, 30), (7, 30), (14, 0)),
        # Summer time on the day before the change back on 25 October 2026, winter after.
        (datetime.date(2026, 10, 24), (7, 30), (14, 0)),
        (datetime.date(2026, 10, 26), (8, 30), (15, 0)),
    ],
)
def test_kennisdag_ics_parses_with_right_times_across_dst(
    client, make_kennisdag, day, utc_start, utc_end
):
    page = make_kennisdag(
        "Kennisdag rond de klokwissel",
        datum=day,
        start=datetime.time(9, 30),
        end=datetime.time(16, 0),
        samenvatting="Wat werkt bij de versterking.",
    )
    cal = _parse(client.get(page.url + "ical/"))
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.tzinfo is not None and str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert start.astimezone(UTC) == datetime.datetime(
        day.year, day.month, day.day, *utc_start, tzinfo=UTC
    )
    assert end.astimezone(UTC) == datetime.datetime(
        day.year, day.month, day.day, *utc_end, tzinfo=UTC
    )
    assert start.astimezone(ZoneInfo("Europe/Amsterdam")).time() == datetime.time(9, 30)
    assert str(event["uid"]).startswith(f"kennisdag-{page.pk}@")
    assert event.decoded("dtstamp").tzinfo is not None
    assert str(event["location"]) == "Dorpshuis Oosternieland, Hoofdweg 1, Oosternieland"
    assert str(event["url"]).startswith("http://") and str(event["url"]).endswith(page.url)
    assert str(event["summary"]) == "Kennisdag rond de klokwissel"
    timezones = cal.walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Amsterdam"]
    assert {c.name for c in timezones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_all_day_event_without_times(client, make_kennisdag):
    page = make_kennisdag("Hele dag", datum=datetime.date(2026, 6, 1), start=None, end=None)
    event = _parse(client.get(page.url + "ical/")).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.date(2026, 6, 1)
    assert event.decoded("dtend") == datetime.date(2026, 6, 2)


def test_feed_lists_only_upcoming_published_days(client, kennisdag_index, make_kennisdag):
    from django.utils import timezone

    today = timezone.localdate()
    make_kennisdag("Geweest", datum=today - datetime.timedelta(days=10))
    make_kennisdag("Straks", datum=today + datetime.timedelta(days=10))
    make_kennisdag("Later", datum=today + datetime.timedelta(days=40))
    make_kennisdag("Concept", datum=today + datetime.timedelta(days=5), publish=False)
    cal = _parse(client.get(kennisdag_index.url + "ical/"))
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Straks", "Later"]
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == 2


def test_draft_kennisdag_has_no_ics(client, make_kennisdag):
    page = make_kennisdag("Concept", publish=False)
    assert client.get(f"/kennisdagen/{page.slug}/ical/").status_code == 404
