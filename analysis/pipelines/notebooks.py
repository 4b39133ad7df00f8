"""Run the lesson notebooks, the way ``make figures`` and the tests do.

Each notebook in ``notebooks/`` is kept twice: ``NN_name.py`` (plain text, jupytext
"percent" format, easy to read in a diff) and ``NN_name.ipynb`` (what Jupyter opens,
with outputs). Whichever of the two was edited last is taken as the source, so a
student may edit either. The notebook's cell tagged ``parameters`` holds its
defaults (``story_name``, ``corpus_dir``); like papermill, ``run_notebook`` adds a cell
after it that sets new values.
"""

import tempfile
from pathlib import Path

from analysis.imports import without_module
from analysis.paths import NOTEBOOKS_DIR

with without_module("rfc3987_syntax"):  # 3 s of parsers nbformat's jsonschema never uses
    import jupytext
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient


def notebook_paths(folder=NOTEBOOKS_DIR):
    """The notebooks' plain-text twins (``NN_*.py``), in lesson order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.py"))


def read_notebook(py_path):
    """Read a notebook from its .py twin or its .ipynb, whichever was changed last."""
    py_path = Path(py_path)
    ipynb = py_path.with_suffix(".ipynb")
    if ipynb.exists() and ipynb.stat().st_mtime > py_path.stat().st_mtime:
        return jupytext.read(ipynb)
    return jupytext.read(py_path)


def run_notebook(py_path, parameters=None, output=None, timeout=300, kernel=None):
    """Execute a notebook top to bottom and save it with its outputs.

    Args:
        py_path: the notebook's .py twin.
        parameters: values to set after the ``parameters`` cell, e.g. ``{"story_name": "x"}``.
        output: where to write the executed .ipynb; by default the notebook's own
            .ipynb (and the .py twin is rewritten from the same cells).
        timeout: seconds one cell may take.
        kernel: a running kernel's manager to use (see ``run_notebooks``); by default the
            notebook gets a kernel of its own, stopped when it is done.

    Returns:
        The executed notebook (an ``nbformat`` object).

    Raises:
        nbclient.exceptions.CellExecutionError: a cell failed; the message shows the cell.
    """
    py_path = Path(py_path)
    notebook = read_notebook(py_path)
    if parameters:
        _inject_parameters(notebook, parameters)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    resources = {"metadata": {"path": str(py_path.parent)}}
    if kernel is None:
        with tempfile.TemporaryDirectory() as sockets:
            client = NotebookClient(notebook, km=_kernel_manager(sockets), timeout=timeout, record_timing=False,
                                    shutdown_kernel="immediate", resources=resources)
            client.execute(cleanup_kc=True)  # stop the kernel when done (nbclient keeps kernels it did not start)
    else:
        NotebookClient(notebook, km=kernel, timeout=timeout, record_timing=False, resources=resources).execute()
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.id = f"cell-{index}"  # stable ids keep re-runs from changing the file
    if output is None:
        nbformat.write(notebook, py_path.with_suffix(".ipynb"))
        jupytext.write(notebook, py_path, fmt="py:percent")
    else:
        nbformat.write(notebook, output)
    return notebook


def run_notebooks(py_paths, parameters=None, output_dir=None, timeout=300):
    """Execute and save several notebooks, as ``run_notebook`` does, one after the other in one
    kernel: what ``make figures`` does. Starting a kernel and importing the library take about
    3 s, once here instead of once per notebook. Before each notebook the kernel gets a fresh
    namespace and execution count, the notebook's folder as working folder, and pandas' and
    Matplotlib's default settings, so each runs as it would in a kernel of its own (a test
    compares the two). ``output_dir``: write each .ipynb there instead of beside its twin.
    Returns the executed notebooks."""
    done = []
    with tempfile.TemporaryDirectory() as sockets:
        manager = _kernel_manager(sockets)
        manager.start_kernel()
        try:
            for path in map(Path, py_paths):
                _fresh_namespace(manager, path.parent)
                output = None if output_dir is None else Path(output_dir) / path.with_suffix(".ipynb").name
                done.append(run_notebook(path, parameters, output, timeout, kernel=manager))
        finally:
            manager.shutdown_kernel(now=True)
    return done


def _kernel_manager(sockets):
    # Talk to the kernel over local sockets, not TCP: works with no network at all.
    return KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))


_FRESH_NAMESPACE = """\
get_ipython().reset(new_session=True)
import os as _os, sys as _sys
_os.chdir({folder!r})
if "pandas" in _sys.modules:
    _sys.modules["pandas"].reset_option("all")
if "matplotlib" in _sys.modules:
    _sys.modules["matplotlib"].rcdefaults()
del _os, _sys
"""


def _fresh_namespace(manager, folder):
    """Give a running kernel a fresh namespace (see ``run_notebooks``), out of any notebook's history."""
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(_FRESH_NAMESPACE.format(folder=str(folder)), silent=True,
                                           store_history=False, timeout=60, output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the notebook kernel: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()


def _inject_parameters(notebook, parameters):
    source = "# Parameters set by the runner\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(notebook.cells):
        if "parameters" in existing.metadata.get("tags", []):
            notebook.cells.insert(index + 1, cell)
            return
    notebook.cells.insert(0, cell)
