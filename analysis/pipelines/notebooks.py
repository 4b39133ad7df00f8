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


def run_notebook(py_path, parameters=None, output=None, timeout=300):
    """Execute a notebook top to bottom and save it with its outputs.

    Args:
        py_path: the notebook's .py twin.
        parameters: values to set after the ``parameters`` cell, e.g. ``{"story_name": "x"}``.
        output: where to write the executed .ipynb; by default the notebook's own
            .ipynb (and the .py twin is rewritten from the same cells).
        timeout: seconds one cell may take.

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
    with tempfile.TemporaryDirectory() as sockets:
        # Talk to the kernel over local sockets, not TCP: works with no network at all.
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(notebook, km=manager, timeout=timeout, record_timing=False,
                                shutdown_kernel="immediate", resources={"metadata": {"path": str(py_path.parent)}})
        client.execute(cleanup_kc=True)  # stop the kernel when done (nbclient keeps kernels it did not start)
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.id = f"cell-{index}"  # stable ids keep re-runs from changing the file
    if output is None:
        nbformat.write(notebook, py_path.with_suffix(".ipynb"))
        jupytext.write(notebook, py_path, fmt="py:percent")
    else:
        nbformat.write(notebook, output)
    return notebook


def _inject_parameters(notebook, parameters):
    source = "# Parameters set by the runner\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(notebook.cells):
        if "parameters" in existing.metadata.get("tags", []):
            notebook.cells.insert(index + 1, cell)
            return
    notebook.cells.insert(0, cell)
