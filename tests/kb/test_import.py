"""`rasd kb import` on small files in the GeoNames dump and OCHA COD formats."""

import shutil
from pathlib import Path

import pytest

from rasd.errors import KBError
from rasd.kb.gazetteer import Gazetteer, gazetteer_path, load_gazetteer
from rasd.kb.gazetteer.importer import import_places

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


@pytest.fixture
def private_gazetteer(settings, gazetteer, tmp_path):
    path = tmp_path / "gaz.sqlite"
    shutil.copy(gazetteer_path(settings), path)
    return path


def test_import_geonames_dump(private_gazetteer):
    assert (
        import_places(private_gazetteer, FIX / "SY-mini.txt", "geonames") == 2
    )  # the row without Arabic is skipped
    g = Gazetteer(private_gazetteer)
    [p] = g.candidates("تل غزال")
    assert p.geonameid == 9990001 and p.admin1 == "Al-Hasakah" and p.admin2 == "SY0100"
    assert g.candidates("تلغزال") == [p]  # the joined spelling of "تل X" is indexed too


def test_import_ocha_csv(private_gazetteer):
    assert import_places(private_gazetteer, FIX / "syr_pplp_mini.csv", "ocha") == 2
    [p] = Gazetteer(private_gazetteer).candidates("كفر صفرة")
    assert p.admin2 == "Afrin" and p.country == "SY" and abs(p.lat - 36.55) < 1e-9


def test_bad_files_are_named(private_gazetteer, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(KBError) as e:
        import_places(private_gazetteer, bad, "ocha")
    assert "bad.csv" in str(e.value)
    short = tmp_path / "short.txt"
    short.write_text("1\tx\n", encoding="utf-8")
    with pytest.raises(KBError, match="short.txt:1"):
        import_places(private_gazetteer, short, "geonames")


def test_gazetteer_is_built_on_first_use(tmp_path, settings):
    s = settings.replace(cache_dir=str(tmp_path / "fresh"))
    g = load_gazetteer(s)
    assert len(g) > 5000 and gazetteer_path(s).exists()
    with pytest.raises(KBError):
        load_gazetteer(settings.replace(gazetteer_path=str(tmp_path / "none.sqlite")), build_if_missing=False)
