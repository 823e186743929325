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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..markdown import esc
from ..model import Document
from ..readers.patterns import is_blank

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

#: (first month, last month) of each season or school term; a last month below the first wraps the year.
SEASONS = {"spring": (1, 4), "summer": (4, 7), "autumn": (9, 12), "fall": (9, 12), "winter": (12, 2)}

_YEAR = r"((?:19|20)\d\d)"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")


def numeric_readings(text: str) -> list[date]:
    """The days a numeric date ("06/04/2024") can mean: day/month first, then month/day if that differs."""
    m = _NUMERIC.search(text)
    if not m:
        return []
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    out = []
    for day, month in ((int(m[1]), int(m[2])), (int(m[2]), int(m[1]))):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d not in out:
            out.append(d)
    return out


def parse_period(text: str, locale: str | Callable[[], str] = "") -> tuple[date, date] | None:
    """The first and last day of the period a policy date names, or None when it names none.

    A numeric date is read day/month in a UK document (``locale="uk"``) and month/day in a US one; with no
    locale and both readings valid, the period runs from the earlier reading to the later. ``locale`` may be
    a function, called only for such a date.
    """
    t = " ".join(text.lower().replace(",", " ").split())
    if not t:
        return None
    m = re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", t)
    if m:
        return _single(int(m[1]), int(m[2]), int(m[3]))
    readings = numeric_readings(t)
    if readings:
        if len(readings) == 2 and callable(locale):
            locale = locale()
        if locale == "us" and len(readings) == 2:
            return readings[1], readings[1]
        if locale == "uk" or len(readings) == 1:
            return readings[0], readings[0]
        return min(readings), max(readings)
    m = re.search(r"\b(?:term|semester)\s+(?:\d|one|two|three|four)\s+" + _YEAR, t)
    if m:  # "Term 1, 2025": which months a numbered term covers differs by country, so the whole school year's
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)  # calendar year (a review is due by its end at the latest)
    m = re.search(r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\s+" + _YEAR, t)
    if m and m[2] in MONTHS:
        return _single(int(m[3]), MONTHS[m[2]], int(m[1]))
    m = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+" + _YEAR, t)  # "January 22, 2020"
    if m and m[1] in MONTHS:
        return _single(int(m[3]), MONTHS[m[1]], int(m[2]))
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


# -- showing dates ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PolicyDate:
    """A date as the policy writes it and as the site shows it, with the readings when it is ambiguous."""

    original: str
    shown: str
    ambiguous: str = ""  # "6 April or June 4": a numeric date whose day and month can swap


def day_text(d: date) -> str:
    """A day in the site's one format: "22 January 2020"."""
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


_FILLER = re.compile(r"^[\s,.;:()\-\u2013\u2014]*(?:(?:last|next|updated|revised|reviewed|review|adopted|approved|date|due|"
                     r"on|the|of|in|dated|from|rev)[\s,.;:()\-\u2013\u2014]*)*$", re.I)
_DATE_TEXT = re.compile(
    r"(?P<iso>\b\d{4}-\d\d-\d\d\b)"
    r"|(?P<num>\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b)"
    r"|(?P<nmy>\b(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b)"
    r"|(?P<dmy>\b\d{1,2}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]+\.?,?\s+(?:19|20)\d\d\b)"
    r"|(?P<mdy>\b[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b)"
    r"|(?P<my>\b[A-Za-z]+(?:\s+term)?\s+(?:19|20)\d\d\b(?:\s*[-/]\s*\d{2,4}\b)?)"
    r"|(?P<y>\b(?:19|20)\d\d\b(?:\s*[-/]\s*\d{2,4}\b)?)",
    re.I,
)


def read_date(text: str, locale: str | Callable[[], str] = "") -> PolicyDate:
    """How to show a policy date: "22 January 2020", "September 2019", "Spring 2017"; as written when it is
    not only a date; a numeric date flagged unless the document is British (``locale`` may be a function,
    called only for such a date); nothing for a blank left to fill in ("__/__/____")."""
    original = " ".join(text.split())
    if is_blank(original):
        return PolicyDate(original, "")  # "__/__/____", "dd/mm/yyyy": a blank left to fill in is no date
    m = _DATE_TEXT.search(original)
    if not m or not _FILLER.match(original[:m.start()] + " " + original[m.end():]):
        return PolicyDate(original, original)
    piece, kind = m.group(0), m.lastgroup
    if kind in ("dmy", "mdy", "my") and not any(w.lower().rstrip(".,") in MONTHS or w.lower() in SEASONS for w in piece.split()):
        return PolicyDate(original, original)  # "Term 1, 2025": a numbered term, shown as written
    if kind == "num":
        readings = numeric_readings(piece)
        if not readings:
            return PolicyDate(original, original)
        if len(readings) == 1:
            return PolicyDate(original, day_text(readings[0]))
        where = locale() if callable(locale) else locale
        if where == "uk":
            return PolicyDate(original, day_text(readings[0]))
        a, b = readings
        return PolicyDate(original, original, f"{a.day} {calendar.month_name[a.month]} or {calendar.month_name[b.month]} {b.day}")
    if kind == "nmy":  # "Rev. 6/2024": a month and a year
        month, year = piece.split("/")
        return PolicyDate(original, f"{calendar.month_name[int(month)]} {year}")
    period = parse_period(piece)
    if period is None:
        return PolicyDate(original, original)
    if kind in ("iso", "dmy", "mdy"):
        return PolicyDate(original, day_text(period[0]))
    if kind == "my":
        words = piece.split()
        word = words[0].lower().rstrip(".")
        if word in MONTHS:
            return PolicyDate(original, f"{calendar.month_name[MONTHS[word]]} {' '.join(words[1:])}")
        if word in SEASONS:
            return PolicyDate(original, " ".join(w.capitalize() if not w[0].isdigit() else w for w in words).replace(" Term ", " term "))
        return PolicyDate(original, original)
    return PolicyDate(original, piece)


def date_html(text: str, locale: str | Callable[[], str] = "", as_written: str = "") -> str:
    """A policy date for a page (already escaped): the one format, the original in a title, a flag when ambiguous.

    ``as_written`` (the source's own words, on a document page) is also shown in brackets when it differs.
    """
    d = read_date(text, locale)
    if not d.shown:
        return ""
    out = _date_html(d)
    original = " ".join((as_written or d.original).split())
    if as_written and original != d.shown and not d.ambiguous:
        out += f' <small class="aup-as-written">(as written: {esc(original)})</small>'
    return _inert(out)


def _inert(html_text: str) -> str:
    """Markdown-inert HTML: table pipes and emphasis marks as character references (it goes into table cells)."""
    return html_text.replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")


def _date_html(d: PolicyDate) -> str:
    if d.ambiguous:
        return (f'<span class="aup-date" title="{esc(d.original)}">{esc(d.shown)}</span> '
                f'<span class="aup-ambiguous" title="day and month could be either way round">(ambiguous: {esc(d.ambiguous)})</span>')
    if d.shown == d.original:
        return f'<span class="aup-date">{esc(d.shown)}</span>'
    return f'<span class="aup-date" title="as written: {esc(d.original)}">{esc(d.shown)}</span>'


_US = re.compile(r"\b(?:school\s+district|state\s+and\s+federal|federal\s+law|CIPA|FERPA|COPPA|school\s+committee|"
                 r"board\s+of\s+education|superintendent|grade\s+\d|\d(?:st|nd|rd|th)\s+grade|color|honor|behavior|"
                 r"organization|center\b|[A-Z]{2}\s+\d{5}\b|middle\s+school|high\s+school\s+students)", re.I)
_UK = re.compile(r"\b(?:pupils?|head\s?teacher|governors?|governing\s+body|ofsted|DfE|GDPR|local\s+authority|"
                 r"county\s+council|academy\s+trust|key\s+stage|KS[1-4]|colour|behaviour|organisation|safeguarding|"
                 r"centre|whilst|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b|£", re.I)


def document_locale(doc: Document) -> str:
    """"uk" or "us" when a document's words say which (spelling, institutions, postcodes), else ""."""
    text = " ".join([doc.metadata.school, doc.metadata.title] + [c.text for c in doc.clauses[:400]])
    uk, us = len(_UK.findall(text)), len(_US.findall(text))
    if uk >= 2 * us + 2:
        return "uk"
    if us >= 2 * uk + 2:
        return "us"
    return ""


def locale_of(doc: Document) -> Callable[[], str]:
    """A document's locale, worked out only when a date needs it."""
    return lambda: document_locale(doc)
