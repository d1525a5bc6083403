"""The script that fits an interactive page's chart to the width it is shown at.

Plotly lays a chart out from its own estimate of each label's size, which misses Arabic
words and leaves slanted dates, long axis titles and a many-entry legend to fall on each
other on a phone. This script runs after Plotly draws and on every resize, measures what
the browser actually drew and corrects the layout from it, for every figure alike:

1. each axis title sits a few px outside its tick labels as drawn (``title.standoff``),
   and the axis side's margin holds both;
2. x-axis titles and panel titles wrap at word boundaries to their panel's width, and a
   narrow panel asks for fewer x ticks (so Plotly need not slant them);
3. each row of panels starts below the lowest text of the row above; the panels keep
   their height and the page grows instead;
4. the legend runs across the whole page below the last row's axis title, and the
   bottom margin holds it.

Each pass corrects the previous one by what it still measures short or spare, so three
passes settle; the page then marks ``#chart[data-fitted]`` (the browser test waits on it).
"""

#: Formatted with the panel-title font size (``%(size)d``).
FIT_JS = r"""
const gd = document.getElementById('chart');
const first = JSON.parse(JSON.stringify(spec.layout));
const rtl = first.meta.rtl;
const GAP = 6;  // px between a text and its neighbour: tick labels, axis title, next panel, legend
const plain = t => (t || '').replace(/<\/?b>/g, '');
const titles = (first.annotations || []).map(a => plain(a.text));
const axisKeys = letter => Object.keys(first).filter(k => new RegExp('^' + letter + 'axis[0-9]*$').test(k));
const idOf = key => key[0] + key.slice(5);  // 'xaxis2' -> 'x2', Plotly's name in class names
const rowsOf = {};
axisKeys('y').forEach(k => {
  const key = first[k].domain.join(); (rowsOf[key] = rowsOf[key] || {domain: first[k].domain, axes: []}).axes.push(k);
});
const rows = Object.values(rowsOf).sort((a, b) => b.domain[1] - a.domain[1]);
const xOfY = {};  // the x axis drawn with each y axis (one subplot each)
axisKeys('x').forEach(k => { xOfY['yaxis' + k.slice(5)] = k; });
const rowOfX = k => rows.findIndex(r => r.axes.includes('yaxis' + k.slice(5)));
// Room added between rows (and below the last) from what the browser drew, kept across
// passes: each pass corrects the previous one by what it still measures short or spare.
const rowPad = rows.map(() => 0);
const measure = document.createElement('canvas').getContext('2d');
function textWidth(text, size, bold) {
  measure.font = (bold ? 'bold ' : '') + size + 'px "DejaVu Sans", Arial, sans-serif';
  return measure.measureText(text).width;
}
function wrap(text, width, size, bold) {
  const lines = [];
  for (const given of text.split(/<br>/)) {
    let line = '';
    for (const word of given.split(/ +/)) {
      const next = line ? line + ' ' + word : word;
      if (line && textWidth(next, size, bold) > width) { lines.push(line); line = word; } else { line = next; }
    }
    if (line) lines.push(line);
  }
  return lines;
}
// The drawn boxes (screen px) of the texts a selector finds; Plotly's own estimate of a
// label's size misses Arabic words, the browser's does not.
function boxes(selector) {
  return [...gd.querySelectorAll(selector)].map(t => t.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0);
}
const span = (list, side, pick) => list.length ? pick(...list.map(r => r[side])) : null;
let busy = false;
async function fit() {
  if (busy) return;
  busy = true;
  // three passes: each measures what the previous one drew, the last only confirms
  try { for (let i = 0; i < 3; i++) await place(); gd.dataset.fitted = '1'; } finally { busy = false; }
}
async function place() {
  const full = gd._fullLayout;
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const size = full._size;
  const side = rtl ? 'r' : 'l';
  const other = rtl ? 'l' : 'r';
  const update = {};
  // (1) Axis titles sit GAP px outside their tick labels as drawn (title.standoff moves a
  // title by exactly the px it changes by), and the axis side's margin holds both.
  let sideNeed = 10;
  const colNeed = {};
  const outerEdge = rtl ? svg.left + size.l + size.w : svg.left + size.l;
  const bottoms = rows.map(() => null);  // lowest drawn text under each row
  axisKeys('y').forEach(k => {
    const id = idOf(k), ax = full[k];
    const ticks = boxes('.' + id + 'tick text'), title = boxes('.g-' + id + 'title text');
    const onRight = ax.side === 'right';
    let outer = onRight ? span(ticks, 'right', Math.max) : span(ticks, 'left', Math.min);
    if (title.length) {
      const inner = onRight ? span(title, 'left', Math.min) : span(title, 'right', Math.max);
      const gap = outer === null ? GAP : (onRight ? inner - outer : outer - inner);
      const standoff = ax.title.standoff || 0;
      const next = Math.max(standoff + GAP - gap, 2);
      update[k + '.title.standoff'] = next;
      const far = onRight ? span(title, 'right', Math.max) + (next - standoff) : span(title, 'left', Math.min) - (next - standoff);
      outer = outer === null ? far : (onRight ? Math.max(outer, far) : Math.min(outer, far));
    }
    const atSide = rtl ? first[xOfY[k]].domain[1] === 1 : first[xOfY[k]].domain[0] === 0;
    if (outer !== null && atSide) sideNeed = Math.max(sideNeed, Math.ceil(rtl ? outer - outerEdge : outerEdge - outer) + GAP);
    if (outer !== null && !atSide) {
      // a column beside another: its labels live in the gap between the two
      const x = full[xOfY[k]], left = svg.left + x._offset, key = first[xOfY[k]].domain.join();
      colNeed[key] = Math.max(colNeed[key] || 0, Math.ceil(rtl ? outer - (left + x._length) : left - outer) + GAP);
    }
  });
  update['margin.' + side] = sideNeed;
  // Plotly may push the margin further than asked (its own label estimate)
  const sideWidth = Math.max(sideNeed, size[side]);
  const plotWidth = gd.clientWidth - sideWidth - Math.max(first.margin[other], size[other]);
  // (1b) Columns of panels share the width left once each gap holds the labels in it.
  const cols = [...new Set(axisKeys('x').map(k => first[k].domain.join()))]
    .map(key => key.split(',').map(Number)).sort((a, b) => a[0] - b[0]);
  const domainOf = {};
  axisKeys('x').forEach(k => { domainOf[k] = first[k].domain; });
  if (cols.length > 1 && plotWidth > 0) {
    const gaps = cols.slice(1).map((c, i) => {
      const given = (c[0] - cols[i][1]) * plotWidth;
      // the labels of the column on the axis side of the gap: the right one in LTR
      const need = colNeed[(rtl ? cols[i] : c).join()] || 0;
      return Math.max(given, need) / plotWidth;
    });
    const width = (1 - gaps.reduce((a, b) => a + b, 0)) / cols.length;
    let left = 0;
    cols.forEach((c, i) => {
      if (i > 0) left += gaps[i - 1];
      const domain = [Math.max(left, 0), Math.min(left + width, 1)];
      axisKeys('x').filter(k => first[k].domain.join() === c.join()).forEach(k => {
        domainOf[k] = domain; update[k + '.domain'] = domain;
      });
      left += width;
    });
  }
  axisKeys('x').forEach(k => {
    const id = idOf(k), ax = full[k];
    const panel = plotWidth * (domainOf[k][1] - domainOf[k][0]);
    // fewer ticks on a narrow panel, so Plotly need not slant them
    if (first[k].tickmode !== 'array') update[k + '.nticks'] = Math.max(2, Math.floor(panel / 80));
    const ticks = boxes('.' + id + 'tick text'), titleNode = gd.querySelector('.g-' + id + 'title text');
    let bottom = span(ticks, 'bottom', Math.max);
    if (titleNode && first[k].title && first[k].title.text) {
      const fontSize = parseFloat(getComputedStyle(titleNode).fontSize) || 14;
      update[k + '.title.text'] = wrap(first[k].title.text, Math.max(panel, 60), fontSize, false).join('<br>');
      const title = titleNode.getBoundingClientRect();
      const gap = bottom === null ? GAP : title.top - bottom;
      const standoff = ax.title.standoff || 0;
      const next = Math.max(standoff + GAP - gap, 2);
      update[k + '.title.standoff'] = next;
      // the wrapped title's height is known once drawn: the next pass measures it
      bottom = Math.max(bottom === null ? -Infinity : bottom, title.bottom + next - standoff);
    }
    const row = rowOfX(k);
    if (row >= 0 && bottom !== null) bottoms[row] = Math.max(bottoms[row] === null ? -Infinity : bottoms[row], bottom);
  });
  // (2) Panel titles wrap at word boundaries to their panel's width; a title over the
  // first panel on the axis side may use the margin too (long category words leave a
  // narrow panel on a phone).
  const linesOfRow = rows.map(() => 1);
  const tops = rows.map(r => svg.top + Math.min(...r.axes.map(k => full[k]._offset)));
  (first.annotations || []).forEach((a, i) => {
    const axis = 'xaxis' + a.xref.split(' ')[0].slice(1);
    const domain = domainOf[axis];
    const panel = plotWidth * (domain[1] - domain[0]);
    const outer = rtl ? first[axis].domain[1] === 1 : first[axis].domain[0] === 0;
    const room = outer ? sideWidth - 4 : 0;
    // in px, not a share of the panel: Plotly may still move the margin after this pass
    update['annotations[' + i + '].xshift'] = rtl ? room : -room;
    const lines = wrap(titles[i], Math.max(panel + room - 4, 40), %(size)d, true);
    update['annotations[' + i + '].text'] = lines.map(l => '<b>' + l + '</b>').join('<br>');
    const row = rows.findIndex(r => r.axes.includes('yaxis' + a.yref.split(' ')[0].slice(1)));
    if (row < 0) return;
    linesOfRow[row] = Math.max(linesOfRow[row], lines.length);
    const drawn = gd.querySelector('.annotation[data-index="' + i + '"]');
    if (drawn) tops[row] = Math.min(tops[row], drawn.getBoundingClientRect().top);
  });
  // (3) Each row starts GAP px below the lowest text of the row above (slanted dates,
  // an axis title); the extra lines of wrapped titles are added on top of that.
  rows.forEach((r, i) => {
    if (i > 0 && bottoms[i - 1] !== null) rowPad[i] = Math.max(0, rowPad[i] + bottoms[i - 1] + GAP - tops[i]);
  });
  const line = Math.round(%(size)d * 1.35);
  const extra = linesOfRow.map((n, i) => (n - 1) * line + rowPad[i]);
  // (4) The legend goes below the lowest text of the last row, across the whole page
  // (not only the last panel's width), and the bottom margin holds it.
  const plotBottom = svg.top + size.t + size.h;
  const last = bottoms[rows.length - 1];
  const below = Math.max(0, Math.ceil((last === null ? plotBottom : last) - plotBottom)) + GAP;
  const legend = gd.querySelector('.legend');
  const legendHeight = legend && first.showlegend !== false ? Math.ceil(legend.getBoundingClientRect().height) : 0;
  const marginB = below + (legendHeight ? legendHeight + GAP : 0);
  // the first row's extra lines live in the top margin, the others between the rows
  const inner = first.meta.plot_height + extra.slice(1).reduce((a, b) => a + b, 0);
  update['margin.t'] = first.margin.t + extra[0];
  update['margin.b'] = marginB;
  update.height = update['margin.t'] + inner + marginB;
  // from the page's edge on the axis side: Plotly then lets a legend below the plot
  // run across the plot and that margin (on a phone the margin takes half the width)
  update['legend.y'] = -below / inner;
  // (Plotly takes -2..3 plot widths and resets anything beyond to its default)
  update['legend.x'] = rtl ? Math.min(3, 1 + (sideWidth - 2) / plotWidth) : Math.max(-2, -(sideWidth - 2) / plotWidth);
  const firstInner = first.meta.plot_height;
  let top = 1;
  rows.forEach((r, i) => {
    if (i > 0) top -= (rows[i - 1].domain[0] - r.domain[1]) * firstInner / inner + extra[i] / inner;
    const bottom = top - (r.domain[1] - r.domain[0]) * firstInner / inner;
    r.axes.forEach(k => { update[k + '.domain'] = [Math.max(bottom, 0), Math.min(top, 1)]; });
    top = bottom;
  });
  await Plotly.relayout(gd, update);
}
let pending;
let fittedWidth = gd.clientWidth;
// only a new width changes the layout (a taller window, a full-page screenshot do not)
window.addEventListener('resize', () => {
  if (gd.clientWidth === fittedWidth) return;
  fittedWidth = gd.clientWidth;
  clearTimeout(pending); pending = setTimeout(fit, 150);
});
"""
