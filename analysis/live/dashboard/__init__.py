"""``opeunlike dashboard``: a Starlette app served by uvicorn on 127.0.0.1.

- ``GET /``: the page (``page.html``), in the language asked, right-to-left for Arabic;
- ``GET /api/state``: the counters, the days counter and the chart series as JSON;
- ``GET /api/stream``: the same state as server-sent events, pushed every ``refresh``
  seconds when the like table changed (the browser's EventSource reconnects by itself);
- ``GET /static/…``: the page's script and style and the vendored uPlot chart library
  (MIT, ``static/uPlot.LICENSE``): nothing is loaded from outside, so it works offline.
"""
