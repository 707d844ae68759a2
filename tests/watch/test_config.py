"""The sources file: the issue's example is valid; every bad line is reported with its number."""

from __future__ import annotations

import pytest

from rasd.watch import ConfigError, parse_config
from rasd.watch.yamlcheck import parse_duration

EXAMPLE = """\
sources:
  - {name: syria-tv, url: https://www.syria.tv/rss.xml, kind: rss, every: 5m}
  - {name: drop, path: /data/incoming, kind: folder, every: 1m}
alerts:
  - {name: deir-ez-zor, country: SY, admin1: Deir ez-Zor, event_types: [Battles, Explosions/Remote violence], webhook: https://example.org/hook, email: [desk@example.org]}
smtp: {host: 127.0.0.1}
"""


def test_the_issue_example_is_valid():
    c = parse_config(EXAMPLE)
    assert [(s.name, s.kind, s.every) for s in c.sources] == [
        ("syria-tv", "rss", 300.0),
        ("drop", "folder", 60.0),
    ]
    rule = c.alerts[0]
    assert (
        rule.countries == ("SY",) and rule.admin1 == ("Deir ez-Zor",) and rule.email == ("desk@example.org",)
    )
    assert rule.webhook.url == "https://example.org/hook" and rule.status == "new"


def _problems(text: str, env=None) -> dict[int, str]:
    with pytest.raises(ConfigError) as e:
        parse_config(text, "s.yaml", env)
    assert str(e.value).startswith("s.yaml: line ")
    return {line: msg for line, msg in e.value.problems}


def test_unknown_keys_and_bad_values_are_rejected_with_their_line():
    text = """\
sources:
  - name: a
    kind: rss
    url: https://example.org/rss
    every: 5 minutes
  - name: b
    kind: folder
    path: /tmp/x
    every: 1m
    colour: red
  - {name: c, kind: ftp, url: https://x, every: 1m}
  - {name: d, kind: rss, every: 1m}
  - {name: a, kind: page, url: "file:///etc/passwd", every: 0.5}
alerts:
  - name: r
    event_types: [Battle]
    min_fatalities: -1
    email: [nobody]
    status: maybe
    near: {km: 10}
    webhook: {url: https://x/hook, secret_env: NOT_SET}
options: {timeout: fast, colour: blue}
"""
    p = _problems(text)
    assert "not a duration" in p[5]
    assert "unknown key 'colour'" in p[10]
    assert "'ftp' is not one of" in p[11]
    assert "needs a url" in p[12]
    assert "not an http(s) URL" in p[13] or "shorter than" in p[13]
    assert "not an ACLED event type" in p[16]
    assert "out of range" in p[17]
    assert "not an e-mail address" in p[18] or "needs an smtp" in p[18]
    assert "'maybe' is not one of" in p[19]
    assert "lat and lon, or place" in p[20]
    assert "$NOT_SET is not set" in p[21]
    assert 22 in p


def test_yaml_syntax_errors_and_duplicates_name_their_line():
    p = _problems("sources:\n  - {name: a, kind: rss\n  - b\n")
    assert list(p) == [4] and "not valid YAML" in p[4] and "on line 2" in p[4]  # where it broke, and began
    p = _problems(
        "sources:\n  - {name: a, kind: folder, path: /x, every: 1m}\n  - {name: a, kind: folder, path: /y, every: 1m}\n"
    )
    assert "already used on line 2" in p[3]
    p = _problems("sources: []\nsources: []\n")
    assert "duplicate key" in p[2]


def test_durations():
    assert parse_duration("90s") == 90 and parse_duration("1h30m") == 5400 and parse_duration(2) == 2.0
    for bad in ("", "5 minutes", -1, True, "m"):
        with pytest.raises(ValueError):
            parse_duration(bad)
