"""How a page's count is read live: one module per kind, chosen per page in the campaign.

A page's ``source`` in the campaign file picks the kind::

    source: {kind: graph}                                   # the default with `facebook`
    source: {kind: json, url: "https://…/count", field: data.0.followers}
    source: {kind: html, url: "https://…/page", regex: "([\\d ,.]+) followers"}
    source: {kind: html, url: "https://…/page", selector: "span.count"}

A page with a ``facebook`` page id or username and no ``source`` is read from the Graph
API. Each source's ``read(session)`` makes one request and returns a :class:`Reading`,
or raises :class:`analysis.live.http.FetchError`.
"""

from __future__ import annotations

from analysis.campaign import Page
from analysis.live.sources.base import Reading, Source, SourceError

__all__ = ["Reading", "Source", "SourceError", "source_for"]


def source_for(page: Page, graph_base: str | None = None, token: str | None = None,
               timeout: float | None = None) -> Source:
    """The source that polls ``page``, as its campaign entry says."""
    from analysis.live.sources import graph, html_page, json_field

    spec = dict(page.source or {})
    kind = spec.pop("kind", None) or ("graph" if _facebook_ref(page) else None)
    where = f"pages[{page.id}].source"
    options = {"timeout": timeout} if timeout else {}
    if kind == "graph":
        ref = spec.pop("page", None) or _facebook_ref(page)
        if not ref:
            raise SourceError(f"{where}: the Graph API needs facebook.page_id or facebook.username")
        return graph.GraphSource(str(ref), base=graph_base or graph.DEFAULT_BASE, token=token,
                                 **options)
    if kind == "json":
        _require(spec, ("url", "field"), where)
        return json_field.JsonFieldSource(spec["url"], spec["field"], **options)
    if kind == "html":
        _require(spec, ("url",), where)
        if bool(spec.get("regex")) == bool(spec.get("selector")):
            raise SourceError(f"{where}: an html source needs exactly one of regex or selector")
        return html_page.HtmlSource(spec["url"], regex=spec.get("regex"),
                                    selector=spec.get("selector"), **options)
    raise SourceError(f"{where}: no source and no facebook page id or username: nothing to poll")


def _facebook_ref(page: Page) -> str | None:
    facebook = page.facebook or {}
    return facebook.get("page_id") or facebook.get("username")


def _require(spec: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        if not spec.get(key):
            raise SourceError(f"{where}.{key}: missing")
