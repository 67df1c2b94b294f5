"""``python -m lanyard`` runs the command line, as ``lanyard`` does."""

import subprocess
import sys


def test_python_m_lanyard_is_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lanyard", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: lanyard" in done.stdout
    assert "check" in done.stdout
