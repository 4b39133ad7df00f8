"""Every notebook runs top to bottom, on the seed story and on the synthetic test story."""

import shutil

import matplotlib
import nbformat
import psutil
import pytest

from analysis.__main__ import main
from analysis.pipelines.notebooks import notebook_paths, read_notebook, run_notebook, run_notebooks
from paths import FIXTURES, TEST_CORPUS, TEST_STORY

NOTEBOOKS = notebook_paths()
FIXTURE_NOTEBOOKS = notebook_paths(FIXTURES / "notebooks")  # small, to test the runner


def _outputs(notebook):
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def _assert_clean(path, notebook):
    """A lesson ran without errors or warnings, drew a chart, and said in words what is missing."""
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"], path.name
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], path.name
    assert any("image/png" in o.get("data", {}) for o in outputs), path.name
    texts = [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs]
    assert not [text for text in texts if "Empty DataFrame" in text], path.name  # never an empty table


def test_every_lesson_runs_on_the_seed_story_without_errors_or_warnings(tmp_path):
    # one kernel for all lessons, as make figures runs them (a test below shows it gives what separate kernels give)
    notebooks = run_notebooks(NOTEBOOKS, {"story_name": "milley-china-calls", "corpus_dir": None}, output_dir=tmp_path)
    assert len(notebooks) == len(NOTEBOOKS)
    for path, notebook in zip(NOTEBOOKS, notebooks):
        _assert_clean(path, notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_twins_are_in_step_and_open_with_inputs_and_outputs(path):
    ipynb = nbformat.read(path.with_suffix(".ipynb"), as_version=4)
    text = read_notebook(path)
    assert [c.source for c in ipynb.cells] == [c.source for c in text.cells]
    first = ipynb.cells[0].source
    assert "**Inputs:**" in first and "**Outputs:**" in first
    assert "Questions for discussion" in ipynb.cells[-1].source
    assert any("parameters" in c.metadata.get("tags", []) for c in ipynb.cells)


def test_a_notebook_run_stops_its_kernel(tmp_path):
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    run_notebook(FIXTURE_NOTEBOOKS[1], output=tmp_path / "out.ipynb")
    left = [child for child in psutil.Process().children(recursive=True) if child.pid not in before]
    assert not left, f"kernels still running: {[child.cmdline() for child in left]}"


def test_notebooks_sharing_a_kernel_give_what_each_gives_in_its_own(tmp_path):
    """make figures runs several lessons in one kernel; each must come out as from a kernel of its own,
    here a notebook after one that changes pandas' and Matplotlib's settings, leaves a variable and
    moves to another folder."""
    first, second = FIXTURE_NOTEBOOKS
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    shared = run_notebooks([first, second], output_dir=tmp_path)
    alone = run_notebook(second, output=tmp_path / "alone.ipynb")
    outputs = [c.get("outputs") for c in alone.cells]
    defaults = f"notebooks {matplotlib.rcParamsDefault['lines.linewidth']} False"  # folder, line width, no variable
    assert defaults in str(outputs) and "[10 rows x 1 columns]" not in str(outputs)  # all ten rows shown
    assert [c.get("outputs") for c in shared[1].cells] == outputs
    assert [c.get("execution_count") for c in shared[1].cells] == [c.get("execution_count") for c in alone.cells]
    assert (tmp_path / first.with_suffix(".ipynb").name).exists()
    assert not [child for child in psutil.Process().children(recursive=True) if child.pid not in before]


def test_the_lessons_start_with_the_blind_reading():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_blind_reading.py"


def _lesson_files():
    return {path.name: path.read_bytes() for path in NOTEBOOKS[0].parent.iterdir() if path.is_file()}


def test_every_lesson_runs_on_another_story_into_copies_and_the_lessons_stay_as_they_are(tmp_path, capsys):
    """`make notebooks STORY=x` (python -m analysis notebooks --story x) runs every lesson on the
    synthetic story, without actors.yml and naming.yml, saves executed copies and leaves the
    committed lessons untouched; what is missing is said in words; an unknown story stops with
    its reason."""
    corpus = tmp_path / "corpus"
    shutil.copytree(TEST_CORPUS / TEST_STORY, corpus / TEST_STORY)
    (corpus / TEST_STORY / "actors.yml").unlink()
    (corpus / TEST_STORY / "naming.yml").unlink()
    before = _lesson_files()
    status = main(["notebooks", "--story", TEST_STORY, "--corpus-dir", str(corpus),
                   "--output-dir", str(tmp_path / "lessons")])
    assert status == 0 and _lesson_files() == before
    copies = sorted((tmp_path / "lessons").iterdir())
    assert [copy.name for copy in copies] == [path.with_suffix(".ipynb").name for path in NOTEBOOKS]
    notebooks = [nbformat.read(copy, as_version=4) for copy in copies]
    for path, notebook in zip(NOTEBOOKS, notebooks):
        _assert_clean(path, notebook)
    texts = {copy.name[:2]: [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in _outputs(notebook)]
             for copy, notebook in zip(copies, notebooks)}
    assert any("Riverside Gazette" in text for text in texts["05"])
    assert any("no actors.yml yet" in text for text in texts["03"])
    assert any("no naming.yml yet" in text for text in texts["05"])
    assert main(["notebooks", "--story", "no-such-story", "--output-dir", str(tmp_path / "other")]) == 1
    assert "no-such-story" in capsys.readouterr().err and not (tmp_path / "other").exists()
