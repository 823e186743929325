"""Find which of many literal strings occur in a text in one pass, and which strings a pattern's matches need (the tagger's pre-filter)."""
from __future__ import annotations

import re
from collections.abc import Iterator

import ahocorasick

#: Characters that match an ASCII letter case-insensitively without lower-casing to it (see the ``re`` docs:
#: U+0130, U+0131, U+017F, U+212A; U+0130 also lower-cases to two characters). In a text without them, an
#: ASCII pattern matched case-insensitively matches exactly where its lower-cased form matches the
#: lower-cased text, at the same positions (:func:`lowered`): a case-sensitive scan, several times faster.
ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive pattern that finds on ``text.lower()`` what ``pattern`` (``re.I``) finds on ``text``,
    for texts without :data:`ODD_CASE` characters; None when there is no such promise (a pattern with a
    letter outside ASCII, an upper-case escape such as ``\\W`` that lower-casing would change, or flags other
    than ``re.I``). Characters without case (``’``) may be anywhere."""
    source = pattern.pattern
    if pattern.flags != re.I | re.U or re.search(r"\\[A-Z]", source) or _INLINE_FLAGS.search(source):
        return None
    if not all(ch.isascii() or ch.lower() == ch.upper() == ch.casefold() == ch for ch in source):
        return None
    if not _ranges_keep_case(source):
        return None
    try:
        return re.compile(source.lower().replace("(?p<", "(?P<"))
    except re.error:
        return None


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


def _ranges_keep_case(source: str) -> bool:
    """Whether every range in the pattern's character classes runs between two lower-case letters, two
    upper-case letters or two digits (``[A-z]`` also spans "_" and "^", which lower-casing would drop)."""
    k, first = 0, -1  # first: where the current class's members start (-1: not in a class)
    while k < len(source):
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if first < 0 and ch == "[":
            first = k + 2 if source[k + 1:k + 2] == "^" else k + 1
            k = first + 1  # a "]" or "-" first in the class is a member
            continue
        if first >= 0 and ch == "]":
            first = -1
        elif first >= 0 and ch == "-" and source[k + 1:k + 2] != "]":
            a, b = source[k - 1], source[k + 1:k + 2]
            escaped = k - 2 >= first and source[k - 2] == "\\"
            if escaped or not ((a.islower() and b.islower()) or (a.isupper() and b.isupper()) or (a.isdigit() and b.isdigit())):
                return False  # a range from or to an escape, or across kinds: not promised
        k += 1
    return True


def _class_end(source: str, k: int) -> int:
    """The index just past the character class that opens at ``source[k]`` ("[")."""
    j = k + 1
    if source[j:j + 1] == "^":
        j += 1
    if source[j:j + 1] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def loosened(source: str) -> re.Pattern[str] | None:
    """A pattern that finds a match in every text the given (case-sensitive) one does: the same with every
    zero-width assertion dropped (look-arounds, word boundaries, anchors), which only ever keep matches out.
    Without an assertion in front, the engine can skip ahead to the letters a match starts with, so a text
    without any match is turned down many times faster. None when the result does not compile."""
    out, k, n = [], 0, len(source)
    while k < n:
        ch = source[k]
        if ch == "\\":
            if source[k + 1:k + 2] not in ("b", "B", "A", "Z"):
                out.append(source[k:k + 2])
            k += 2
        elif ch == "[":
            end = _class_end(source, k)
            out.append(source[k:end])
            k = end
        elif source.startswith(("(?=", "(?!", "(?<=", "(?<!"), k):
            depth, j = 0, k
            while j < n:
                c = source[j]
                if c == "\\":
                    j += 2
                    continue
                if c == "[":
                    j = _class_end(source, j)
                    continue
                depth += (c == "(") - (c == ")")
                if depth == 0:
                    break
                j += 1
            k = j + 1
        elif ch in "^$":
            k += 1
        else:
            out.append(ch)
            k += 1
    try:
        return re.compile("".join(out))
    except (re.error, RecursionError):
        return None


Scan = tuple[re.Pattern[str], re.Pattern[str]]


def scans(pattern: re.Pattern[str]) -> Scan | None:
    """A case-insensitive pattern's fast form: (a looser quick test, the case-sensitive scan), both for the
    lower-cased text (see :func:`lowered` and :func:`loosened`); None when there is none."""
    full = lowered(pattern)
    return None if full is None else (loosened(full.pattern) or full, full)


def find(pattern: re.Pattern[str], scan: Scan | None, text: str, low: str,
         hit: re.Match[str] | None = None) -> tuple[list[tuple[int, int]], str]:
    """The spans of the pattern's non-empty matches in ``text`` and its first match (as ``search`` finds it);
    with ``scan`` (:func:`scans`, for a text without :data:`ODD_CASE` characters) from ``low``, the lower-cased
    text, with the same result. ``hit``: the looser scan's first match in ``low``, when the caller has it."""
    if scan is None:
        spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        return spans, pattern.search(text).group(0) if spans else ""
    loose, full = scan
    matches = []
    if hit is None:
        hit = loose.search(low)
    while hit is not None:
        # no match of the full pattern starts before a match of the looser one: try it only there (``pos``
        # is not slicing: look-behinds still see the text before it)
        at = full.match(low, hit.start())
        if at is None:
            hit = loose.search(low, hit.start() + 1)
        elif at.end() == at.start():  # an empty match: leave finditer's rules for those to finditer
            matches += full.finditer(low, hit.start())
            break
        else:
            matches.append(at)
            hit = loose.search(low, at.end())
    spans = [m.span() for m in matches if m.end() > m.start()]
    if not spans:
        return [], ""
    return spans, text[matches[0].start():matches[0].end()]


