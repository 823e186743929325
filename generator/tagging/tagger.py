"""The topic tagger: weighted terms from the taxonomy, read in the clause, its headings and its lead-in.

Deterministic and explainable: every topic a clause carries comes with :class:`Evidence` naming the terms
or signals that fired (``text: 'password' +2.5``, ``lead-in: 'social networking' +1.25``) and the summed score.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..model import Clause, Document, Evidence
from .audience import classify_audience
from .context import ClauseContext, build_contexts, declaring_lead_in
from .learned import Inputs, Model, features, pick, section_context, squash
from .matcher import MEMO_SIZE, Matcher
from .matcher import matcher as _matcher
from .modality import classify_modality
from .taxonomy import Taxonomy

FALLBACK_RULE = "fallback: no topic terms; statement of scope or purpose"


@dataclass
class Hit:
    """One term or signal that fired for a topic, with the weight it added."""

    rule: str
    weight: float


def term_hits(text: str, taxonomy: Taxonomy, where: str, factor: float, matcher: Matcher | None = None) -> dict[str, list[Hit]]:
    """Every topic's term matches in a piece of text, each term counted once and scaled by ``factor``.

    A term whose every match lies inside the match of a longer term of the same topic that weighs at least
    as much does not count again: "mobile phones" scores as one phrase, not also as "mobile" and "phones".
    Nor does a supporting term (weight under 1) whose every match lies inside a longer plain phrase of another
    topic that weighs at least as much ("calls" in "personal telephone calls"). A term found only in the name of a policy ("read with
    the Social Media and Data Protection Policies") counts ``policy_name_weight`` times, except in headings.
    Terms are only tried where they can match: a plain term whose words are not in the text is skipped.
    ``matcher``: the taxonomy's (:func:`.matcher.matcher`), when the caller already has it.
    """
    hits: dict[str, list[Hit]] = {}
    if not text or factor <= 0:
        return hits
    named_factor = 1.0 if where == "heading" else taxonomy.settings.policy_name_weight
    for topic_id, kept in (matcher or _matcher(taxonomy)).found(text):
        for term, first, named in kept:
            key = (where, first, term.weight, factor, named and named_factor < 1, named_factor)
            hit = _HITS.get(key, False)
            if hit is False:
                if named and named_factor < 1:
                    weight = term.weight * factor * named_factor
                    rule = f"{where} (policy name): {first.lower()!r} +{weight:.3g}"
                else:
                    weight = term.weight * factor
                    rule = f"{where}: {first.lower()!r} +{weight:.3g}"
                hit = Hit(rule, weight) if weight > 0 else None
                if len(_HITS) >= MEMO_SIZE:
                    _HITS.clear()
                _HITS[key] = hit
            if hit is not None:
                hits.setdefault(topic_id, []).append(hit)
    return hits


#: The hit a term's match makes, by what decides it (the same match text recurs from clause to clause); hits
#: are never changed once made, so clauses share them.
_HITS: dict[tuple[str, str, float, float, bool, float], Hit | None] = {}


def is_topical(text: str, taxonomy: Taxonomy) -> bool:
    """Whether a heading names a topic (some term of weight 1 or more matches)."""
    return _matcher(taxonomy).topical(text)


def _merge(into: dict[str, list[Hit]], more: dict[str, list[Hit]]) -> None:
    for topic, hits in more.items():
        into.setdefault(topic, []).extend(hits)


def _context_hits(text: str, taxonomy: Taxonomy, where: str, factor: float, matcher: Matcher) -> dict[str, list[Hit]]:
    """``term_hits`` of a heading or lead-in, memoised (they repeat from clause to clause): read-only, for :func:`_merge`."""
    key = (text, where, factor, taxonomy.settings.policy_name_weight)
    got = matcher.context_memo.get(key)
    if got is None:
        if len(matcher.context_memo) >= MEMO_SIZE:
            matcher.context_memo.clear()
        got = matcher.context_memo[key] = term_hits(text, taxonomy, where, factor, matcher)
    return got


def score_clause(clause: Clause, ctx: ClauseContext, taxonomy: Taxonomy, matcher: Matcher | None = None) -> dict[str, list[Hit]]:
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
    if len(hits) == 1:
        return list(hits)  # most topics of a clause: one hit
    best: dict[str, Hit] = {}
    for hit in hits:
        key = _KEYS.get(hit.rule)
        if key is None:
            key = hit.rule.split(": ", 1)[1].rsplit(" +", 1)[0] if ": " in hit.rule else hit.rule
            if len(_KEYS) >= MEMO_SIZE:
                _KEYS.clear()
            _KEYS[hit.rule] = key
        if key not in best or hit.weight > best[key].weight:
            best[key] = hit
    return sorted(best.values(), key=lambda h: (-h.weight, h.rule))


_KEYS: dict[str, str] = {}  # a hit's rule -> what is the same term in it (rules repeat from clause to clause)


def _own(hit: Hit) -> bool:
    """Whether a hit comes from the clause's sentence (its words, its lead-in, a signal) rather than a heading."""
    return not hit.rule.startswith("heading:")


def choose_topics(hits: dict[str, list[Hit]], taxonomy: Taxonomy, fallback: str) -> list[Evidence]:
    """The topics a clause carries, strongest first, each with its evidence."""
    return _choose({topic: _dedupe(topic_hits) for topic, topic_hits in hits.items()}, taxonomy, fallback,
                   {t: i for i, t in enumerate(taxonomy.ids())})


def _choose(deduped: dict[str, list[Hit]], taxonomy: Taxonomy, fallback: str, order: dict[str, int],
            sums: dict[str, float] | None = None) -> list[Evidence]:
    """:func:`choose_topics` from each topic's hits already deduplicated, with the topics' positions (and
    their summed weights, :func:`_sums`, when the caller has them)."""
    s = taxonomy.settings
    sums = _sums(deduped) if sums is None else sums
    scored = [(sums[topic], topic, kept) for topic, kept in deduped.items()]
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


def _sums(deduped: dict[str, list[Hit]]) -> dict[str, float]:
    return {topic: sum(h.weight for h in kept) for topic, kept in deduped.items()}


def _scores(deduped: dict[str, list[Hit]], sums: dict[str, float] | None = None) -> dict[str, float]:
    return {topic: round(score, 4) for topic, score in (_sums(deduped) if sums is None else sums).items()}


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
        sums = _sums(deduped)
        evidence = _choose(deduped, taxonomy, fallback, matcher.order, sums)
        inputs = Inputs(clause.text, list(ctx.headings), ctx.parent.text if ctx.parent is not None else "",
                        clause.kind, modality, list(audience), _scores(deduped, sums))
        out.append(RulePass(tagged, inputs, evidence, hits, deduped))
    for rp, section in zip(out, section_context([(rp.clause.section, rp.inputs.rules) for rp in out])):
        rp.inputs.section = section
    return out


def _learned(rp: RulePass, model: Model, taxonomy: Taxonomy, known: Iterable[str] | None = None) -> tuple[list[Evidence], float]:
    """The model's topics for one clause, each with its probability and evidence (model features, then rules)."""
    feats = features(rp.inputs)
    terms = model.terms(feats)  # worked out once for the probabilities and the evidence
    chosen = pick(model, model.probabilities(feats, terms), taxonomy.ids() if known is None else known,
                  taxonomy.settings.max_topics)
    deduped = rp.deduped or {}
    evidence = []
    for topic, prob in chosen:
        kept = deduped.get(topic)
        if kept is None and topic in rp.hits:
            kept = _dedupe(rp.hits[topic])
        rules = [h.rule for h in kept] if kept is not None else []
        evidence.append(Evidence(topic, round(prob, 3), model.reasons(feats, topic, terms=terms) + rules))
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
