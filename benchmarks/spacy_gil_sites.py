"""Static check of a spaCy build: how many calls to PyGILState_Ensure its compiled modules contain.

    python benchmarks/spacy_gil_sites.py [SPACY_PACKAGE_DIR ...]

Without arguments it inspects the spaCy importable from this interpreter (without importing it).
Each directory is a `spacy/` package folder, e.g. an unzipped wheel's `spacy/`. Prints, per build, the
Cython version that generated it, the compiler, and the call sites of PyGILState_Ensure in the modules
on the parse hot path (the transition parser and its state machine). A build whose `noexcept nogil`
inline helpers (StateC::B, StateC::S, ...) re-acquire the GIL on every return shows several times more
call sites there; see docs/notes/speed-investigations.md. Needs `objdump` (binutils).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

HOT = (
    "pipeline/_parser_internals/_state",
    "pipeline/_parser_internals/stateclass",
    "pipeline/_parser_internals/arc_eager",
    "pipeline/_parser_internals/ner",
    "pipeline/_parser_internals/transition_system",
    "pipeline/transition_parser",
    "ml/parser_model",
    "tokens/doc",
    "tokens/token",
    "matcher/matcher",
)


def installed_spacy_dir() -> Path:
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("spacy is not importable here; pass a spacy/ directory")
    return Path(list(spec.submodule_search_locations)[0])


def so_for(root: Path, stem: str) -> Path | None:
    hits = sorted(root.glob(stem + ".*.so"))
    return hits[0] if hits else None


def ensure_calls(so: Path) -> int:
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(so)], capture_output=True, text=True).stdout
    return len(re.findall(r"call\s+\S+\s+<PyGILState_Ensure@plt>", out))


def build_info(root: Path) -> tuple[str, str]:
    cy = cc = None
    for so in sorted(root.rglob("*.so")):
        data = so.read_bytes()
        cy = cy or re.search(rb"_cython_(\d+)_(\d+)_(\d+)", data)
        cc = cc or re.search(rb"GCC: \([^)]*\) [0-9][0-9.]*", data)
        if cy and cc:
            break
    return (
        ".".join(x.decode() for x in cy.groups()) if cy else "?",
        cc.group(0).decode() if cc else "?",
    )


def version_of(root: Path) -> str:
    about = root / "about.py"
    m = re.search(r'__version__\s*=\s*"([^"]+)"', about.read_text()) if about.is_file() else None
    return m.group(1) if m else "?"


def main() -> None:
    if not shutil.which("objdump"):
        sys.exit("objdump not found (apt-get install binutils)")
    roots = [Path(p) for p in sys.argv[1:]] or [installed_spacy_dir()]
    rows = []
    for root in roots:
        cython, cc = build_info(root)
        counts = {}
        for stem in HOT:
            so = so_for(root, stem)
            counts[stem] = ensure_calls(so) if so else None
        rows.append((root, version_of(root), cython, cc, counts))
    print("| module | " + " | ".join(f"spaCy {v} (Cython {c}; {cc})" for _, v, c, cc, _ in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for stem in HOT:
        print(f"| {stem} | " + " | ".join(str(r[4][stem]) for r in rows) + " |")
    print("| **total** | " + " | ".join(str(sum(v or 0 for v in r[4].values())) for r in rows) + " |")


if __name__ == "__main__":
    main()
