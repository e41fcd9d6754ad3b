"""Run the CLI in a fresh interpreter, to see which modules a command imports (start-up tests)."""

from __future__ import annotations

import json
import subprocess
import sys


def run_fresh(*invocations: list[str]) -> tuple[list[str], set[str]]:
    """Each argument list through `quotex.cli.app` in one new interpreter, in order; each must exit 0.

    Returns their outputs and the modules imported by the end (`sys.modules`)."""
    code = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from quotex.cli import app\n"
        "outputs = []\n"
        f"for args in {[list(map(str, a)) for a in invocations]!r}:\n"
        "    r = CliRunner().invoke(app, args)\n"
        "    assert r.exit_code == 0, (args, r.output)\n"
        "    outputs.append(r.output)\n"
        "print(json.dumps({'outputs': outputs, 'modules': sorted(sys.modules)}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    return found["outputs"], set(found["modules"])
