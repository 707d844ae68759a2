"""`rasd eval` end to end on the development gold set: the thresholds the project holds itself to."""

import json
import os
import subprocess
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dev.jsonl"


def test_rasd_eval_on_the_dev_set(settings):
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    r = subprocess.run(
        [sys.executable, "-m", "rasd", "eval", str(GOLD), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)
    assert m["documents"] >= 40
    assert m["event_f1"] >= 0.80, m
    assert m["place_accuracy_10km"] >= 0.85, m
