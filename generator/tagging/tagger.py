"""The topic tagger: weighted terms from the taxonomy, read in the clause, its headings and its lead-in.

Deterministic and explainable: every topic a clause carries comes with :class:`Evidence` naming the terms
or signals that fired (``text: 'password' +2.5``, ``lead-in: 'social networking' +1.25``) and the summed score.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..model import Clause, Document, Evidence
from .audience import classify_audience
from .context import ClauseContext, build_contexts, declaring_lead_in
from .learned import Inputs, Model, decide, features, section_context, squash
from .literals import ODD_CASE, Literals, find, required, scans
from .modality import classify_modality
from .policynames import policy_names
from .taxonomy import Taxonomy, Term, compile_term

FALLBACK_RULE = "fallback: no topic terms; statement of scope or purpose"


@dataclass
class Hit:
    """One term or signal that fired for a topic, with the weight it added."""

    rule: str
    weight: float


_ODD_CASE = ODD_CASE  # a text holding one of these characters is matched against every term, as before
_MEMO_SIZE = 50_000

Found = list[tuple[str, list[tuple[Term, str, bool]]]]


def _literals(term: Term) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of a plain term contains (None: no such promise).

    A plain term (see :func:`generator.tagging.taxonomy.compile_term`) matches one of its ``|`` alternatives,
    and a match of an alternative holds each of its words, ``*`` aside, letter for letter (in any case).
    """
    text = term.text
    if text.startswith("re:"):
        return None
    try:
        compiled = compile_term(text)
    except re.error:
        return None
    if (compiled.pattern, compiled.flags) != (term.pattern.pattern, term.pattern.flags):
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


class _Matcher:
    """A taxonomy's terms with their literals, and the terms found per text (texts repeat: headings, lead-ins)."""

    def __init__(self, taxonomy: Taxonomy, prefilter: bool = True) -> None:
        self.topics = list(taxonomy.topics)  # held, so the ids in the key stay theirs
        # without the pre-filter every term is tried on every text (the reference the tests compare with)
        self.terms = [(topic.id, [(term, _literals(term) or required(term.pattern) if prefilter else None) for term in topic.terms])
                      for topic in self.topics]
        self.plain = {id(term): _literals(term) is not None for topic in self.topics for term in topic.terms}
        self.literals = Literals({lit for _, terms in self.terms for _, lits in terms for lit in lits or ()})
        # (topic index, term) in taxonomy order; those any text may match, and those a literal lets in
        self.flat = [(n, term, lits) for n, (_, terms) in enumerate(self.terms) for term, lits in terms]
        self.always = [i for i, (_, _, lits) in enumerate(self.flat) if lits is None]
        self.by_literal: dict[str, list[int]] = {}
        for i, (_, _, lits) in enumerate(self.flat):
            for lit in lits or ():
                self.by_literal.setdefault(lit, []).append(i)
        self.fast = [scans(term.pattern) for _, term, _ in self.flat]  # same matches, faster (literals.scans)
        self.memo: dict[str, Found] = {}
        self.strong = {i for i, (_, term, _) in enumerate(self.flat) if term.weight >= 1}  # the terms that make a heading topical
        self.topical_memo: dict[str, bool] = {}
        self.context_memo: dict[tuple[str, str, float, float], dict[str, list[Hit]]] = {}
        self.order = {t.id: i for i, t in enumerate(self.topics)}  # Taxonomy.ids() positions

    def candidates(self, text: str, low: str, sure: bool) -> list[int] | range:
        """The indices (in :attr:`flat`) of the terms that may match the text, in taxonomy order."""
        if not sure:
            return range(len(self.flat))
        candidates = set(self.always)
        for lit in self.literals.present(low):
            candidates.update(self.by_literal[lit])
        return sorted(candidates)

    def topical(self, text: str) -> bool:
        """Whether some term of weight 1 or more matches the text (see :func:`is_topical`); memoised by text."""
        got = self.topical_memo.get(text)
        if got is None:
            strong, flat = self.strong, self.flat
            got = any(i in strong and flat[i][1].pattern.search(text)
                      for i in self.candidates(text, text.lower(), _ODD_CASE.search(text) is None))
            if len(self.topical_memo) >= _MEMO_SIZE:
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
        sure = _ODD_CASE.search(text) is None  # literals decide which terms cannot match
        low = text.lower()
        order = self.candidates(text, low, sure)
        matched = []  # (topic index, term, spans, first, plain)
        fast = self.fast
        for i in order:
            scan = fast[i] if sure else None
            if scan is not None and scan[0].search(low) is None:
                continue  # most candidates: not even the looser scan matches (what find would find first)
            n, term, _ = self.flat[i]
            spans, first = find(term.pattern, scan, text, low)
            if spans:
                matched.append((n, term, spans, first, self.plain[id(term)]))
        names = policy_names(text) if matched else []
        got = []
        for n, (topic_id, _) in enumerate(self.terms):
            kept = []
            for i, (tn, term, spans, first, _) in enumerate(matched):
                if tn != n:
                    continue

                def covered(span: tuple[int, int]) -> bool:
                    return any(o[0] <= span[0] and span[1] <= o[1] and other.weight >= term.weight
                               and (o != span and (on == n or plain and term.weight < 1) or o == span and on == n and j < i)
                               for j, (on, other, others, _, plain) in enumerate(matched) if j != i for o in others)
                if not all(covered(span) for span in spans):
                    named = bool(names) and all(any(a <= s and e <= b for a, b in names) for s, e in spans)
                    kept.append((term, first, named))
            if kept:
                got.append((topic_id, kept))
        if len(self.memo) >= _MEMO_SIZE:
            self.memo.clear()
        self.memo[text] = got
        return got


