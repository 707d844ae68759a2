"""The actor knowledge base: size, validity, sources kept apart from actors."""

import pytest
import yaml

from rasd.errors import KBError
from rasd.kb import actors as actors_mod
from rasd.kb.actors import ActorKB, _actor


def test_size_and_coverage(actors):
    syria_iraq = [
        a
        for a in actors.actors
        if a.country in ("SY", "IQ") or a.type == "external" or a.country is None or a.id in ("hezbollah",)
    ]
    assert len(syria_iraq) >= 80
    ids = {a.id for a in actors.actors}
    for needed in (
        "sy-gov-forces",
        "iq-gov-forces",
        "tr-forces",
        "ru-forces",
        "ir-forces",
        "us-forces",
        "coalition",
        "sdf",
        "ypg",
        "isis",
        "hts",
        "nusra",
        "sna",
        "pmf",
        "kataib-hezbollah",
        "hezbollah",
        "fatemiyoun",
        "sy-tribal-forces",
        "civilians",
    ):
        assert needed in ids, needed


def test_inter_codes_and_parents(actors):
    for a in actors.actors:
        assert a.inter in range(1, 9), a.id
        assert a.parent is None or a.parent in actors
    assert (
        actors.get("isis").inter == 2
        and actors.get("civilians").inter == 7
        and actors.get("coalition").inter == 8
    )


def test_sources_are_not_actors(actors):
    source_ids = {s.id for s in actors.sources}
    assert {"src-tass", "src-local-networks", "src-sawt-wa-sura", "src-sohr", "src-activists"} <= source_ids
    assert not source_ids & {a.id for a in actors.actors}
    assert all(s.inter is None for s in actors.sources)


def test_aliases_from_the_brief(actors):
    forms = {alias: kb_id for alias, kb_id, _, _ in actors.alias_forms()}
    assert forms["قسد"] == "sdf" and forms["داعش"] == "isis" and forms["تنظيم الدوله"] == "isis"
    anaphoric = {alias for alias, kb_id, _, ana in actors.alias_forms() if ana and kb_id == "isis"}
    assert "التنظيم" in anaphoric


def test_validity_dates(actors):
    import datetime as dt

    assert actors.get("nusra").valid_on(dt.date(2014, 1, 1)) and not actors.get("nusra").valid_on(
        dt.date(2020, 1, 1)
    )


def test_invalid_entries_are_named():
    with pytest.raises(KBError, match="x.yaml:bad"):
        _actor({"id": "bad", "name_en": "Bad", "name_ar": "سيء", "inter": 9}, "x.yaml", "actor")
    with pytest.raises(KBError, match="lacks 'name_ar'"):
        _actor({"id": "bad", "name_en": "Bad", "inter": 1}, "x.yaml", "actor")


def test_every_yaml_file_parses(actors):
    from importlib import resources

    for entry in resources.files(actors_mod.__name__).iterdir():
        if entry.name.endswith(".yaml"):
            assert isinstance(yaml.safe_load(entry.read_text(encoding="utf-8")), dict)
    assert isinstance(actors, ActorKB)


def test_shared_words_are_read_by_the_reports_country(actors):
    """Nigeria's bandits and the Sahel's hunters: their words mean other actors in other countries."""
    from rasd.text import normalise_key

    bandits = normalise_key("قطاع الطرق")
    assert actors.pick(actors.readings(bandits)[0], bandits, "NG") == "ng-bandits"
    assert actors.ref_in("ng-bandits", "NG").name_en == "Unidentified Armed Group (Nigeria)"
    assert actors.pick(actors.readings(bandits)[0], bandits, "YE") == "unidentified-armed-group"
    hunters = normalise_key("الصيادين التقليديين")
    assert actors.pick(actors.readings(hunters)[0], hunters, "BF") == "bf-dozo"
    assert actors.pick(actors.readings(hunters)[0], hunters, "YE") == "civilians"


def test_groups_that_joined_jnim_are_coded_as_jnim_after_march_2017(actors):
    import datetime as dt

    from rasd.text import normalise_key

    key = normalise_key("كتيبة ماسينا")
    before = actors.pick(actors.readings(key)[0], key, "ML", dt.date(2016, 5, 1))
    after = actors.pick(actors.readings(key)[0], key, "ML", dt.date(2019, 5, 1))
    assert actors.ref_in(before, "ML").name_en == "FLM: Macina Liberation Front"
    assert actors.ref_in(after, "ML").name_en == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(
    ("actor_id", "country", "acled"),
    [
        ("state-police", "ML", "Police Forces of Mali"),
        ("state-police", "BF", "Police Forces of Burkina Faso"),
        ("state-police", "MR", "Police Forces of Mauritania"),
        ("bf-vdp", "BF", "VDP: Volunteers for the Defense of the Homeland"),
        ("africa-corps", "ML", "Military Forces of Russia"),
        (
            "minusma",
            "ML",
            "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali",
        ),
        ("ly-ssa", "LY", "SSA: Stability Support Apparatus"),
    ],
)
def test_sahel_and_libya_acled_names(actors, actor_id, country, acled):
    assert actors.ref_in(actor_id, country).name_en == acled
