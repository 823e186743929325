"""A taxonomy's terms found in a text: which terms match, where, and which of them count.

Most terms cannot match most texts. One regular-expression pass finds which literal strings of the terms occur
in the lower-cased text (:class:`.literals.Literals`); a term is tried only where every string one of its
alternatives needs is there (:func:`.literals.needs`), and then first with a looser scan (:func:`.literals.scans`).
The result is what trying every term on the text gives (tests compare the two).
"""
from __future__ import annotations

import re

from .learned import STOP_WORDS
from .literals import ODD_CASE, Literals, find, find_from, needs, required, scans
from .policynames import policy_names
from .taxonomy import Taxonomy, Term, compile_term

MEMO_SIZE = 50_000

#: Per topic with any, in taxonomy order: each term that counts, its first match and whether every match lies
#: in a policy's name.
Found = list[tuple[str, list[tuple[Term, str, bool]]]]

#: What one alternative of a term needs in the lower-cased text: every string of the first set, and one string
#: of each later set.
Need = tuple[frozenset[str], tuple[frozenset[str], ...]]


def _plain_pieces(alt: str) -> list[str]:
    """The letters a match of a plain alternative holds, word by word with ``*`` aside, lower-cased."""
    return [piece.lower() for word in alt.split() for piece in word.split("*") if piece]


def _literals(term: Term) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of a plain term contains (None: no such promise).

    A plain term (see :func:`generator.tagging.taxonomy.compile_term`) matches one of its ``|`` alternatives,
    and a match of an alternative holds each of its words, ``*`` aside, letter for letter (in any case).
    """
    text = term.text
    if text.startswith("re:"):
        return None
    if not _as_compiled(term):
        return None  # a pattern not made from its text: nothing to rely on
    literals = []
    for alt in text.split("|"):
        alt = alt.strip()
        pieces = [piece for word in alt.split() for piece in word.split("*") if piece]
        if alt.startswith("re:") or not pieces:
            return None
        longest = max(pieces, key=len).lower()
        if not longest.isascii():
            return None
        literals.append(longest)
    return tuple(literals)


_SHORT = 3  # a string shorter than this is found in most texts: not worth asking for besides the first


def _alternative_needs(term: Term) -> list[Need] | None:
    """What each alternative of a term needs in a lower-cased text (without :data:`ODD_CASE` characters) for
    the term to match; None when some alternative promises nothing (the term is tried on every text).

    A plain alternative needs each of its pieces (its words, ``*`` aside), a raw one (``re:``) what
    :func:`.literals.needs` finds every match of it holds. The first string or set asked for is the rarest one
    (the longest); the others only when none of their strings is short or a word found in most texts ("the")."""
    text = term.text
    raw_term = text.startswith("re:")
    if not raw_term and not _as_compiled(term):
        return None
    out: list[Need] = []
    for alt in [text] if raw_term else text.split("|"):
        alt = alt.strip()
        if alt.startswith("re:"):
            try:
                groups = needs(re.compile(alt[3:], re.I))
            except re.error:
                return None
            if not groups:
                return None
            first, rest = groups[0], groups[1:]
            if len(first) == 1:
                out.append((first, tuple(g for g in rest if min(map(len, g)) >= _SHORT)))
            else:
                out.extend((frozenset([s]), tuple(g for g in rest if min(map(len, g)) >= _SHORT)) for s in sorted(first))
            continue
        pieces = _plain_pieces(alt)
        if not pieces:
            return None
        longest = max(pieces, key=len)
        if not longest.isascii():
            return None
        others = {p for p in pieces if p != longest and p.isascii() and len(p) >= _SHORT and p not in STOP_WORDS}
        out.append((frozenset([longest, *others]), ()))
    return out


def _as_compiled(term: Term) -> bool:
    """Whether a plain term's pattern is what its text compiles to (a term built otherwise is read as a whole)."""
    try:
        compiled = compile_term(term.text)
    except re.error:
        return False
    return (compiled.pattern, compiled.flags) == (term.pattern.pattern, term.pattern.flags)


