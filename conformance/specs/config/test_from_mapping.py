"""``Config.from_mapping``: updating from a mapping and keyword arguments."""


def test_from_mapping_loads_a_mapping(target):
    """``from_mapping`` copies the uppercase keys of a mapping and returns ``True`` (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping")

    assert app.config.from_mapping({"GREETING": "hi", "ANSWER": 1}) is True

    assert app.config["GREETING"] == "hi"
    assert app.config["ANSWER"] == 1


def test_from_mapping_loads_keyword_arguments(target):
    """``from_mapping`` accepts the keys as keyword arguments (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping_kwargs")

    app.config.from_mapping(GREETING="hi", ANSWER=2)

    assert app.config["GREETING"] == "hi"
    assert app.config["ANSWER"] == 2


def test_from_mapping_keywords_win_over_the_mapping(target):
    """A keyword argument given to ``from_mapping`` overrides the same key in the mapping (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping_both")

    app.config.from_mapping({"GREETING": "mapping", "ONLY_MAPPING": 1}, GREETING="keyword")

    assert app.config["GREETING"] == "keyword"
    assert app.config["ONLY_MAPPING"] == 1


def test_from_mapping_ignores_keys_not_all_uppercase(target):
    """``from_mapping`` skips lowercase and mixed-case keys, from the mapping and the keywords alike (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping_case")

    app.config.from_mapping({"lower": 1, "Mixed": 2, "KEPT": 3}, other=4)

    assert app.config["KEPT"] == 3
    assert not {"lower", "Mixed", "other", "LOWER", "OTHER"} & set(app.config)


def test_from_mapping_accepts_pairs(target):
    """``from_mapping`` accepts an iterable of key/value pairs as the mapping (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping_pairs")

    app.config.from_mapping([("GREETING", "pairs")])

    assert app.config["GREETING"] == "pairs"


def test_from_mapping_without_arguments_changes_nothing(target):
    """``from_mapping`` called with no arguments leaves the config unchanged and returns ``True`` (Flask API: Config.from_mapping)."""
    app = target.Flask("conformance_config_mapping_empty")
    before = dict(app.config)

    assert app.config.from_mapping() is True

    assert dict(app.config) == before
