"""skops model files that rebuild byte for byte.

skops names every array inside its zip after the Python ``id()`` of the object and
stamps every member with the current time, so two saves of the same model differ.
The shipped models are checked against a rebuild in CI, so :func:`canonical_skops`
renumbers those ids in order of first appearance in the schema, fixes every time
stamp, and writes the members in a fixed order with a fixed compression level.
Loading is unchanged: the ids only have to be consistent within one file.
"""

from __future__ import annotations

import io
import json
import zipfile

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can carry


def _renumber(node, ids: dict[int, int]):
    """A copy of the schema with every ``__id__`` (and the array files named after it)
    replaced by its rank of first appearance."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "__id__":
                out[key] = ids.setdefault(value, len(ids))
            elif key == "file" and isinstance(value, str) and value.endswith(".npy"):
                old = int(value[:-4])
                out[key] = f"{ids.setdefault(old, len(ids))}.npy"
            else:
                out[key] = _renumber(value, ids)
        return out
    if isinstance(node, list):
        return [_renumber(item, ids) for item in node]
    return node


def canonical_skops(model) -> bytes:
    """The skops bytes of ``model``, identical for identical models."""
    import skops.io as sio  # here, not at import: skops imports every scikit-learn estimator (~3 s)

    raw = zipfile.ZipFile(io.BytesIO(sio.dumps(model)))
    ids: dict[int, int] = {}
    schema = _renumber(json.loads(raw.read("schema.json")), ids)
    renamed = {f"{old}.npy": f"{new}.npy" for old, new in ids.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=9)

        put("schema.json", json.dumps(schema, indent=1, sort_keys=True).encode("utf-8"))
        members = sorted((renamed[name], name) for name in raw.namelist() if name != "schema.json")
        for new, old in sorted(members, key=lambda pair: int(pair[0][:-4])):
            put(new, raw.read(old))
    return out.getvalue()