def _starts(term: Term) -> tuple[str, ...] | None:
    """Lower-case ASCII strings of three or more characters one of which every match of the term starts with in
    a lower-cased text (without :data:`ODD_CASE` characters); None when there are no such strings."""
    text = term.text
    if text.startswith("re:"):
        starts = required(term.pattern)
    elif not _as_compiled(term):
        return None
    else:
        found: set[str] = set()
        for alt in text.split("|"):
            alt = alt.strip()
            if alt.startswith("re:"):  # a raw alternative: its match starts the term's match
                try:
                    more = required(re.compile(alt[3:], re.I))
                except re.error:
                    return None
                if more is None:
                    return None
                found.update(more)
                continue
            words = alt.split()
            if not words or words[0].startswith("*"):
                return None
            found.add(words[0].split("*")[0].lower())
        starts = tuple(sorted(found))
    if not starts or any(len(s) < 3 or not s.isascii() for s in starts):
        return None
    return starts


class Matcher:
    """A taxonomy's terms with what each needs in a text, and the terms found per text (texts repeat:
    headings, lead-ins)."""

    def __init__(self, taxonomy: Taxonomy, prefilter: bool = True) -> None:
        self.topics = list(taxonomy.topics)  # held, so the ids in the key stay theirs
        self.terms = [(topic.id, topic.terms) for topic in self.topics]
        self.plain = {id(term): _literals(term) is not None for topic in self.topics for term in topic.terms}
        # (topic index, term) in taxonomy order
        self.flat = [(n, term) for n, (_, terms) in enumerate(self.terms) for term in terms]
        # without the pre-filter every term is tried on every text (the reference the tests compare with)
        wants = [_alternative_needs(term) if prefilter else None for _, term in self.flat]
        self.always = [i for i, want in enumerate(wants) if want is None]
        # each alternative is looked up by the first string it needs: those that need nothing more make the
        # term a candidate at once (``direct``), the others once what else they need is found too
        direct: dict[str, set[int]] = {}
        self.checked: dict[str, list[tuple[int, frozenset[str], tuple[frozenset[str], ...] | None]]] = {}
        strings: set[str] = set()
        for i, want in enumerate(wants):
            for every, some in want or ():
                key = max(sorted(every), key=len)
                if len(every) == 1 and not some:
                    direct.setdefault(key, set()).add(i)
                else:
                    self.checked.setdefault(key, []).append((i, every, some or None))
                strings |= every
                strings.update(*some)
        self.direct = {key: frozenset(terms) for key, terms in direct.items()}
        self.literals = Literals(strings)
        self.fast = [scans(term.pattern) for _, term in self.flat]  # same matches, faster (literals.scans)
        # where a term's matches can start: its case-sensitive scan is tried there only (literals.find_from)
        self.starts = [_starts(term) if scan is not None else None for (_, term), scan in zip(self.flat, self.fast)]
        self.memo: dict[str, Found] = {}
        self.strong = {i for i, (_, term) in enumerate(self.flat) if term.weight >= 1}  # the terms that make a heading topical
        self.topical_memo: dict[str, bool] = {}
        self.context_memo: dict[tuple[str, str, float, float], object] = {}  # the tagger's, per text (tagger._context_hits)
        self.order = {t.id: i for i, t in enumerate(self.topics)}  # Taxonomy.ids() positions

    def candidates(self, text: str, low: str, sure: bool) -> list[int] | range:
        """The indices (in :attr:`flat`) of the terms that may match the text, in taxonomy order."""
        if not sure:
            return range(len(self.flat))
        present = self.literals.present(low)
        candidates = set(self.always)
        direct, checked = self.direct, self.checked
        for lit in present:
            terms = direct.get(lit)
            if terms is not None:
                candidates |= terms
            entries = checked.get(lit)
            if entries is not None:
                for i, every, some in entries:
                    if every <= present and (some is None or all(not g.isdisjoint(present) for g in some)):
                        candidates.add(i)
        return sorted(candidates)

    def topical(self, text: str) -> bool:
        """Whether some term of weight 1 or more matches the text (a heading that names a topic); memoised by text."""
        got = self.topical_memo.get(text)
        if got is None:
            strong, flat = self.strong, self.flat
            got = any(i in strong and flat[i][1].pattern.search(text)
                      for i in self.candidates(text, text.lower(), ODD_CASE.search(text) is None))
            if len(self.topical_memo) >= MEMO_SIZE:
                self.topical_memo.clear()
            self.topical_memo[text] = got
        return got

    def found(self, text: str) -> Found:
        """Per topic with any, in taxonomy order: each term with a non-empty match that no longer term
        weighing as much covers at every match, with the term's first match and whether every match lies in
        a policy's name. The longer term may be of the same topic or, for a supporting term (weight under 1),
        a plain phrase of another topic: "mobile data" is about phones, not data, and "personal telephone
        calls" about personal use, not phones."""
        got = self.memo.get(text)
        if got is not None:
            return got
        sure = ODD_CASE.search(text) is None  # literals decide which terms cannot match
        low = text.lower()
        matched = []  # (topic index, term, spans, first, plain), in taxonomy order
        fast, flat, plain, starts = self.fast, self.flat, self.plain, self.starts
        for i in self.candidates(text, low, sure):
            scan = fast[i] if sure else None
            n, term = flat[i]
            if scan is not None and starts[i] is not None:
                spans, first = find_from(scan[1], text, low, starts[i])
            else:
                hit = None
                if scan is not None:
                    hit = scan[0].search(low)
                    if hit is None:
                        continue  # not even the looser scan matches
                spans, first = find(term.pattern, scan, text, low, hit)
            if spans:
                matched.append((n, term, spans, first, plain[id(term)]))
        got = []
        names: list[tuple[int, int]] | None = None
        last = -1
        for i, (n, term, spans, first, _) in enumerate(matched):
            if len(matched) > 1 and all(_covered(matched, i, span) for span in spans):
                continue
            if names is None:
                names = policy_names(text)
            named = bool(names) and all(any(a <= s and e <= b for a, b in names) for s, e in spans)
            if n == last:
                got[-1][1].append((term, first, named))
            else:
                got.append((self.terms[n][0], [(term, first, named)]))
                last = n
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[text] = got
        return got


