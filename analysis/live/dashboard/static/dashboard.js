// The dashboard page: draws the state from /api/state, then follows /api/stream
// (server-sent events; the browser reconnects by itself). No other request is made.
(function () {
  "use strict";
  const body = document.body;
  const lang = body.dataset.lang;
  const words = JSON.parse(body.dataset.strings);
  const numbers = new Intl.NumberFormat(lang === "ar" ? "ar-MA" : lang);
  const rates = new Intl.NumberFormat(lang === "ar" ? "ar-MA" : lang, { maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(lang === "ar" ? "ar-MA" : lang,
    { dateStyle: "medium", timeStyle: "short" });
  let postsChart = null;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

  function drawCounter(counter) {
    const box = document.getElementById("counter");
    if (!counter) { box.hidden = true; return; }
    box.hidden = false;
    box.replaceChildren();
    const head = counter.starts[0];
    const line = el("div");
    line.append(el("span", "days", numbers.format(head.days)), el("span", "label", counter.label));
    box.append(line);
    const detail = el("p", "detail");
    detail.append(`${words.from} ${head.date}` + (counter.end ? ` ${words.to} ${counter.end.date}` : "") +
                  (head.note ? ` · ${head.note}` : ""));
    if (head.source) {
      detail.append(` · ${words.source}: `);
      const link = el("a", null, head.source.outlet || head.source.url);
      link.href = head.source.url;
      link.rel = "noreferrer";
      detail.append(link);
    }
    box.append(detail);
    if (counter.starts.length > 1) {
      const others = el("ul");
      for (const s of counter.starts.slice(1))
        others.append(el("li", null, `${numbers.format(s.days)} ${words.days}: ${s.note || s.date}`));
      box.append(others);
    }
  }

  // One card per page, built once and then updated in place: its large counters and
  // its own chart of likes over time (each page on its own scale, so a drop shows).
  const cards = {};

  function card(p) {
    if (cards[p.page]) return cards[p.page];
    const node = el("article", "page");
    node.id = `page-${p.page}`;
    node.style.setProperty("--colour", p.colour);
    const parts = {
      node, name: el("h3", null, p.name), now: el("div", "now"), nowLabel: el("div", "small"),
      lost: el("div", "lost"), lostLabel: el("div", "small"), rate: el("div", "lost rate"),
      rateLabel: el("div", "small", words.per_minute), problem: el("div", "failing"),
      chartNode: el("div", "page-chart"), chart: null,
    };
    parts.chartNode.dir = "ltr";
    node.append(parts.name, parts.now, parts.nowLabel, parts.lost, parts.lostLabel, parts.rate,
                parts.rateLabel, parts.problem, parts.chartNode);
    document.getElementById("pages").append(node);
    cards[p.page] = parts;
    return parts;
  }

  function drawPages(state) {
    state.pages.forEach(card);  // every card first: a chart takes its card's final width
    for (const p of state.pages) {
      const c = card(p);
      c.name.textContent = p.name;
      if (p.likes === null) {
        c.now.textContent = "—";
        c.nowLabel.textContent = words.no_count;
        c.lost.textContent = c.lostLabel.textContent = c.rate.textContent = "";
      } else {
        c.now.textContent = numbers.format(p.likes);
        c.nowLabel.textContent = words.likes_now;
        c.lost.textContent = numbers.format(p.lost_since_start);
        c.lost.classList.toggle("gain", p.lost_since_start < 0);
        const since = dates.format(new Date(p.since));
        c.lostLabel.textContent = fill(p.since_kind === "launch" ? words.lost_since_launch
                                                                  : words.lost_since_first, { since });
        c.rate.textContent = p.lost_per_minute === null ? "—" : rates.format(p.lost_per_minute);
        c.rate.classList.toggle("gain", p.lost_per_minute !== null && p.lost_per_minute < 0);
      }
      const failing = p.poll && ["failing", "failed", "backing_off"].includes(p.poll.status);
      c.problem.textContent = failing ? fill(words.failing, { error: p.poll.error }) : "";
      drawChart(c, p, state.series[p.page]);
    }
  }

  function chartSize(node) { return { width: Math.max(240, node.clientWidth), height: 140 }; }

  function drawChart(c, p, data) {
    if (!data[0].length) return;
    // a gap in the record is a null in the series: the line breaks there (spanGaps false)
    if (c.chart) { c.chart.setData(data); return; }
    c.chart = new uPlot({
      ...chartSize(c.chartNode),
      legend: { show: false },
      padding: [8, 28, 0, 0],  // room for the last time label
      series: [{}, { label: p.name, stroke: p.colour, width: 2, spanGaps: false }],
      axes: [{}, { size: 84, values: (u, vals) => vals.map((v) => numbers.format(v)) }],
      scales: { x: { time: true } },
    }, data, c.chartNode);
  }

  function drawPosts(posts) {
    const box = document.getElementById("posts-box");
    if (!posts || !posts.t.length) { box.hidden = true; return; }
    box.hidden = false;
    const node = document.getElementById("posts-chart");
    const data = [posts.t, posts.posts].concat(posts.negative_share ? [posts.negative_share] : []);
    if (postsChart && postsChart.series.length === data.length) { postsChart.setData(data); return; }
    if (postsChart) postsChart.destroy();
    const series = [{}, { label: words.posts, stroke: "#333", width: 2, scale: "n" }];
    const axes = [{}, { scale: "n" }];
    if (posts.negative_share) {
      series.push({ label: words.negative_share, stroke: "#b00020", width: 1, scale: "share" });
      axes.push({ scale: "share", side: 1, grid: { show: false } });
    }
    postsChart = new uPlot({ ...chartSize(node), height: 220, series, axes,
                             scales: { x: { time: true }, share: { range: [0, 1] } } }, data, node);
  }

  function draw(state) {
    document.getElementById("title").textContent = state.title;
    const status = document.getElementById("status");
    status.classList.remove("offline");
    status.textContent = state.rows ? `${words.updated} ${dates.format(new Date(state.generated_at))}`
                                    : words.waiting;
    const simulated = document.getElementById("simulated");
    simulated.hidden = !state.simulated;
    simulated.textContent = state.simulated ? words.simulated : "";
    drawCounter(state.counter);
    drawPages(state);
    drawPosts(state.posts);
  }

  fetch("/api/state").then((r) => r.json()).then(draw);
  const stream = new EventSource("/api/stream");
  stream.onmessage = (event) => draw(JSON.parse(event.data));
  stream.onerror = () => {
    const status = document.getElementById("status");
    status.textContent = words.offline;
    status.classList.add("offline");
  };
  window.addEventListener("resize", () => {
    for (const c of Object.values(cards))
      if (c.chart) c.chart.setSize(chartSize(c.chartNode));
    if (postsChart) postsChart.setSize({ ...chartSize(document.getElementById("posts-chart")), height: 220 });
  });
})();
