"""Where things are, for every test whatever its folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"  # ../shared beside the checkout (read-only)
SHOTS = ROOT / "var" / "screenshots"  # browser tests save their screenshots here