def find_from(full: re.Pattern[str], text: str, low: str, starts: tuple[str, ...]) -> tuple[list[tuple[int, int]], str]:
    """:func:`find`'s result for a pattern every match of which starts with one of ``starts`` (see
    :func:`required`) in ``low``: its case-sensitive scan (``scans(pattern)[1]``) tried only where one of them
    occurs, leftmost first, instead of a looser scan over the whole text."""
    places = set()
    for start in starts:
        k = low.find(start)
        while k >= 0:
            places.add(k)
            k = low.find(start, k + 1)
    matches = list(iter_from(full, low, sorted(places)))
    spans = [m.span() for m in matches if m.end() > m.start()]
    if not spans:
        return [], ""
    return spans, text[matches[0].start():matches[0].end()]


def _whole(items: list) -> set[str] | None:
    """The strings a (case-sensitive) parsed pattern matches when it matches only literal strings, else None."""
    from re import _constants as c

    out = {""}
    for op, av in items:
        if op is c.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            inner = _whole(list(av[3]))
            if inner is None:
                return None
            out = {s + w for s in out for w in inner}
        elif op is c.BRANCH:
            alternatives = [_whole(list(b)) for b in av[1]]
            if any(a is None for a in alternatives):
                return None
            out = {s + w for s in out for a in alternatives for w in a}
        else:
            return None
        if len(out) > 64:
            return None
    return out


def _starts(items: list, limit: int = 64) -> set[str]:
    """Strings one of which every match of a parsed pattern starts with ("" among them: no promise), at most
    ``limit`` of them."""
    from re import _constants as c

    out = {""}
    for op, av in items:
        whole = _strings([(op, av)])
        if whole is not None:
            joined = {s + w for s in out for w in whole}
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            joined = {s + w for s in out for w in _starts(list(av[3]), limit)}
        elif op is c.BRANCH:
            joined = {s + w for s in out for b in av[1] for w in _starts(list(b), limit)}
        else:
            return out
        if len(joined) > limit:
            return out  # what every match starts with so far still holds
        if whole is None:
            return joined
        out = joined
    return out


def required(pattern: re.Pattern[str], limit: int = 64) -> tuple[str, ...] | None:
    """Lower-case ASCII strings (at most ``limit``), one of which every match of the (``re.I``) pattern in a text
    without :data:`ODD_CASE` characters starts with in the lower-cased text: the literal starts of its
    loosened, lower-cased form (see :func:`scans`). None when it promises none (a match may start with a
    character class, a wildcard)."""
    scan = scans(pattern)
    if scan is None:
        return None
    try:
        starts = _starts(list(re._parser.parse(scan[0].pattern)), limit)
    except (re.error, RecursionError, AttributeError):
        return None
    if not starts or any(len(s) < 2 or not s.isascii() or s != s.lower() for s in starts):
        return None
    return tuple(sorted(starts))


def _strings(items: list) -> set[str] | None:
    """The strings a (case-sensitive) parsed sequence matches when it matches only literal strings, with
    optional parts (``s?``) and sets of single characters (``[345]``) among them; else None."""
    from re import _constants as c

    out = {""}
    for op, av in items:
        if op is c.LITERAL:
            alts: set[str] | None = {chr(av)}
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            alts = _strings(list(av[3]))
        elif op is c.BRANCH:
            branches = [_strings(list(b)) for b in av[1]]
            alts = None if any(b is None for b in branches) else set().union(*branches)
        elif op is c.IN and all(o is c.LITERAL for o, _ in av):
            alts = {chr(a) for _, a in av}
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] == 1:
            inner = _strings(list(av[2]))
            alts = None if inner is None else inner | ({""} if av[0] == 0 else set())
        else:
            return None
        if alts is None:
            return None
        out = {s + a for s in out for a in alts}
        if len(out) > 64:
            return None
    return out


