"""``opeunlike export ids``: post-ID lists for sharing (the dehydrated form platforms allow)."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="shareable exports of a post table")
    verbs = parser.add_subparsers(dest="export_verb", metavar="VERB", required=True)
    p = verbs.add_parser("ids", help="write native post ids, one per line (per platform)")
    p.add_argument("posts", type=Path, help="a post table (.parquet)")
    p.add_argument("-o", "--out", type=Path, required=True,
                   help="output .txt (one file per platform: OUT with the platform added)")
    p.add_argument("--platform", default=None, help="only this platform")
    p.set_defaults(func=_ids)


def export_ids(posts, out: Path, platform: str | None = None) -> dict[str, Path]:
    """Write ``native_id`` lists (no text, no authors) per platform; returns the files."""
    from analysis.io import atomic_write

    written = {}
    platforms = sorted(posts["platform"].unique()) if platform is None else [platform]
    for name in platforms:
        ids = posts.loc[posts["platform"] == name, "post_id"].str.split(":", n=1).str[1]
        target = out if len(platforms) == 1 else out.with_name(f"{out.stem}.{name}{out.suffix}")
        atomic_write(target, "".join(f"{i}\n" for i in sorted(set(ids))))
        written[name] = target
    return written


def _ids(args) -> int:
    from analysis.io import read_posts

    for name, path in export_ids(read_posts(args.posts), args.out, args.platform).items():
        print(f"{name}: {path}")
    return 0