def _covered(matched: list, i: int, span: tuple[int, int]) -> bool:
    """Whether another matched term at least as heavy covers a span of term ``i``: a longer match of its own
    topic, a longer plain phrase of another topic when the term only supports (weight under 1), or the same
    span matched by an earlier term of its topic."""
    n, term = matched[i][0], matched[i][1]
    weight, start, end = term.weight, span[0], span[1]
    for j, (on, other, others, _, plain) in enumerate(matched):
        if j == i or other.weight < weight:
            continue
        for o in others:
            if o[0] <= start and end <= o[1]:
                if o != span:
                    if on == n or (plain and weight < 1):
                        return True
                elif on == n and j < i:
                    return True
    return False


def _key(taxonomy: Taxonomy) -> tuple[object, ...]:
    return (id(taxonomy.topics), len(taxonomy.topics),
            *((id(t), t.id, id(t.terms), len(t.terms)) for t in taxonomy.topics))


def matcher(taxonomy: Taxonomy) -> Matcher:
    """The taxonomy's matcher, made again whenever its topics or their term lists are not the same objects."""
    key = _key(taxonomy)
    cached = taxonomy.__dict__.get("_aup_matcher")
    if cached is None or cached[0] != key:
        cached = (key, Matcher(taxonomy))
        taxonomy.__dict__["_aup_matcher"] = cached
    return cached[1]