def _fewest(group: set[str]) -> frozenset[str] | None:
    """A set of strings, one of which a text holds, without those holding another (that one is there then);
    None when one is too short to tell anything (under two characters)."""
    if not group or min(map(len, group)) < 2:
        return None
    return frozenset(s for s in group if not any(o != s and o in s for o in group))


def _rarest(groups: list[frozenset[str]]) -> frozenset[str] | None:
    """The group least likely to be in a text: its shortest string the longest, then the fewest strings."""
    return min(groups, key=lambda g: (-min(map(len, g)), len(g), sorted(g)), default=None)


def _groups(items: list) -> list[frozenset[str]]:
    """Sets of strings such that every match of a (case-sensitive) parsed sequence holds one string of each:
    its runs of literal strings, and what its groups, alternatives and repeats (at least once) need."""
    from re import _constants as c

    out: list[frozenset[str] | None] = []
    run = {""}
    for op, av in items:
        whole = _strings([(op, av)])
        if whole is not None:
            joined = {s + w for s in run for w in whole}
            if len(joined) <= 64:
                run = joined
            else:
                out.append(_fewest(run))
                run = whole
            continue
        out.append(_fewest(run))
        run = {""}
        if op is c.SUBPATTERN and not av[1] and not av[2]:
            out += _groups(list(av[3]))
        elif op is c.BRANCH:
            rarest = [_rarest(_groups(list(b))) for b in av[1]]
            if all(r is not None for r in rarest):
                out.append(_fewest(set().union(*rarest)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _groups(list(av[2]))
    out.append(_fewest(run))
    return [g for g in out if g is not None]


def needs(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-case ASCII strings such that, wherever the (``re.I``) pattern matches a text without
    :data:`ODD_CASE` characters, the lower-cased text holds one string of each set (the rarest set first);
    None when it promises none. Read from the loosened, lower-cased pattern (see :func:`scans`): its runs of
    literal letters, ``photo(?:graph)?s?`` and ``[345]g`` among them, in every alternative."""
    scan = scans(pattern)
    if scan is None:
        return None
    try:
        groups = _groups(list(re._parser.parse(scan[0].pattern)))
    except (re.error, RecursionError, AttributeError):
        return None
    groups = [g for g in dict.fromkeys(groups) if all(s.isascii() and s == s.lower() for s in g)]
    groups.sort(key=lambda g: (-min(map(len, g)), len(g), sorted(g)))
    return tuple(groups) or None


class Literals:
    """Every literal the terms need, found in a lower-cased text in one Aho-Corasick pass (``pyahocorasick``,
    C: every occurrence, overlapping ones too, some five times faster than one regular expression of them all)."""

    def __init__(self, literals: set[str]) -> None:
        self.finder: ahocorasick.Automaton | None = None
        if literals:
            self.finder = ahocorasick.Automaton()
            for lit in sorted(literals):
                self.finder.add_word(lit, lit)
            self.finder.make_automaton()

    def present(self, lowered: str) -> set[str]:
        """The literals that occur in the text."""
        if self.finder is None:
            return set()
        return {lit for _, lit in self.finder.iter(lowered)}


class Starts:
    """Where in a lower-cased text a match may start: every place one of some strings occurs (those of
    :func:`required`), found in one Aho-Corasick pass."""

    def __init__(self, strings: tuple[str, ...]) -> None:
        # a string that starts with another one adds no place
        kept = [s for s in sorted(set(strings)) if not any(o != s and s.startswith(o) for o in strings)]
        self.finder = ahocorasick.Automaton()
        for s in kept:
            self.finder.add_word(s, len(s))
        self.finder.make_automaton()

    def places(self, lowered: str) -> list[int]:
        """Every place, in order, where one of the strings starts in the text."""
        return sorted({end - size + 1 for end, size in self.finder.iter(lowered)})


def iter_from(full: re.Pattern[str], low: str, places: list[int]) -> Iterator[re.Match[str]]:
    """``full.finditer(low)`` for a pattern whose every match starts at one of ``places`` (in order): the
    pattern tried there only, leftmost first."""
    pos = 0
    for at in places:
        if at < pos:
            continue
        hit = full.match(low, at)
        if hit is None:
            continue
        if hit.end() == hit.start():  # an empty match: leave finditer's rules for those to finditer
            yield from full.finditer(low, at)
            return
        yield hit
        pos = hit.end()
