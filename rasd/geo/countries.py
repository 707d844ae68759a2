"""Country names in Arabic and English (``rasd/data/geo/countries.csv``): for the page's filters and labels."""

from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.cache
def country_names() -> dict[str, dict[str, str]]:
    """ISO 3166 alpha-2 → ``{"en": …, "ar": …}``.

    Example: ``country_names()["SY"]`` → ``{"en": "Syria", "ar": "سوريا"}``.
    """
    text = resources.files("rasd").joinpath("data/geo/countries.csv").read_text(encoding="utf-8")
    return {r["iso2"]: {"en": r["name_en"], "ar": r["name_ar"]} for r in csv.DictReader(text.splitlines())}
