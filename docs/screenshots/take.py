"""Save screenshots of the desk's main pages (story list, story, entity, search) into this folder.

Runs the browser tests, the last of which takes them once the others have added two articles (chromium and
playwright needed): .venv/bin/python docs/screenshots/take.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

if __name__ == "__main__":
    env = {**os.environ, "PARALLAX_SCREENSHOTS": str(HERE)}
    test = "tests/test_web_browser.py"
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-rs", test], cwd=ROOT, env=env))
