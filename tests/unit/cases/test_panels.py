"""The case page's panels are found whatever the process imported first."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_process_that_imports_only_the_case_reads_still_finds_the_comment_panel() -> None:
    # A fresh interpreter: nothing else (the web app, the moderation views) was imported.
    code = textwrap.dedent(
        """
        import sys
        from lanyard.cases import panels
        assert "lanyard.moderation.views" not in sys.modules
        names = [f"{p.__module__}.{p.__name__}" for p in panels.discover()]
        print("\\n".join(names))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "lanyard.moderation.case_panel.escalated_comment" in out
