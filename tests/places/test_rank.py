"""The learned ranker of a place name's gazetteer entries: features, model file, training, explanation.

Entries here are invented tuples in the gazetteer's format (id, name, kind, country, admin1, lat, lon,
population), so these tests need neither the gazetteer nor ../shared."""

from __future__ import annotations

import json

import numpy
import pytest

from eventwire.errors import EventwireError
from eventwire.places import rank, train
from eventwire.places.rank import FEATURES, Clues, Ranker

BIG = (1, "Marlow", "city", "USA", "OH", 40.0, -83.0, 90_000)
SMALL = (2, "Marlow", "city", "USA", "GA", 33.9, -83.4, 8_000)
COUNTY = ("US-GA:Oconee County", "Oconee County", "admin2", "USA", "GA", 33.8, -83.4, 0)
TOWN = (3, "Bishopville", "village", "USA", "GA", 33.95, -83.3, 3_000)
OTHER_TOWN = (4, "Bishopville", "village", "USA", "SC", 34.2, -80.2, 3_400)


def weights_for(named: dict[str, float]) -> numpy.ndarray:
    w = numpy.zeros(len(FEATURES))
    for name, value in named.items():
        w[FEATURES.index(name)] = value
    return w


def test_every_entry_gets_one_value_per_feature():
    clues = Clues(countries={"USA"}, name="marlow")
    for e in (BIG, SMALL, COUNTY):
        assert len(rank.features(e, clues, [BIG, SMALL, COUNTY])) == len(FEATURES)


def test_largest_population_and_share_are_relative_to_the_namesakes():
    clues = Clues(name="marlow")
    big = dict(zip(FEATURES, rank.features(BIG, clues, [BIG, SMALL]), strict=True))
    small = dict(zip(FEATURES, rank.features(SMALL, clues, [BIG, SMALL]), strict=True))
    assert big["largest population of its kind"] == 1.0 and small["largest population of its kind"] == 0.0
    assert small["population share of the largest"] == pytest.approx(8_000 / 90_000)


def test_other_names_in_one_state_point_to_it():
    clues = Clues(countries={"USA"}, name="marlow")
    rank.add_area(clues, "marlow", [BIG, SMALL])
    rank.add_area(clues, "oconee county", [COUNTY])
    rank.add_area(clues, "bishopville", [TOWN, OTHER_TOWN])
    share = FEATURES.index("share of the article's other names with an entry in its admin1")
    georgia = rank.features(SMALL, clues, [BIG, SMALL])[share]
    ohio = rank.features(BIG, clues, [BIG, SMALL])[share]
    assert georgia > 0.4 and ohio == 0.0


def test_a_big_city_is_no_sign_of_its_small_neighbours():
    clues = Clues(name="marlow")
    rank.add_area(clues, "marlow", [BIG, SMALL])
    rank.add_area(clues, "metropolis", [(9, "Metropolis", "city", "USA", "GA", 33.7, -84.4, 500_000)])
    share = FEATURES.index("share of the article's other names with an entry in its admin1")
    assert rank.features(SMALL, clues, [BIG, SMALL])[share] == 0.0


def test_best_follows_the_model_weights(monkeypatch):
    clues = Clues(countries={"USA"}, name="marlow", admin1={("USA", "GA")})
    # Population alone prefers the big town; a model that trusts admin context picks the one in Georgia.
    monkeypatch.setattr(rank, "ranker", lambda: Ranker(weights_for({})))
    by_population = rank.best([BIG, SMALL], clues)
    assert by_population == BIG  # all weights zero: the tie goes to population
    w = weights_for({"in the admin1 of its admin context": 3.0, "log population (towns)": 1.0})
    monkeypatch.setattr(rank, "ranker", lambda: Ranker(w))
    assert rank.best([BIG, SMALL], clues) == SMALL


