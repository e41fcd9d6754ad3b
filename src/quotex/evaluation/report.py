"""Present an `Evaluation`: a JSON-ready dict, a Rich table, a JSON Lines error dump."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from quotex.evaluation.metrics import Counts, Evaluation

if TYPE_CHECKING:
    from rich.console import Console


def to_json(ev: Evaluation, **meta: object) -> dict:
    """The machine output of `quotex evaluate --json`: `meta` (gold path, model, seconds…) then scores."""
    return {**meta, **ev.to_dict()}


def write_errors(ev: Evaluation, path: str | Path) -> int:
    """One JSON object per miss / false positive / wrong speaker; returns the number written."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for rec in ev.errors:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(ev.errors)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _prf_row(label: str, c: Counts, n: str = "") -> list[str]:
    return [label, _pct(c.p), _pct(c.r), _pct(c.f1), n or f"{c.pred} / {c.gold}"]


def render(ev: Evaluation, title: str = "quotex evaluate", console: Console | None = None) -> None:
    """Print the scores as Rich tables (percentages; – = undefined, nothing to count)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()

    # the title names a file: a `[` in its path is text, not Rich markup
    t = Table(title=f"{escape(title)} — {ev.documents} documents, micro-averaged", title_justify="left")
    t.add_column("measure", justify="left")
    for col in ("P", "R", "F1", "pred / gold"):
        t.add_column(col, justify="right")
    for role in ("source", "cue", "content"):
        t.add_row(*_prf_row(f"{role} exact", ev.exact[role]))
    for role in ("source", "cue", "content"):
        c = ev.overlap[role]
        t.add_row(*_prf_row(f"{role} overlap (chars)", c))
    t.add_section()
    t.add_row(*_prf_row("quotations (linked)", ev.quotations))
    t.add_row(
        "speaker accuracy (matched)", "", "", _pct(ev.speaker.value), f"{ev.speaker.correct} of {ev.speaker.total}"
    )
    t.add_row(*_prf_row("attribution", ev.attribution))
    t.add_row("type accuracy (matched)", "", "", _pct(ev.kind.value), f"{ev.kind.correct} of {ev.kind.total}")
    t.add_row(*_prf_row("direct+mixed, >80 % covered", ev.direct))
    console.print(t)

    for name, table in (("by type", ev.by_type), ("by cue class", ev.by_cue_class)):
        b = Table(
            title=f"{name}: recall by gold, precision by prediction",
            title_justify="left",
        )
        for col in ("", "gold", "R", "attr R", "pred", "P", "attr P"):
            b.add_column(col, justify="left" if not col else "right")
        for key, row in table.items():
            q, a = row["quotations"], row["attribution"]
            if q.gold or q.pred:
                b.add_row(key, str(q.gold), _pct(q.r), _pct(a.r), str(q.pred), _pct(q.p), _pct(a.p))
        console.print(b)
