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
import time
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


#: Longest wait for a finished kernel to report idle before it is shut down.
IDLE_WAIT_SECONDS = 10.0


def ipc_kernel_manager():
    """A kernel manager that talks to its kernel over Unix sockets, not TCP, and shuts
    a kernel down only once it is idle.

    Over TCP every kernel warns that its traffic is unencrypted; over IPC the sockets
    sit in the Jupyter runtime folder, readable by this user only, and there is
    nothing to warn about.

    Why wait for idle: after the last cell, papermill asks the kernel for its
    ``kernel_info`` and moves on as soon as the *reply* arrives; nbclient then calls
    ``shutdown_kernel``, and jupyter_client sends SIGINT before every shutdown
    request. ipykernel sends that reply from inside its message handler, while SIGINT
    still raises ``KeyboardInterrupt`` there (it restores "ignore SIGINT" just after),
    so on a loaded machine the signal often lands in that window and the kernel logs
    "KeyboardInterrupt caught in kernel." on a successful run. Here the shutdown first
    sends one more ``kernel_info`` through the run's own client and waits for the
    kernel's *idle* status for it, which ipykernel publishes after restoring the
    handler; the shutdown then goes on exactly as jupyter_client does it (interrupt,
    shutdown request, wait). Skipping the interrupt instead was tried and left an
    ipykernel 7.4.0 shutdown race in view (a ZMQError traceback from
    ``process_control``), so the shutdown sequence itself is not changed.
    """
    import weakref
    from queue import Empty

    from jupyter_client import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        def client(self, **kwargs):
            client = super().client(**kwargs)
            self._run_clients().add(client)  # the run's client: subscribed to IOPub all along
            return client

        def _run_clients(self):
            if not hasattr(self, "_clients"):
                self._clients = weakref.WeakSet()
            return self._clients

        async def _wait_until_idle(self, timeout: float = IDLE_WAIT_SECONDS) -> bool:
            """Send ``kernel_info`` and wait for the idle status that follows it."""
            client = next((c for c in self._run_clients() if c.channels_running), None)
            if client is None:
                return False
            msg_id = client.kernel_info()
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0:
                try:
                    msg = await client.get_iopub_msg(timeout=left)
                except Empty:
                    break
                if (msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == msg_id
                        and msg["content"].get("execution_state") == "idle"):
                    return True
            return False  # busy or gone: shut down as jupyter_client always does

        async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            if not now and self.has_kernel:
                await self._wait_until_idle()
            await super().shutdown_kernel(now=now, restart=restart)

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
