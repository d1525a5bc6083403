"""Headless Chromium opens the figure index and every interactive figure, offline.

No console error, no request leaving the machine (file: only: the pages load the one
shared plotly.min.js beside them), hover labels that show values, no horizontal scroll
on a 1280 px desktop or a 375 px phone, and at both widths no chart text (titles, tick
labels, axis titles, legend) drawn over another text or over a panel, or cut at the edge.
The figures are the unit tests' small fixtures, saved by the real ``save_figure`` in
English and Arabic, indexed by the real ``write_index``. Chromium: see ``tests/support/browser.py`` (skipped with the reason
where absent, required on CI).
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest

from analysis import plots, report
from tests.support.browser import browser, outside, watch  # noqa: F401 - the fixture
from tests.unit.test_figures import FIGURES, draw

pytestmark = [pytest.mark.slow]
WIDTHS = (1280, 375)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Every figure in English, the Arabic of those with the longest words, and both indexes."""
    out = tmp_path_factory.mktemp("figures")
    for lang, names in (("en", sorted(FIGURES)),
                        ("ar", ["campaign_volume_likes", "timeline", "languages_mix", "event_study",
                                "languages_confusion", "sentiment_confusions"])):
        for name in names:
            plots.save_figure(draw(name, lang), name, source="unit-test fixtures", caption=f"{name} caption",
                              title=f"{name} headline", simulated=name != "timeline", folder=out, lang=lang)
            plt.close("all")
        report.write_index(out, readme=False, lang=lang)
    return out


def _open(browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen = watch(page)
    page.goto(path.as_uri())
    return page, seen


def _titles_wider_than_the_page(page) -> list[str]:
    """Panel titles (Plotly annotations) whose drawn box leaves the viewport."""
    return page.evaluate("""() => [...document.querySelectorAll('#chart g.annotation')]
        .filter(g => { const r = g.getBoundingClientRect();
                       return r.left < -1 || r.right > document.documentElement.clientWidth + 1; })
        .map(g => g.textContent)""")


#: Every drawn text of the chart (panel and axis titles, tick labels, legend entries,
#: annotations) as the four corners of its box on the page, turned with the text (slanted
#: tick labels); hover labels are left out (they float on top by design). One <text> is
#: one box, so the lines of a wrapped title do not collide with each other.
TEXT_BOXES_JS = """() => [...document.querySelectorAll('#chart .main-svg text')]
    .filter(t => !t.closest('.hoverlayer') && t.textContent.trim() !== '')
    .filter(t => { const s = getComputedStyle(t);
                   return s.display !== 'none' && s.visibility !== 'hidden' && s.opacity !== '0'; })
    .map(t => { const b = t.getBBox(), m = t.getScreenCTM();
                const at = (x, y) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; };
                return {text: t.textContent.trim(), width: b.width, height: b.height,
                        corners: [at(b.x, b.y), at(b.x + b.width, b.y),
                                  at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)]}; })
    .filter(r => r.width > 0 && r.height > 0)"""


def _overlap(a: list, b: list) -> float:
    """How far two convex boxes (lists of corners) reach into each other, in px: the
    smallest overlap of their shadows over the boxes' edge directions (0 when apart)."""
    depth = float("inf")
    for corners in (a, b):
        for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1]):
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            if length == 0:
                continue
            axis = (-(y1 - y0) / length, (x1 - x0) / length)
            pa = [x * axis[0] + y * axis[1] for x, y in a]
            pb = [x * axis[0] + y * axis[1] for x, y in b]
            depth = min(depth, min(max(pa), max(pb)) - max(min(pa), min(pb)))
            if depth <= 0:
                return 0.0
    return depth


#: The plot area of each panel (Plotly's drag rectangle over it), as four corners.
PLOT_AREAS_JS = """() => [...document.querySelectorAll('#chart .draglayer .nsewdrag')].map(r => {
    const b = r.getBoundingClientRect();
    return [[b.left, b.top], [b.right, b.top], [b.right, b.bottom], [b.left, b.bottom]]; })"""


def _text_collisions(page, slack: float = 1.0) -> list[str]:
    """Texts drawn over each other or over a panel's data (by more than ``slack`` px), or
    leaving the viewport sideways: what a reader sees as a garbled, hidden or cut label."""
    boxes = page.evaluate(TEXT_BOXES_JS)
    areas = page.evaluate(PLOT_AREAS_JS)
    width = page.evaluate("document.documentElement.clientWidth")
    found = []
    for box in boxes:
        xs = [x for x, _ in box["corners"]]
        if min(xs) < -slack or max(xs) > width + slack:
            found.append(f"{box['text']!r} leaves the page ({min(xs):.0f}..{max(xs):.0f} of {width} px)")
        for n, area in enumerate(areas):
            depth = _overlap(box["corners"], area)
            if depth > slack:
                found.append(f"{box['text']!r} lies on panel {n + 1} by {depth:.0f} px")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            depth = _overlap(a["corners"], b["corners"])
            if depth > slack:
                found.append(f"{a['text']!r} overlaps {b['text']!r} by {depth:.0f} px")
    return found


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("index", ["index.html", "index.ar.html"])
def test_the_index_renders_offline_without_errors_or_scroll(browser, folder, index, width, tmp_path):
    page, seen = _open(browser, folder / index, width)
    try:
        page.wait_for_load_state("load")
        page.screenshot(path=str(tmp_path / f"{index}.{width}.png"), full_page=True)
        assert seen["errors"] == []
        assert outside(seen["requests"]) == []
        assert _no_horizontal_scroll(page)
        assert page.locator("section img").count() == page.locator("section pre code").count() > 0
        if index == "index.ar.html":
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    finally:
        page.close()


def test_every_interactive_figure_renders_offline_at_both_widths(browser, folder):
    pages = sorted(folder.glob("*.html"))
    interactive = [p for p in pages if not p.name.startswith("index")]
    assert len(interactive) == len(FIGURES) + 6
    for path in interactive:
        for width in WIDTHS:
            page, seen = _open(browser, path, width)
            try:
                page.wait_for_selector("#chart .main-svg", timeout=20_000)
                assert seen["errors"] == [], path.name
                assert outside(seen["requests"]) == [], path.name
                assert [u for u in seen["requests"] if u.endswith("plotly.min.js")], path.name
                assert _no_horizontal_scroll(page), f"{path.name} scrolls sideways at {width} px"
                page.wait_for_selector("#chart[data-fitted]", timeout=10_000)  # titles wrapped, margins set
                assert _titles_wider_than_the_page(page) == [], f"{path.name} at {width} px"
                assert _text_collisions(page) == [], f"{path.name} at {width} px"
                if "SIMULATED" in path.name:
                    assert "SIMULATED" in page.locator("#simulated").inner_text()
            finally:
                page.close()


def test_hovering_a_point_shows_its_value(browser, folder):
    page, seen = _open(browser, folder / "lag_negative_posts_likes_SIMULATED.html", 1280)
    try:
        page.wait_for_selector("#chart .scatterlayer .point", timeout=20_000)
        box = page.locator("#chart .scatterlayer .point").first.bounding_box()
        # Plotly listens on the drag layer over the points: move the mouse there, as a reader does
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("#chart .hoverlayer .hovertext", timeout=5_000)
        text = page.locator("#chart .hoverlayer .hovertext").first.text_content()  # SVG text
        assert re.search(r"\d", text), text
        assert seen["errors"] == []
    finally:
        page.close()
