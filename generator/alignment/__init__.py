"""Rule alignment: group clauses of different documents that state the same rule, in any wording.

A pure function of the documents (:func:`align`). Each clause becomes a weighted bag of features (content
word stems and stem pairs, with inverse document frequency; words every topic uses, such as *staff*,
*pupils*, *school*, *use*, count for little) and, when the ``wordllama`` package is installed, a static
sentence embedding read from the package's own folder (never downloaded). How two clauses compare is a mix
of the two cosines (:func:`pair_scores`). When WordNet's database is installed (Debian's ``wordnet-base``,
:mod:`generator.wordnet`), a word of one clause and a word WordNet puts in one synset with it in the other
count as a match too (:mod:`generator.alignment.synonyms`, :attr:`Settings.wordnet`); without it alignment
warns once and runs on words alone.

Without comparing all pairs: each clause keeps only its most specific features in an inverted index (very
common features are left out), and the clauses sharing most of them in *other* documents are its
candidates (at most :attr:`Settings.neighbours`). Candidate pairs scoring at least the threshold are
merged strongest first (average linkage: every merge needs the mean score between the two groups to stay
above :attr:`Settings.link`), with at most :attr:`Settings.per_document` clauses of one document in a
group and never a prohibition beside a permission of the same thing (:func:`polarity`); a prohibition beside
a clause of another force joins only when the two are close (:attr:`Settings.cross_force`; a duty or statement with a
prohibition in a later sentence counts as prohibiting, :attr:`Settings.force_any`), a rule about work
devices never beside one about personal devices, a rule narrowed along one axis (which device, when, where) never
beside one narrowed along another, a rule about things said (messages, comments) never beside one about material
(files, images, websites), a rule about taking images never beside one about posting them
(:mod:`generator.alignment.frames`), a rule whose subject names one audience ("Staff must not ...") never beside one
naming another (the audience a clause inherits from its document does not count: "keep your password private" in a
pupils' agreement and in a staff code is one rule; except on the consequences of a breach, where staff discipline and
pupil sanctions are two rules, :attr:`Settings.audience_topics`); groups are compared on these kinds and audiences both
by all their members' together and by what members name alone, so that a member naming two ("take or post images",
"pupils and staff") bridges neither (:attr:`Settings.alone`); a permission beside an obligation or a statement joins
only when the two are close (:attr:`Settings.cross_permit`); and every clause of a group shares words with the group it joins
(:attr:`Settings.member_link`).
The signer's acknowledgement of a policy ("I have read ... and agree to follow it", :func:`generator.alignment.frames.acknowledges`)
is one rule in every policy's own words: each holds a term the others hold too (:attr:`Settings.acknowledgement`).
Titles set in capitals ("ACCOUNTS AND PASSWORDS") state no rule and are not aligned.
Polarity (:func:`polarity`) lives in :mod:`generator.alignment.polarity`.
Groups spanning
two or more documents are kept. Each group's representative is the member most similar to the others;
its id is ``<document>-<clause>`` of its earliest member (document id, then reading order), unless the
members already carry a family id from an earlier run, which the group keeps (:func:`keep_ids`).

Measured and off by default (benchmarks/alignment.md, fourth, sixth, seventh and eighth passes): a learned pair scorer instead of
the hand gates (:attr:`Settings.learned`), embedding-nearest candidates within a topic (:attr:`Settings.semantic`),
a lower weight for a clause's later sentences (:attr:`Settings.later`), consent as a fourth scope axis
(:attr:`Settings.consent`), a floor under the topic overlap (:attr:`Settings.topic_floor`) and an audience gate only on
the audience-bound topics (:attr:`Settings.audience_bound_only`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document
from .clusters import _clusters, central
from .features import Settings, _candidates, _table, pair_scores
from .polarity import polarity

__all__ = ["Aligned", "Group", "Settings", "_candidates", "_table", "align", "keep_ids", "pair_scores", "polarity"]


@dataclass(frozen=True)
class Aligned:
    """One clause of a group, with its similarity to the group's representative (1.0 for the representative)."""

    document: str
    clause: str
    similarity: float


@dataclass
class Group:
    """Clauses of different documents that state one rule; ``members[0]`` is the representative."""

    id: str
    members: list[Aligned] = field(default_factory=list)

    @property
    def representative(self) -> Aligned:
        """The member whose wording stands for the group."""
        return self.members[0]


def align(docs: list[Document], settings: Settings | None = None) -> list[Group]:
    """Groups of clauses from different documents that state the same rule, sorted by id."""
    settings = settings or Settings()
    table = _table(docs, settings)
    rows, clusters = _clusters(table, settings)
    groups = []
    for c in clusters:
        members = sorted(c.members)
        rep = central(rows, c)
        group = [Aligned(*table.keys[rep], 1.0)]
        group += [Aligned(*table.keys[i], max(0.0, min(0.999, round(rows.score(rep, i)[0], 3))))
                  for i in members if i != rep]
        document, clause = table.keys[members[0]]
        groups.append(Group(f"{document}-{clause}", group))
    return sorted(groups, key=lambda g: g.id)


def keep_ids(groups: list[Group], previous: dict[tuple[str, str], str]) -> list[Group]:
    """Give each group the family id most of its members already carry (largest groups choose first; on a tie,
    the id named after the member closest to the representative), so that re-aligning after adding a policy renames no group it
    leaves alone; other groups keep their own id."""
    taken: set[str] = set()
    chosen: dict[int, str] = {}
    for k in sorted(range(len(groups)), key=lambda k: (-len(groups[k].members), groups[k].id)):
        votes: dict[str, int] = {}
        for m in groups[k].members:
            old = previous.get((m.document, m.clause))
            if old:
                votes[old] = votes.get(old, 0) + 1
        named = {f"{m.document}-{m.clause}": m.similarity for m in groups[k].members}
        for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], -named.get(kv[0], -1.0), kv[0])):
            if old not in taken:
                chosen[k] = old
                taken.add(old)
                break
    out = []
    for k, group in enumerate(groups):
        gid = chosen.get(k)
        if gid is None:
            own = [group.id] + [f"{m.document}-{m.clause}" for m in group.members]
            gid = next((x for x in own if x not in taken), group.id + "-2")
            taken.add(gid)
        out.append(Group(gid, group.members))
    return sorted(out, key=lambda g: g.id)
