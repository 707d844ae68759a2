"""Every place decision the resolver can take has a label in the web page's Arabic and English strings."""

import re
from pathlib import Path

import rasd

ROOT = Path(rasd.__file__).parent


def test_every_place_decision_has_a_label():
    decisions = set()
    for src in (ROOT / "geo").glob("*.py"):
        decisions |= set(re.findall(r'decision="([a-z-]+)"', src.read_text(encoding="utf-8")))
    assert "generic-at-parent" in decisions
    labels = (ROOT / "web/static/js/i18n.js").read_text(encoding="utf-8")
    for d in decisions:
        entry = re.search(rf'"?decision_{re.escape(d)}"?: \{{ ar: "([^"]+)", en: "([^"]+)" \}}', labels)
        assert entry, f"no label for the place decision {d}"
