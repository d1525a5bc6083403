"""Live tracking of a campaign: poll page counts, record them, show them on a dashboard.

- :mod:`analysis.live.sources`: one small module per way of reading a count (Graph API,
  a JSON field, a public HTML page), each a ``Source`` whose ``read`` makes one request.
- :mod:`analysis.live.http`: the polite HTTP client (User-Agent, timeout) and the
  failure kinds and backoff rules every source shares.
- :mod:`analysis.live.store`: the recorded like table and its poll log, written
  atomically after every poll, read back on restart.
- :mod:`analysis.live.tracker`: the polling loop behind ``opeunlike likes track``.
- :mod:`analysis.live.summary`: likes now, lost since the start, lost per minute, the
  days counter: shared by the tracker's status line and the dashboard.
- :mod:`analysis.live.dashboard`: the Starlette app behind ``opeunlike dashboard``.
"""