def _key(taxonomy: Taxonomy) -> tuple[object, ...]:
    return (id(taxonomy.topics), len(taxonomy.topics),
            *((id(t), t.id, id(t.terms), len(t.terms)) for t in taxonomy.topics))


def _matcher(taxonomy: Taxonomy) -> _Matcher:
    """The taxonomy's matcher, made again whenever its topics or their term lists are not the same objects."""
    key = _key(taxonomy)
    cached = taxonomy.__dict__.get("_aup_matcher")
    if cached is None or cached[0] != key:
        cached = (key, _Matcher(taxonomy))
        taxonomy.__dict__["_aup_matcher"] = cached
    return cached[1]


def term_hits(text: str, taxonomy: Taxonomy, where: str, factor: float, matcher: _Matcher | None = None) -> dict[str, list[Hit]]:
    """Every topic's term matches in a piece of text, each term counted once and scaled by ``factor``.

    A term whose every match lies inside the match of a longer term of the same topic that weighs at least
    as much does not count again: "mobile phones" scores as one phrase, not also as "mobile" and "phones".
    Nor does a supporting term (weight under 1) whose every match lies inside a longer plain phrase of another
    topic that weighs at least as much ("calls" in "personal telephone calls"). A term found only in the name of a policy ("read with
    the Social Media and Data Protection Policies") counts ``policy_name_weight`` times, except in headings.
    Terms are only tried where they can match: a plain term whose words are not in the text is skipped.
    ``matcher``: the taxonomy's (:func:`_matcher`), when the caller already has it.
    """
    hits: dict[str, list[Hit]] = {}
    if not text or factor <= 0:
        return hits
    named_factor = 1.0 if where == "heading" else taxonomy.settings.policy_name_weight
    for topic_id, kept in (matcher or _matcher(taxonomy)).found(text):
        for term, first, named in kept:
            if named and named_factor < 1:
                weight = term.weight * factor * named_factor
                rule = f"{where} (policy name): {first.lower()!r} +{weight:.3g}"
            else:
                weight = term.weight * factor
                rule = f"{where}: {first.lower()!r} +{weight:.3g}"
            if weight > 0:
                hits.setdefault(topic_id, []).append(Hit(rule, weight))
    return hits


def is_topical(text: str, taxonomy: Taxonomy) -> bool:
    """Whether a heading names a topic (some term of weight 1 or more matches)."""
    return _matcher(taxonomy).topical(text)


def _merge(into: dict[str, list[Hit]], more: dict[str, list[Hit]]) -> None:
    for topic, hits in more.items():
        into.setdefault(topic, []).extend(hits)


def _context_hits(text: str, taxonomy: Taxonomy, where: str, factor: float, matcher: _Matcher) -> dict[str, list[Hit]]:
    """``term_hits`` of a heading or lead-in, memoised (they repeat from clause to clause): read-only, for :func:`_merge`."""
    key = (text, where, factor, taxonomy.settings.policy_name_weight)
    got = matcher.context_memo.get(key)
    if got is None:
        if len(matcher.context_memo) >= _MEMO_SIZE:
            matcher.context_memo.clear()
        got = matcher.context_memo[key] = term_hits(text, taxonomy, where, factor, matcher)
    return got


