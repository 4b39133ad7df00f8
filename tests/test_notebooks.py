"""Every notebook runs top to bottom, on the seed story and on the synthetic test story."""

import shutil

import nbformat
import psutil
import pytest

from analysis.__main__ import main
from analysis.pipelines.notebooks import notebook_paths, read_notebook, run_notebook, run_notebooks
from paths import TEST_CORPUS, TEST_STORY

NOTEBOOKS = notebook_paths()


def _outputs(notebook):
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


@pytest.mark.parametrize("story, corpus_dir", [("milley-china-calls", None), (TEST_STORY, str(TEST_CORPUS))],
                         ids=["seed-story", "test-story"])
def test_every_lesson_runs_without_errors_or_warnings(story, corpus_dir, tmp_path):
    # one kernel for all lessons, as make figures runs them (a test below shows it gives what separate kernels give)
    notebooks = run_notebooks(NOTEBOOKS, {"story_name": story, "corpus_dir": corpus_dir}, output_dir=tmp_path)
    assert len(notebooks) == len(NOTEBOOKS)
    for path, notebook in zip(NOTEBOOKS, notebooks):
        outputs = _outputs(notebook)
        assert not [o for o in outputs if o.output_type == "error"], path.name
        assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], path.name
        assert any("image/png" in o.get("data", {}) for o in outputs), path.name
        # what is missing is said in words, never shown as an empty table
        texts = [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs]
        assert not [text for text in texts if "Empty DataFrame" in text], path.name


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
    parameters = {"story_name": TEST_STORY, "corpus_dir": str(TEST_CORPUS)}
    run_notebook(NOTEBOOKS[1], parameters, output=tmp_path / "out.ipynb")
    left = [child for child in psutil.Process().children(recursive=True) if child.pid not in before]
    assert not left, f"kernels still running: {[child.cmdline() for child in left]}"


def test_notebooks_sharing_a_kernel_give_what_each_gives_in_its_own(tmp_path):
    """make figures runs several lessons in one kernel; each must come out as from a kernel of its own,
    here lesson 1 after lesson 2, which imports pandas and changes its display settings."""
    parameters = {"story_name": TEST_STORY, "corpus_dir": str(TEST_CORPUS)}
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    first, second = (next(path for path in NOTEBOOKS if path.name.startswith(n)) for n in ("01_", "02_"))
    shared = run_notebooks([second, first], parameters, output_dir=tmp_path)
    alone = run_notebook(first, parameters, output=tmp_path / "alone.ipynb")
    assert [c.get("outputs") for c in shared[1].cells] == [c.get("outputs") for c in alone.cells]
    assert [c.get("execution_count") for c in shared[1].cells] == [c.get("execution_count") for c in alone.cells]
    assert (tmp_path / second.with_suffix(".ipynb").name).exists()
    assert not [child for child in psutil.Process().children(recursive=True) if child.pid not in before]


def test_the_lessons_start_with_the_blind_reading():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_blind_reading.py"


def _lesson_files():
    return {path.name: path.read_bytes() for path in NOTEBOOKS[0].parent.iterdir() if path.is_file()}


def test_the_lessons_run_on_another_story_into_copies_and_stay_as_they_are(tmp_path, capsys):
    """`make notebooks STORY=x` (python -m analysis notebooks --story x) saves executed copies
    and leaves the committed lessons untouched; a story without actors.yml and naming.yml gets
    words saying what is missing; an unknown story stops with its reason."""
    corpus = tmp_path / "corpus"
    shutil.copytree(TEST_CORPUS / TEST_STORY, corpus / TEST_STORY)
    (corpus / TEST_STORY / "actors.yml").unlink()
    (corpus / TEST_STORY / "naming.yml").unlink()
    before = _lesson_files()
    status = main(["notebooks", "--only", "03_,05_", "--story", TEST_STORY, "--corpus-dir", str(corpus),
                   "--output-dir", str(tmp_path / "lessons")])  # the lessons that read actors.yml and naming.yml
    assert status == 0 and _lesson_files() == before
    copies = sorted((tmp_path / "lessons").iterdir())
    assert [copy.name for copy in copies] == [path.with_suffix(".ipynb").name for path in NOTEBOOKS
                                              if path.name.startswith(("03_", "05_"))]
    texts = {copy.name[:2]: [o.get("text", "") + o.get("data", {}).get("text/plain", "")
                             for o in _outputs(nbformat.read(copy, as_version=4))] for copy in copies}
    assert any("Riverside Gazette" in text for text in texts["05"])
    assert any("no actors.yml yet" in text for text in texts["03"])
    assert any("no naming.yml yet" in text for text in texts["05"])
    assert not [text for lesson in texts.values() for text in lesson if "Empty DataFrame" in text]
    assert main(["notebooks", "--story", "no-such-story", "--output-dir", str(tmp_path / "other")]) == 1
    assert "no-such-story" in capsys.readouterr().err and not (tmp_path / "other").exists()
