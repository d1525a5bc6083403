"""Notebooks as code: pairing, execution and the version stamp.

Notebooks live in ``notebooks/NN-topic.py`` (jupytext percent format, reviewed as text)
with a paired ``NN-topic.ipynb`` stored without outputs. :func:`sync` regenerates the
``.ipynb`` from the ``.py``; :func:`execute` runs one headless with papermill, passing
only the parameters its ``parameters`` cell declares.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
from pathlib import Path

from analysis import __version__, paths

KERNEL = "python3"
PARAMETERS_TAG = "parameters"
#: Packages whose versions the last cell of every notebook prints.
STAMPED_PACKAGES = ("pandas", "numpy", "scikit-learn", "matplotlib", "camel-tools", "skops")


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The ``NN-topic.py`` notebooks in run order."""
    folder = folder or paths.NOTEBOOKS
    return sorted(p for p in folder.glob("[0-9][0-9]-*.py"))


def _paired(py: Path) -> Path:
    return py.with_suffix(".ipynb")


def _render(py: Path):
    import jupytext

    nb = jupytext.read(py)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"  # stable ids: reruns of sync give identical files
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _text(nb) -> str:
    import jupytext

    return jupytext.writes(nb, fmt="ipynb")


def sync(folder: Path | None = None) -> list[Path]:
    """Write each notebook's output-free ``.ipynb`` from its ``.py``; return files changed."""
    changed = []
    for py in list_notebooks(folder):
        text = _text(_render(py))
        target = _paired(py)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def out_of_sync(folder: Path | None = None) -> list[Path]:
    """Paired ``.ipynb`` files that are missing, stale or carry outputs."""
    stale = []
    for py in list_notebooks(folder):
        target = _paired(py)
        if not target.exists() or target.read_text(encoding="utf-8") != _text(_render(py)):
            stale.append(target)
    return stale


def declared_parameters(py: Path) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell."""
    import ast

    for cell in _render(py).cells:
        if PARAMETERS_TAG in cell.metadata.get("tags", []):
            tree = ast.parse(cell.source)
            return {
                target.id
                for node in tree.body
                if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)
            }
    return set()


def execute(py: Path, parameters: dict | None = None, output_dir: Path | None = None,
            cwd: Path | None = None, timeout: int = 900) -> Path:
    """Run one notebook headless; return the executed copy (kept out of git).

    Parameters the notebook does not declare are dropped, so one call can pass
    ``posts_path``/``likes_path``/``bin`` to every notebook of the suite.
    """
    import papermill

    py = Path(py)
    declared = declared_parameters(py)
    chosen = {k: v for k, v in (parameters or {}).items() if k in declared and v is not None}
    output_dir = paths.ensure(Path(output_dir) if output_dir else paths.ROOT / "build" / "notebooks")
    source = output_dir / f"{py.stem}.source.ipynb"
    source.write_text(_text(_render(py)), encoding="utf-8")
    executed = output_dir / f"{py.stem}.ipynb"
    previous = os.environ.get("OPEUNLIKE_NOTEBOOK")
    os.environ["OPEUNLIKE_NOTEBOOK"] = f"notebooks/{py.name}"  # figures record their notebook
    try:
        papermill.execute_notebook(
            str(source), str(executed), parameters=chosen, kernel_name=KERNEL,
            cwd=str(cwd or output_dir), progress_bar=False, execution_timeout=timeout,
            kernel_manager_class=ipc_kernel_manager(),
        )
    finally:
        if previous is None:
            os.environ.pop("OPEUNLIKE_NOTEBOOK", None)
        else:
            os.environ["OPEUNLIKE_NOTEBOOK"] = previous
        source.unlink(missing_ok=True)
    return executed


def ipc_kernel_manager():
    """A kernel manager that talks to its kernel over Unix sockets, not TCP.

    Over TCP every kernel warns that its traffic is unencrypted; over IPC the sockets
    sit in the Jupyter runtime folder, readable by this user only, and there is
    nothing to warn about.

    Known remaining noise: jupyter_client sends SIGINT before every shutdown request, which
    an idle kernel sometimes logs as "KeyboardInterrupt caught in kernel". Skipping that
    interrupt exposed a shutdown race in ipykernel 7.4.0 (a ZMQError traceback from
    ``process_control`` flushing stdout after the IOPub pipe closed), so it is kept.
    """
    from jupyter_client import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    return IPCKernelManager


def versions() -> str:
    """One line per library version, printed by the last cell of every notebook."""
    lines = [f"opeunlike {__version__}", f"python {platform.python_version()}"]
    for name in STAMPED_PACKAGES:
        try:
            lines.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            lines.append(f"{name} (not installed)")
    return "\n".join(lines)