def score_clause(clause: Clause, ctx: ClauseContext, taxonomy: Taxonomy, matcher: _Matcher | None = None) -> dict[str, list[Hit]]:
    """Every topic with evidence for a clause (its text, headings, lead-in or parent, and signals)."""
    s = taxonomy.settings
    matcher = matcher or _matcher(taxonomy)
    hits = term_hits(clause.text, taxonomy, "text", 1.0, matcher)
    if ctx.headings:
        _merge(hits, _context_hits(ctx.headings[-1], taxonomy, "heading", s.heading_weight, matcher))
        for heading in ctx.headings[:-1]:
            _merge(hits, _context_hits(heading, taxonomy, "heading", s.ancestor_weight, matcher))
    if ctx.parent is not None:
        where = "lead-in" if ctx.parent.kind == "lead-in" else "parent"
        _merge(hits, _context_hits(ctx.parent.text, taxonomy, where, s.parent_weight, matcher))
    facts = {f"kind:{clause.kind}", f"modality:{clause.modality}"}
    if ctx.parent is not None:
        facts.add(f"parent-kind:{ctx.parent.kind}")
        if declaring_lead_in(ctx.parent):
            facts.add("parent-kind:declaration")
    if len(clause.audience) == 1:
        facts.add(f"audience:{clause.audience[0]}")
    for topic in taxonomy.topics:
        for signal, weight in topic.signals.items():
            if signal in facts:
                hits.setdefault(topic.id, []).append(Hit(f"signal: {signal} {weight:+.3g}", weight))
    return hits


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """The same term found in the text and again in the heading counts once, at its larger weight."""
    best: dict[str, Hit] = {}
    for hit in hits:
        key = hit.rule.split(": ", 1)[1].rsplit(" +", 1)[0] if ": " in hit.rule else hit.rule
        if key not in best or hit.weight > best[key].weight:
            best[key] = hit
    return sorted(best.values(), key=lambda h: (-h.weight, h.rule))


def _own(hit: Hit) -> bool:
    """Whether a hit comes from the clause's sentence (its words, its lead-in, a signal) rather than a heading."""
    return not hit.rule.startswith("heading:")


def choose_topics(hits: dict[str, list[Hit]], taxonomy: Taxonomy, fallback: str) -> list[Evidence]:
    """The topics a clause carries, strongest first, each with its evidence."""
    return _choose({topic: _dedupe(topic_hits) for topic, topic_hits in hits.items()}, taxonomy, fallback,
                   {t: i for i, t in enumerate(taxonomy.ids())})


def _choose(deduped: dict[str, list[Hit]], taxonomy: Taxonomy, fallback: str, order: dict[str, int]) -> list[Evidence]:
    """:func:`choose_topics` from each topic's hits already deduplicated, with the topics' positions."""
    s = taxonomy.settings
    scored = [(sum(h.weight for h in kept), topic, kept) for topic, kept in deduped.items()]
    scored.sort(key=lambda x: (-x[0], order.get(x[1], 99)))
    if not scored or scored[0][0] <= 0:
        return [Evidence(fallback, 0.0, [FALLBACK_RULE])]
    if s.context_fills_only:
        # A topic that only the headings name may not join a topic the clause's own sentence (with its
        # lead-in) establishes: under "Mobile phones", "Staff must not share their personal contact details"
        # is about contact details, not phones. Headings still decide (and strengthen) what the text leaves open.
        own = {t for score, t, kept in scored if score >= s.threshold and any(_own(h) for h in kept)}
        if own:
            scored = [x for x in scored if x[1] in own or any(_own(h) for h in x[2])]
    best = scored[0][0]
    chosen = [x for x in scored if x[0] >= s.threshold and x[0] >= s.keep_ratio * best][: s.max_topics]
    if not chosen:
        chosen = scored[:1]
    return [Evidence(topic, round(score, 3), [h.rule for h in kept]) for score, topic, kept in chosen]


def topic_scores(hits: dict[str, list[Hit]]) -> dict[str, float]:
    """Each topic's rule score: the sum of its deduplicated hits."""
    return _scores({topic: _dedupe(topic_hits) for topic, topic_hits in hits.items()})


def _scores(deduped: dict[str, list[Hit]]) -> dict[str, float]:
    return {topic: round(sum(h.weight for h in kept), 4) for topic, kept in deduped.items()}


