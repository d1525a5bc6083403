"""A notebook run ends quietly: the kernel is shut down once it is idle, so no
"KeyboardInterrupt caught in kernel" line reaches the output of a successful run."""

from pathlib import Path

import nbformat
import pytest

from analysis import notebooks

SLOW_KERNEL_INFO = Path(__file__).parents[1] / "fixtures" / "notebooks" / "slow-kernel-info.py"


@pytest.mark.notebooks
@pytest.mark.slow  # starts a kernel: several seconds
def test_successful_run_prints_no_keyboard_interrupt(tmp_path, capfd):
    # The kernel is a child process writing to this process's stdout/stderr file
    # descriptors, so capfd (not capsys) sees its log lines.
    executed = notebooks.execute(SLOW_KERNEL_INFO, {"n": 5}, output_dir=tmp_path)
    out, err = capfd.readouterr()
    printed = [o.get("text", "") for cell in nbformat.read(executed, as_version=4).cells
               if cell.cell_type == "code" for o in cell.outputs]
    assert "sum 10\n" in printed  # the run happened, with the parameter passed
    assert "KeyboardInterrupt" not in out + err, out + err
