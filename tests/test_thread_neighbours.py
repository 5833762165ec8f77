from classifier.thread_features import line_features
from classifier.thread_model import ThreadStartModel, model_from_json
from classifier.thread_neighbours import is_neighbour_feature, with_neighbours


def test_each_row_gets_its_neighbours_own_features():
    rows = with_neighbours([{"a": 1.0, "fa_a": 5.0}, {"a": 2.0, "fa_a": 6.0}, {"a": 3.0, "fa_a": 7.0}])
    assert rows[1]["before:a"] == 1.0 and rows[1]["after:a"] == 3.0 and rows[1]["a"] == 2.0
    assert rows[0]["before:a"] == 0.0 and rows[0]["before:none"] == 1.0 and rows[0]["after:none"] == 0.0
    assert rows[2]["after:none"] == 1.0 and rows[2]["before:a"] == 2.0
    assert "before:fa_a" not in rows[1]  # page-kind copies stay on the line itself
    assert with_neighbours([]) == []


def test_neighbour_features_are_blank_blind():
    texts = ["The council met on Tuesday and argued about the roads for a long while.",
             "Rosa says:", "Lovely piece, thanks."]
    rows = line_features(texts)
    assert rows[2]["before:says_line"] == 1.0 and rows[0]["after:says_line"] == 1.0
    assert is_neighbour_feature("after:says_line") and not is_neighbour_feature("says_line")


def test_picker_places_the_start_but_the_ranker_decides_detection():
    rows = [{"x": 1.0, "after:y": 0.0}, {"x": 0.0, "after:y": 1.0}, {"x": 0.0, "after:y": 0.0}]
    names = ("x", "after:y")
    plain = ThreadStartModel(names, (1.0, 0.0), (1.0, 0.0), 0.0, 0.5)
    assert plain.pick(rows, plain.rank_scores(rows)) == 0  # no picker: the ranker's best
    picking = ThreadStartModel(names, (1.0, 0.0), (1.0, 0.0), 0.0, 0.5, (0.0, 2.0))
    assert picking.pick(rows, picking.rank_scores(rows)) == 1
    assert picking.rank_scores(rows) == plain.rank_scores(rows)  # detection sees the ranker's scores
    assert model_from_json(picking.to_json()) == picking and model_from_json(plain.to_json()) == plain
