"""An appointment as an iCalendar file (RFC 5545), for the resident's own calendar.

A handful of lines is all a calendar needs, so they are written here rather
than with a library: text escaped, lines folded at 75 octets, CRLF line ends,
times in UTC (so no time zone block is needed).
"""

from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone

# A conversation has no recorded length; an hour is what one usually takes.
DEFAULT_LENGTH = timedelta(hours=1)


def calendar_event(
    *,
    uid: str,
    start: datetime | date,
    summary: str,
    location: str = "",
    description: str = "",
    length: timedelta = DEFAULT_LENGTH,
) -> bytes:
    """One event as an .ics file.

    `start` is a moment (an appointment, lasting `length`) or a date (a whole
    day, such as an evaluation date). `uid` stays the same for the same
    appointment, so opening a newer file moves the event instead of adding one.
    """
    if isinstance(start, datetime):
        when = [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(start + length)}"]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
        ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samen Beslissen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(timezone.now())}",
        *when,
        f"SUMMARY:{escape(summary)}",
        *([f"LOCATION:{escape(location)}"] if location else []),
        *([f"DESCRIPTION:{escape(description)}"] if description else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines).encode()


def ics_response(ics: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line ends escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (RFC 5545 3.1), never
    inside a UTF-8 character; each continuation starts with one space."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        limit = 75 if not pieces else 74  # the leading space takes one octet
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
