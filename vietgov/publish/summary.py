"""The build summary as people read it on the terminal."""

from __future__ import annotations

from vietgov.pipeline import BuildSummary


def format_summary(s: BuildSummary) -> str:
    lines = [
        f"vietgov build: {s.articles_read} of {s.articles_found} articles read from {s.corpus}",
        f"  published {s.triples} triples ({s.quads} quads in {s.graphs} graphs, "
        f"{s.facts} facts) to {s.out}",
        f"  SHACL: conforms ({s.validation_seconds:.1f} s); total {s.seconds:.1f} s",
    ]
    if s.documents_by_type:
        lines.append("  documents by type: " + _counts(s.documents_by_type))
    if s.entities_by_class:
        lines.append("  entities by class: " + _counts(s.entities_by_class))
    mentions = {kind: sum(a.counts.get(kind, 0) for a in s.articles)
                for kind in ("organisations", "documents", "persons", "events", "figures")}
    lines.append("  found in the text: " + _counts(mentions))
    left_out = sum(len(a.skipped) for a in s.articles)
    if left_out:
        lines.append(f"  {left_out} facts left out as unsure (details in summary.json)")
    if s.conflicts:
        lines.append(f"  {len(s.conflicts)} conflicting values left out:")
        lines += [f"    {c}" for c in s.conflicts]
    if s.errors:
        lines.append(f"  {len(s.errors)} articles could not be read:")
        lines += [f"    {e}" for e in s.errors]
    for a in s.articles:
        if a.warnings or a.skipped:
            lines.append(f"  {a.file}: {len(a.warnings)} warnings, "
                         f"{len(a.skipped)} facts left out as unsure")
            lines += [f"    warning: {w}" for w in a.warnings]
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
