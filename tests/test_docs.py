"""The docs stay true to the tree: links resolve, named source paths exist, exit codes match `Err`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotex.errors import Err

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = sorted([*ROOT.glob("*.md"), *(ROOT / "docs").rglob("*.md")])
# `](target)`, not an image or a web address; the `#section` part is not checked.
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A source or data path in backticks: `src/quotex/x.py`, `attribution/cue_tables.py`, `models/en/x.txt`.
NAMED_PATH = re.compile(r"`((?:src/|quotex/|models/|benchmarks/|tests/)?[\w./-]+\.(?:py|txt|tsv|cfg))`")
CODE = re.compile(r"E(\d{3})(?:[–-]E(\d{3}))?")
# HTTP answers of `quotex serve`; their exit code is never used (docs/serve.md has their statuses).
HTTP_ONLY = {e.code for e in Err if e.code.startswith("E6") and e.code != "E611"}


def _without_code_blocks(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.S)


@pytest.mark.parametrize("md", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(md):
    broken = []
    for target in LINK.findall(_without_code_blocks(md.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        if not (md.parent / target.split("#", 1)[0]).exists():
            broken.append(target)
    assert not broken, f"{md.name}: links to nothing: {broken}"


@pytest.mark.parametrize("md", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_named_source_path_exists(md):
    bases = [ROOT, ROOT / "src", ROOT / "src" / "quotex"]
    missing = []
    for path in NAMED_PATH.findall(md.read_text(encoding="utf-8")):
        if "/" not in path or path.startswith(("../", "/")):
            continue  # a bare file name, or a path outside the repo (../shared)
        if path.startswith("models/") and "*" in path:
            continue
        if not any((base / path).exists() for base in bases):
            missing.append(path)
    assert not missing, f"{md.name}: names paths that do not exist: {missing}"


def _codes(cell: str) -> set[str]:
    codes = set()
    for first, last in CODE.findall(cell):
        for n in range(int(first), int(last or first) + 1):
            codes.add(f"E{n:03d}")
    return codes


def test_exit_code_table_agrees_with_errors_py():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.*) \|$", text, flags=re.M)
    assert [int(exit_code) for exit_code, _ in rows] == [0, 1, 2, 3, 4, 5, 6, 130, 141, 143]
    documented: dict[str, set[int]] = {}
    for exit_code, meaning in rows:
        for code in _codes(meaning):
            documented.setdefault(code, set()).add(int(exit_code))
    wrong = {
        e.code: (documented.get(e.code), e.exit_code)
        for e in Err
        if e.code not in HTTP_ONLY and documented.get(e.code) != {e.exit_code}
    }
    assert not wrong, f"code: (exit codes in docs/cli.md, in errors.py): {wrong}"
    assert set(documented) <= {e.code for e in Err}


@pytest.mark.parametrize("md", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_exit_codes_named_beside_error_codes_agree(md):
    exits = {e.code: e.exit_code for e in Err}
    text = md.read_text(encoding="utf-8")
    pairs = re.findall(r"(E\d{3}(?: / E\d{3})?) \(exit (\d+)\)", text)
    pairs += re.findall(r"^\| (E\d{3}) \| (\d+) \|", text, flags=re.M)
    wrong = [(codes, int(n)) for codes, n in pairs for code in codes.split(" / ") if exits.get(code) != int(n)]
    assert not wrong, f"{md.name}: exit codes that errors.py does not give: {wrong}"


def test_every_rule_table_is_documented():
    """docs/rule-tables.md names every file in `models/<lang>/` (and nothing that is not there)."""
    text = (ROOT / "docs" / "rule-tables.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w-]+\.(?:txt|tsv))`", text))
    on_disk = {p.name for p in (ROOT / "models").glob("*/*") if p.suffix in {".txt", ".tsv"}}
    assert not on_disk - named, f"add a row to docs/rule-tables.md for: {sorted(on_disk - named)}"
    assert not named - on_disk, f"docs/rule-tables.md names tables that do not exist: {sorted(named - on_disk)}"
