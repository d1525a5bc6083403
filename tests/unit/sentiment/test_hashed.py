"""The trained model: hashed features, experts, compact and reproducible files."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.model_files import canonical_skops
from analysis.sentiment.hashed import HashedSentiment, dequantise, quantise
from analysis.sentiment.persist import load_model, save_model

FRENCH = ["c'est super", "vraiment génial merci", "c'est nul", "quelle honte vraiment",
          "réunion demain à 10h", "le match commence"]
FRENCH_LABELS = ["positive", "positive", "negative", "negative", "neutral", "neutral"]


def _fit(tiny_train, **params):
    texts = tiny_train.text.tolist() + FRENCH * 4
    labels = tiny_train.label.tolist() + FRENCH_LABELS * 4
    langs = tiny_train.lang.tolist() + ["fr"] * len(FRENCH) * 4
    domains = tiny_train.source.tolist() + ["french"] * len(FRENCH) * 4
    return HashedSentiment(n_bits=16, **params).fit(texts, labels, domains=domains, langs=langs)


def test_probabilities_are_a_distribution_over_the_classes(tiny_train):
    model = _fit(tiny_train)
    proba = model.predict_proba(["zwin bzaf", "c'est nul", "", "🤷"])
    assert proba.shape == (4, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_) == ["negative", "neutral", "positive"]


def test_learns_the_training_labels(tiny_train):
    model = _fit(tiny_train)
    assert (model.predict(tiny_train.text) == tiny_train.label).mean() > 0.9


def test_a_french_expert_and_its_gate_are_learnt_from_the_language_tags(tiny_train):
    model = _fit(tiny_train)
    assert [e["lang"] for e in model.experts_] == ["fr"]
    without = _fit(tiny_train, experts=())
    assert without.experts_ == []
    # the expert changes what the model says about French posts
    assert not np.allclose(model.predict_proba(FRENCH), without.predict_proba(FRENCH))


def test_no_expert_without_language_tags(tiny_train):
    model = HashedSentiment(n_bits=16).fit(tiny_train.text, tiny_train.label)
    assert model.experts_ == []


def test_batch_size_does_not_change_predictions(tiny_train):
    model = _fit(tiny_train)
    texts = tiny_train.text.tolist()[:17]
    small = model.set_params(batch_size=3).predict_proba(texts)
    large = model.set_params(batch_size=1000).predict_proba(texts)
    assert np.allclose(small, large)


def test_weights_are_stored_as_int8_codes_and_a_float16_idf(tiny_train):
    model = _fit(tiny_train)
    assert model.coef_["codes"].dtype == np.int8 and model.idf_.dtype == np.float16
    assert model.experts_[0]["weights"]["codes"].dtype == np.int8


def test_quantised_weights_keep_small_and_large_weights_close():
    weights = np.array([[1e-4, -3e-3, 0.02, -0.5, 4.0, 0.0]])
    restored = dequantise(*quantise(weights))
    assert restored[0, -1] == 0.0
    scale = 4.0
    # half a code step in the square-root domain, mapped back: the worst case
    bound = scale * (np.sqrt(np.abs(weights) / scale) / 127 + 1 / (4 * 127 ** 2))
    assert np.all(np.abs(restored - weights) <= bound)
    large = np.abs(weights) >= 0.5
    assert np.all(np.abs(restored - weights)[large] <= 0.01 * np.abs(weights)[large])


def test_round_trip_through_skops_gives_the_same_probabilities(tiny_train, tmp_path):
    model = _fit(tiny_train)
    loaded = load_model(save_model(model, tmp_path / "m.skops"))
    texts = ["zwin bzaf", "ماعجبنيش", "c'est nul", "something unseen 🤷"]
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


def test_the_same_training_gives_the_same_file_bytes(tiny_train):
    assert canonical_skops(_fit(tiny_train)) == canonical_skops(_fit(tiny_train))


def test_refuses_a_single_label(tiny_train):
    with pytest.raises(ValueError, match="two labels"):
        HashedSentiment(n_bits=16).fit(["a", "b"], ["positive", "positive"])


def test_refuses_misaligned_language_tags(tiny_train):
    with pytest.raises(ValueError, match="langs has 1 entries"):
        HashedSentiment(n_bits=16).fit(["a", "b"], ["positive", "negative"], langs=["fr"])


# -- corpus copies: shared weights for every post, a corpus's own weights for its posts --

def test_corpus_copies_change_only_the_posts_of_a_known_corpus(tiny_train):
    model = _fit(tiny_train, corpus_copies=True, experts=())
    assert list(model.corpora_) == sorted(set(tiny_train.source) | {"french"})
    texts = FRENCH + ["zwin bzaf"]
    shared = model.predict_proba(texts)
    assert np.array_equal(shared, _fit(tiny_train, experts=()).predict_proba(texts))
    # a corpus it never saw is treated like a post without a corpus: the pooled model
    assert np.array_equal(model.predict_proba(texts, domains=["elsewhere"] * len(texts)), shared)
    own = model.predict_proba(texts, domains=["french"] * len(texts))
    assert not np.allclose(own, shared)
    assert np.allclose(own.sum(axis=1), 1.0)


def test_corpus_weights_are_packed_and_survive_skops(tiny_train, tmp_path):
    model = _fit(tiny_train, corpus_copies=True, experts=())
    assert all(table["codes"].dtype == np.int8 for table in model.corpus_weights_)
    assert model.corpus_bias_.shape == (len(model.corpora_), len(model.classes_))
    loaded = load_model(save_model(model, tmp_path / "m.skops"))
    domains = ["french", "nowhere", tiny_train.source.iloc[0], "french"]
    texts = ["c'est nul", "zwin bzaf", "ماعجبنيش", "super"]
    assert np.array_equal(loaded.predict_proba(texts, domains=domains),
                          model.predict_proba(texts, domains=domains))


def test_within_corpus_balance_gives_each_label_of_a_corpus_the_same_weight():
    from analysis.sentiment.hashed import _within_corpus_class_balance

    corpus = np.array([0] * 6 + [1] * 3)
    labels = np.array(["neutral"] * 4 + ["positive"] * 2 + ["positive", "negative", "negative"])
    weight = _within_corpus_class_balance(corpus, labels)
    for c in (0, 1):
        totals = {label: weight[(corpus == c) & (labels == label)].sum()
                  for label in set(labels[corpus == c])}
        assert np.allclose(list(totals.values()), list(totals.values())[0])
        assert np.isclose(sum(totals.values()), (corpus == c).sum())


def test_refuses_misaligned_domains_at_prediction(tiny_train):
    model = _fit(tiny_train, corpus_copies=True, experts=())
    with pytest.raises(ValueError, match="domains has 1 entries for 2 texts"):
        model.predict_proba(["a", "b"], domains=["french"])


def _two_corpora(neutral_share_a: float, neutral_share_b: float, n: int = 200):
    """Corpus A's posts carry the marker word "alpha", B's "beta"; the label words
    ("good", "bad", "meh") say the label in both. The markers say only how often a
    corpus is neutral."""
    rng = np.random.default_rng(0)
    texts, labels, domains = [], [], []
    for corpus, marker, share in (("a", "alpha", neutral_share_a), ("b", "beta", neutral_share_b)):
        for _ in range(n):
            label = "neutral" if rng.random() < share else str(rng.choice(["positive", "negative"]))
            word = {"positive": "good", "negative": "bad", "neutral": "meh"}[label]
            texts.append(f"{marker} {word}" if rng.random() < 0.7 else marker)
            labels.append(label)
            domains.append(corpus)
    return texts, labels, domains


def _marker_weight(model, marker, label):
    from analysis.text.hashing import string_columns

    columns = string_columns([marker], char_range=model.char_range, word=True,
                             n_bits=model.n_bits).indices
    j = list(model.classes_).index(label)
    return float(np.abs(model.pooled_weights(columns)[:, j]).sum())


def test_corpus_label_balance_keeps_a_corpus_prior_out_of_its_words():
    texts, labels, domains = _two_corpora(0.9, 0.1)
    params = {"n_bits": 16, "experts": (), "char_range": None, "word_range": (1, 1)}
    global_ = HashedSentiment(**params).fit(texts, labels, domains=domains)
    corpus = HashedSentiment(label_balance="corpus", **params).fit(texts, labels, domains=domains)
    for marker in ("alpha", "beta"):
        assert _marker_weight(corpus, marker, "neutral") < \
            0.5 * _marker_weight(global_, marker, "neutral")


def test_a_corpus_without_a_label_teaches_nothing_about_that_label():
    # corpus b is labelled positive/negative only: its marker must get no neutral weight
    texts, labels, domains = _two_corpora(0.4, 0.0)
    params = {"n_bits": 16, "experts": (), "char_range": None, "word_range": (1, 1)}
    model = HashedSentiment(corpus_labels=True, **params).fit(texts, labels, domains=domains)
    assert _marker_weight(model, "beta", "neutral") == 0.0
    assert _marker_weight(model, "beta", "positive") > 0.0  # b still teaches its labels
    before = HashedSentiment(**params).fit(texts, labels, domains=domains)
    assert _marker_weight(before, "beta", "neutral") > 0.0


def test_refuses_an_unknown_label_balance(tiny_train):
    with pytest.raises(ValueError, match="label_balance"):
        _fit(tiny_train, label_balance="per-post")


def test_training_logarithms_come_from_the_c_library_not_numpys_cpu_kernels():
    # numpy's AVX-512 log differs from its AVX2 one in the last bit; a model trained with
    # it would not rebuild byte for byte on another machine (CI compares the bytes)
    import math

    from analysis.text.hashing import exact_log, log_counts

    values = np.array([1e-9, 0.3, 1.0, 2.5, 7.0 / 3.0, 1e6])
    assert exact_log(values).tolist() == [math.log(v) for v in values]
    counts = np.array([1.0, 2.0, 17.0, 4095.0, 4096.0, 100000.0])
    assert log_counts(counts).tolist() == [math.log(c) for c in counts]


def test_arabizi_view_adds_the_arabic_script_reading_of_arabizi_posts_only():
    from analysis.text.arabizi import arabizi_to_arabic
    from analysis.text.hashing import hashed_counts

    texts = ["m3a l7ouma zwin", "c'est super 2016", "wach kayn chi"]
    model = HashedSentiment(n_bits=16, arabizi_view=True)
    both = model._batch_counts(texts).toarray()
    plain = hashed_counts(texts, n_bits=16).toarray()
    assert np.array_equal(both[0], plain[0] + hashed_counts([arabizi_to_arabic(texts[0])],
                                                            n_bits=16).toarray()[0])
    # no digit letter: French (with a year) and digit-less Arabizi read once, as before
    assert np.array_equal(both[1:], plain[1:])


def test_arabizi_view_lets_arabic_script_training_label_arabizi():
    arabic = ["عندي مشكل كبير", "الحمد لله مزيان", "عندي مشكل", "مزيان بزاف"] * 5
    labels = ["negative", "positive"] * 10
    arabizi = ["3ndi mochkil", "l7amdolah mzyan"]  # never seen in Latin script
    with_view = HashedSentiment(n_bits=16, arabizi_view=True, experts=()).fit(arabic, labels)
    assert with_view.predict(arabizi).tolist() == ["negative", "positive"]
    without = HashedSentiment(n_bits=16, experts=()).fit(arabic, labels)
    # without the view, no Arabizi n-gram was ever seen: the two posts cannot be told apart
    proba = without.predict_proba(arabizi)
    assert np.allclose(proba[0], proba[1])


def test_emoji_free_copies_add_one_weighted_row_per_post_with_emoji():
    model = HashedSentiment(emoji_free_copies=0.5)
    texts, y, domains, langs, weight = model._with_emoji_free_copies(
        ["top 👍", "nul", "bravo 😍😍"], np.array(["positive", "negative", "positive"]),
        np.array(["a", "a", "b"], dtype=object), None, None)
    assert texts[3:] == ["top  ", "bravo   "]  # emoji replaced by spaces
    assert y.tolist() == ["positive", "negative", "positive", "positive", "positive"]
    assert domains.tolist() == ["a", "a", "b", "a", "b"]
    assert weight.tolist() == [1.0, 1.0, 1.0, 0.5, 0.5]


def test_emoji_free_copies_make_the_words_beside_an_emoji_carry_its_label():
    # "super" only ever appears beside a positive emoji, "nul" beside a negative one
    texts = ["super 😍", "nul 😡", "ok", "bof", "😍", "😡"] * 4
    labels = ["positive", "negative", "neutral", "neutral", "positive", "negative"] * 4
    plain = HashedSentiment(n_bits=16, experts=(), char_range=None).fit(texts, labels)
    copies = HashedSentiment(n_bits=16, experts=(), char_range=None,
                             emoji_free_copies=1.0).fit(texts, labels)
    p_plain = plain.predict_proba(["super", "nul"])
    p_copies = copies.predict_proba(["super", "nul"])
    positive, negative = list(plain.classes_).index("positive"), list(plain.classes_).index("negative")
    assert p_copies[0, positive] > p_plain[0, positive]
    assert p_copies[1, negative] > p_plain[1, negative]
    assert copies.predict(["super", "nul"]).tolist() == ["positive", "negative"]


def test_emoji_free_copies_scoped_to_the_pooled_model_do_not_reach_the_corpus_model():
    texts = ["super 😍", "nul 😡", "ok", "bof", "top", "naze"] * 4
    labels = ["positive", "negative", "neutral", "neutral", "positive", "negative"] * 4
    domains = ["a", "a", "a", "b", "b", "b"] * 4
    kwargs = {"n_bits": 16, "experts": (), "corpus_copies": True}
    plain = HashedSentiment(**kwargs).fit(texts, labels, domains=domains)
    pooled = HashedSentiment(**kwargs, emoji_free_copies=1.0,
                             emoji_free_scope="pooled").fit(texts, labels, domains=domains)
    every = HashedSentiment(**kwargs, emoji_free_copies=1.0,
                            emoji_free_scope="all").fit(texts, labels, domains=domains)
    # the copies change the pooled weights in both scopes ...
    assert not np.array_equal(pooled.coef_["codes"], plain.coef_["codes"])
    assert np.array_equal(pooled.coef_["codes"], every.coef_["codes"])
    # ... and the corpus model's only when every part learns from them
    assert not np.array_equal(every.corpus_shared_["codes"], pooled.corpus_shared_["codes"])
    with pytest.raises(ValueError, match="emoji_free_scope"):
        HashedSentiment(emoji_free_scope="some").fit(texts, labels)
