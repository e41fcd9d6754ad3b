"""Rich tables for the corpus views (`--format table`): for people; the JSON has everything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotex.aggregate.actors import parse_date
from quotex.aggregate.models import Actor, ActorsReport, PositionsReport
from quotex.views import _cells, _cue_cell, shorten

if TYPE_CHECKING:
    from rich.text import Text


def _actor_line(actor: Actor, count: int, what: str) -> Text:
    from rich.text import Text

    docs = f"{actor.documents} document" + ("s" if actor.documents != 1 else "")
    line = Text.assemble((actor.name, "bold"), (f"  ({actor.id}, {actor.kind})", "dim"), f"  {count} {what}, in {docs}")
    if actor.titles:
        line.append("\ntitles: " + "; ".join(actor.titles), style="dim")
    if len(actor.names) > 1:
        line.append("\nalso named: " + "; ".join(n for n in actor.names if n != actor.name), style="dim")
    if not actor.resolved:
        could = "; ".join(actor.could_be) or "no full name in the corpus"
        line.append(f"\nunresolved surname; could be: {could}", style="yellow")
    return line


def positions_renderables(report: PositionsReport) -> list:
    from rich.table import Table
    from rich.text import Text

    parts: list = []
    header = f"positions of '{report.entity}'"
    if report.about:
        targets = ", ".join(a.name for a in report.about_actors)
        header += f" about '{report.about}' ({targets})"
    header += f" in {report.documents} documents"
    if report.failed_documents:
        header += f" ({report.failed_documents} failed at extraction)"
    parts.append(Text(header, style="cyan"))
    for block in report.actors:
        parts.append(_actor_line(block.actor, len(block.positions), "positions"))
        if not block.positions:
            parts.append(Text("no positions", style="dim"))
            continue
        table = Table(expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("document", ratio=2, overflow="fold")
        table.add_column("cue", width=12, overflow="fold")
        table.add_column("content", ratio=5, overflow="fold")
        for p in block.positions:
            q = p.quotation
            when = parse_date(p.date)
            document = Text(p.document)
            document.append(f"\n{q.id} @{q.content.start}–{q.content.end}", style="dim")
            content = Text(shorten(q.content.text))
            if p.about:
                content.append("\nabout: " + "; ".join(p.about), style="dim")
            table.add_row(
                Text(when.date().isoformat() if when else (p.date or "—")),
                document,
                Text.assemble(_cue_cell(q.cue.text if q.cue else None, q.cue_class), "\n", (q.kind, "dim")),
                content,
            )
        parts.append(table)
    return parts


def actors_renderables(report: ActorsReport) -> list:
    from rich.table import Table
    from rich.text import Text

    title = (
        f"Actors ({len(report.actors)}) in {report.documents} documents; "
        f"{report.quotations} quotations, {report.unattributed} without a speaker, "
        f"{report.generic_speakers} by generic speakers"
    )
    if report.failed_documents:
        title += f"; {report.failed_documents} failed at extraction"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("#", no_wrap=True, style="dim")
    table.add_column("actor", ratio=2, overflow="fold")
    table.add_column("quoted", justify="right", no_wrap=True)
    table.add_column("cues", ratio=2, overflow="fold")
    table.add_column("targets", ratio=3, overflow="fold")
    for rank, s in enumerate(report.actors, 1):
        name = Text(s.actor.name)
        name.append(f"\n{s.actor.kind}", style="dim")
        if not s.actor.resolved:
            name.append(" (unresolved)", style="yellow")
        kinds = "/".join(str(s.kinds.get(k, 0)) for k in ("direct", "indirect", "mixed"))
        quoted = Text(str(s.quotations))
        quoted.append(f"\n{s.quoted_in} docs\n{kinds}", style="dim")
        table.add_row(
            Text(str(rank)),
            name,
            quoted,
            *_cells(
                ", ".join(f"{c.cue} {c.count}" for c in s.cues) or "—",
                ", ".join(f"{t.name} {t.count}" for t in s.targets) or "—",
            ),
        )
    table.caption = "quoted: quotations, documents, direct/indirect/mixed"
    if not report.actors:
        return [Text(title), Text("no quoted actors", style="dim")]
    return [table]