def test_ranker_file_round_trip_and_errors(tmp_path, monkeypatch):
    model = Ranker(numpy.arange(len(FEATURES), dtype=float), {"choices": 3})
    path = tmp_path / "ranker.json"
    path.write_text(model.to_json())
    again = rank.read(path)
    assert numpy.allclose(again.weights, model.weights) and again.about == {"choices": 3}
    data = json.loads(path.read_text())
    del data["features"][FEATURES[0]]
    path.write_text(json.dumps(data))
    monkeypatch.setenv("EVENTWIRE_PLACE_RANKER", str(path))
    rank._ranker.cache_clear()
    with pytest.raises(EventwireError, match="cannot be read"):
        rank.ranker()
    monkeypatch.setenv("EVENTWIRE_PLACE_RANKER", str(tmp_path / "missing.json"))
    with pytest.raises(EventwireError, match="is not a file"):
        rank.ranker()
    monkeypatch.setenv("EVENTWIRE_PLACE_RANKER", "off")
    assert rank.ranker() is None
    rank._ranker.cache_clear()


def test_the_packaged_ranker_loads_with_its_cross_validation(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_PLACE_RANKER", raising=False)
    model = rank.ranker()
    assert model is not None and model.weights.shape == (len(FEATURES),)
    cv = model.about["cross_validation"]
    assert cv and all(0.0 <= r["learned"] <= 1.0 and r["choices"] > 0 for r in cv.values())


def test_training_choices_are_labelled_by_the_gold_toponym():
    collected = {
        "article": "a1",
        "span": (10, 16),
        "name": "marlow",
        "x": [[0.0] * len(FEATURES), [1.0] * len(FEATURES)],
        "ids": [1, 2],
        "points": [(40.0, -83.0), (33.9, -83.4)],
        "rules": 0,
    }
    text = "Flooding: Marlow schools shut."
    by_point = [{"text": "Marlow", "span": [10, 16], "geonames_id": 999, "lat": 34.0, "lon": -83.5}]
    _, right, rules = train._label(collected, by_point, text)
    assert right.tolist() == [False, True] and rules == 0
    by_id = [{"text": "Marlow", "span": [10, 16], "geonames_id": 1, "lat": 0.0, "lon": 0.0}]
    assert train._label(collected, by_id, text)[1].tolist() == [True, False]
    elsewhere = [{"text": "Oconee", "span": [40, 46], "geonames_id": 5, "lat": 0.0, "lon": 0.0}]
    assert train._label(collected, elsewhere, text) is None  # no gold toponym at this mention


def synthetic_groups(n: int) -> list[train.Group]:
    """Choices between two entries where one feature (the admin context) marks the right one, and
    population misleads half the time."""
    rng = numpy.random.default_rng(0)
    k = len(FEATURES)
    ctx, pop = FEATURES.index("in the admin1 of its admin context"), FEATURES.index("log population (towns)")
    groups = []
    for i in range(n):
        x = numpy.zeros((2, k))
        right = int(rng.integers(2))
        x[right, ctx] = 1.0
        x[:, pop] = rng.random(2)
        groups.append(
            train.Group("corpus-a" if i % 2 else "corpus-b", f"art{i}", x, numpy.arange(2) == right, 0)
        )
    return groups


def test_fit_learns_the_feature_that_decides():
    pytest.importorskip("scipy")
    groups = synthetic_groups(80)
    w = train.fit(groups)
    assert w[FEATURES.index("in the admin1 of its admin context")] > 1.0
    assert train.accuracy(groups, w) == 1.0
    assert train.accuracy(groups, None) == pytest.approx(numpy.mean([g.right[0] for g in groups]))
    cv = train.cross_validate(groups)
    assert set(cv) == {"corpus-a", "corpus-b"} and all(r["learned"] == 1.0 for r in cv.values())


def test_training_with_a_missing_corpus_says_which(tmp_path):
    with pytest.raises(EventwireError, match=r"places-x-input\.jsonl"):
        train.collect([tmp_path / "places-x-input.jsonl"])


@pytest.mark.model
def test_explain_lists_the_candidates_and_marks_the_chosen_one():
    from eventwire.api import code_with_doc
    from eventwire.places.explain import explain

    lines = explain("Talks opened in Paris on Monday.", lambda t: code_with_doc(t)[0])
    assert lines[0].startswith("P1 'Paris'") and "FRA" in lines[0]
    assert any("candidate entries, ranked by" in x for x in lines)
    chosen = [x for x in lines if x.lstrip().startswith("*")]
    assert len(chosen) == 1 and "Paris (city, FRA" in chosen[0]
