"""Policy dates as schools write them ("April 2024", "SPRING 2018", "22 nd January 2020") and the build date.

A date names a period; a review is due by the *end* of its period ("June 2020" is overdue from 1 July 2020).
School terms follow the English school year: spring term January-April, summer term April-July, autumn
term September-December; "winter" is December-February.

The build date that decides which reviews have passed is, for reproducible builds: ``AUP_BUILD_DATE``
(``YYYY-MM-DD``) if set, else ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) if set, else today.
"""
from __future__ import annotations

import calendar
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

#: (first month, last month) of each season or school term; a last month below the first wraps the year.
SEASONS = {"spring": (1, 4), "summer": (4, 7), "autumn": (9, 12), "fall": (9, 12), "winter": (12, 2)}

_YEAR = r"((?:19|20)\d\d)"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> tuple[date, date] | None:
    """The first and last day of the period a policy date names, or None when it names none."""
    t = " ".join(text.lower().replace(",", " ").split())
    if not t:
        return None
    m = re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", t)
    if m:
        return _single(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b", t)
    if m:  # UK order: day/month/year
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _single(year, int(m[2]), int(m[1]))
    m = re.search(r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+([a-z]+)\s+" + _YEAR, t)
    if m and m[2] in MONTHS:
        return _single(int(m[3]), MONTHS[m[2]], int(m[1]))
    for m in re.finditer(r"\b([a-z]+)(?:\s+term)?\s+" + _YEAR, t):
        word, year = m[1], int(m[2])
        if word in MONTHS:
            return date(year, MONTHS[word], 1), _month_end(year, MONTHS[word])
        if word in SEASONS:
            first, last = SEASONS[word]
            return date(year, first, 1), _month_end(year + 1 if last < first else year, last)
    m = re.fullmatch(r"(?:[a-z ]*\s)?" + _YEAR, t)
    if m:
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    return None


def _single(year: int, month: int, day: int) -> tuple[date, date] | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """The date reviews are checked against: AUP_BUILD_DATE, else SOURCE_DATE_EPOCH, else today."""
    env = os.environ if environ is None else environ
    if env.get("AUP_BUILD_DATE"):
        return date.fromisoformat(env["AUP_BUILD_DATE"].strip())
    if env.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), tz=UTC).date()
    return date.today()


def review_overdue(review: str, today: date) -> bool:
    """True when the review date's period ended before ``today``; unknown dates are never overdue."""
    period = parse_period(review)
    return period is not None and period[1] < today