def rule_confidence(evidence: list[Evidence], scores: dict[str, float]) -> float:
    """How sure the rules alone are of the first topic: its score squashed to 0..1, times its share of the
    two best scores (a close second halves it)."""
    if not evidence or evidence[0].score <= 0:
        return 0.0
    best = evidence[0].score
    runner = max((v for t, v in scores.items() if t != evidence[0].topic), default=0.0)
    return round(squash(best) * best / (best + max(runner, 0.0)), 3)


@dataclass
class RulePass:
    """One clause after the rules: the clause with modality and audience, what the model reads, the rules' topics."""

    clause: Clause
    inputs: Inputs
    evidence: list[Evidence]
    hits: dict[str, list[Hit]]
    deduped: dict[str, list[Hit]] | None = None  # each topic's hits through _dedupe (None: not worked out)


#: Clause is a plain dataclass (no __post_init__, every field set by __init__): a copy with some fields changed
#: is its __dict__ copied, several times cheaper than dataclasses.replace, which runs __init__ again.
_PLAIN = not hasattr(Clause, "__post_init__") and all(f.init for f in fields(Clause))


def _with(clause: Clause, **changes: object) -> Clause:
    """``dataclasses.replace(clause, **changes)``, without running ``__init__`` again when that changes nothing."""
    if not _PLAIN or type(clause) is not Clause:
        return replace(clause, **changes)
    new = object.__new__(Clause)
    state = new.__dict__
    state.update(clause.__dict__)
    state.update(changes)
    return new


def rule_pass(doc: Document, taxonomy: Taxonomy) -> list[RulePass]:
    """Every clause of the document through the rules, with the inputs the learned model reads."""
    matcher = _matcher(taxonomy)
    contexts = build_contexts(doc, matcher.topical)
    out = []
    for clause in doc.clauses:
        ctx = contexts[clause.id]
        modality = classify_modality(clause, ctx.parent, ctx.headings, contexts[ctx.parent.id].parent if ctx.parent else None)
        audience = classify_audience(clause, doc, ctx.headings, ctx.pupil_voice)
        tagged = _with(clause, modality=modality, audience=audience)
        fallback = "pupil-online-safety" if audience == ["pupils"] else "scope-purpose"
        hits = score_clause(tagged, ctx, taxonomy, matcher)
        deduped = {topic: _dedupe(topic_hits) for topic, topic_hits in hits.items()}
        evidence = _choose(deduped, taxonomy, fallback, matcher.order)
        inputs = Inputs(clause.text, list(ctx.headings), ctx.parent.text if ctx.parent is not None else "",
                        clause.kind, modality, list(audience), _scores(deduped))
        out.append(RulePass(tagged, inputs, evidence, hits, deduped))
    for rp, section in zip(out, section_context([(rp.clause.section, rp.inputs.rules) for rp in out])):
        rp.inputs.section = section
    return out


def _learned(rp: RulePass, model: Model, taxonomy: Taxonomy, known: Iterable[str] | None = None) -> tuple[list[Evidence], float]:
    """The model's topics for one clause, each with its probability and evidence (model features, then rules)."""
    feats = features(rp.inputs)
    chosen = decide(model, feats, taxonomy.ids() if known is None else known, taxonomy.settings.max_topics)
    deduped = rp.deduped or {}
    evidence = []
    for topic, prob in chosen:
        kept = deduped.get(topic)
        if kept is None and topic in rp.hits:
            kept = _dedupe(rp.hits[topic])
        rules = [h.rule for h in kept] if kept is not None else []
        evidence.append(Evidence(topic, round(prob, 3), model.reasons(feats, topic) + rules))
    return evidence, round(chosen[0][1], 3) if chosen else 0.0


def tag_document(doc: Document, taxonomy: Taxonomy, model: Model | None = None) -> Document:
    """A copy of the document whose clauses carry topics with evidence, confidence, modality and audience.

    Without a model the rules decide; with one, the model (which reads the rule scores too) does, except
    where the rules' first topic is one the model does not know (a topic added since ``aup train``).
    """
    clauses = []
    known = frozenset(taxonomy.ids())
    for rp in rule_pass(doc, taxonomy):
        if model is None or rp.evidence[0].topic not in model.index:
            # no model, or the rules found a topic the model was not trained on (added to topics.yaml since)
            evidence = rp.evidence
            confidence = rule_confidence(evidence, rp.inputs.rules)  # topic_scores(rp.hits), worked out already
        else:
            evidence, confidence = _learned(rp, model, taxonomy, known)
        clauses.append(_with(rp.clause, topics=[e.topic for e in evidence], evidence=evidence, confidence=confidence))
    return replace(doc, clauses=clauses)
