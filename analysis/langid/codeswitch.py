"""Token-level code-switching: which varieties a single post mixes.

A post is flagged when it mixes varieties *within itself*, by either of:

* **script**: at least :data:`MIN_LETTERS` Arabic-script letters and as many
  Latin-script letters; the varieties are the most probable label of each script
  part (e.g. ``ary`` + ``fr``);
* **cue words**: at least :data:`MIN_CUES` cue words of two varieties in the same
  script (``c'est vraiment chouha bzaf`` has French and Arabizi cues; ``الذي``… with
  ``ديال``… has MSA and Darija cues).

Single borrowed words do not count: two cue words per variety are needed, which
keeps ordinary Darija (full of French loanwords) from being flagged everywhere.
"""

from __future__ import annotations

import numpy as np

from analysis.langid.cues import CUE_LABELS
from analysis.schema import ARABIC_LANGS as _ARABIC
from analysis.schema import LANGS as _ORDER
from analysis.schema import LATIN_LANGS as _LATIN

MIN_LETTERS = 4
MIN_CUES = 2


def switch_labels(details: dict) -> list[tuple[str, ...]]:
    """Per post, the varieties it switches between (empty tuple: no switch).

    ``details`` is the dict returned by ``predict_details`` of the identifiers.
    """
    stats, p_arabic, p_latin = details["stats"], details["p_arabic"], details["p_latin"]
    labels = details["label"]
    cue = {label: stats[:, 3 + i] for i, label in enumerate(CUE_LABELS)}
    both_scripts = (stats[:, 0] >= MIN_LETTERS) & (stats[:, 1] >= MIN_LETTERS)
    arabic_label = np.array(_ARABIC)[p_arabic.argmax(axis=1)]
    latin_label = np.array(_LATIN)[p_latin.argmax(axis=1)]
    found = np.zeros((len(stats), len(_ORDER)), dtype=bool)
    column = {label: i for i, label in enumerate(_ORDER)}
    rows = np.arange(len(stats))
    found[rows[both_scripts], [column[x] for x in arabic_label[both_scripts]]] = True
    found[rows[both_scripts], [column[x] for x in latin_label[both_scripts]]] = True
    for group in (_ARABIC, _LATIN):
        strong = np.column_stack([cue[label] >= MIN_CUES for label in group])
        several = strong.sum(axis=1) > 1
        for j, label in enumerate(group):
            found[:, column[label]] |= several & strong[:, j]
    any_found = found.any(axis=1)
    labels = np.asarray(labels, dtype=object)
    for label in _ORDER:
        found[:, column[label]] |= any_found & (labels == label)
    names = np.array(_ORDER, dtype=object)
    several = (found.sum(axis=1) > 1).tolist()
    return [tuple(names[row]) if many else () for row, many in zip(found, several)]
