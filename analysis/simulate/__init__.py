"""A SIMULATED #OpeUnlike campaign over the real 2016 event dates, with a planted truth.

Nothing here is real data. The simulator exists so the statistics in
:mod:`analysis.timeseries`, :mod:`analysis.likes` and :mod:`analysis.correlate` can be
checked on data whose answer is known, and so every notebook has a demo that runs
anywhere. Every file it writes has ``SIMULATED`` in its name.

The model, in four parts:

* **Posts** follow a self-exciting (Hawkes) process built by its cluster
  representation: "immigrant" posts arrive from a background rate and from shocks at
  the day-precision policy events of :func:`analysis.reference.load_events` (the
  #OpeUnlike launch on Friday evening 26 Feb 2016 is by far the largest); each post
  then spawns Poisson(``branching``) offspring after an exponential delay. Offspring
  are reposts of the root post or replies/new posts that mostly keep its sentiment.
* **Sentiment** is drawn from a mix that shifts around events (blocks and the
  campaign tilt it negative, unblocks positive). **Language** is fr/ary/ary_latn/ar.
* **Likes**, per operator page and minute: unlikes ~ Poisson(churn x slow drift +
  k x (negative original posts in the minute L minutes earlier)), new likes ~
  Poisson(gain). k is calibrated per page so the net loss from the launch to Sunday
  28 Feb 12:00 UTC equals the press figures (see :func:`calibration_targets`).
* **Tracker snapshots** sample the like counts irregularly (every ~2 min around the
  campaign, every 1-4 h otherwise) with planted outages.

:func:`simulate` returns all of it in memory (fast: no text); :func:`write_demo` also
composes post texts (:mod:`analysis.simulate.tweets`) and writes the Stream-Grab-style
archive, the tracker CSV and the truth JSON.

Three modules, each building on the one before: :mod:`~analysis.simulate.model` (the
generative model, no text), :mod:`~analysis.simulate.tweets` (post texts and the
archive in Twitter's v1.1 JSON) and :mod:`~analysis.simulate.demo` (the demo files,
their names and their planted truth).
"""

from analysis.simulate.demo import (
    config_for,
    demo_folder,
    demo_paths,
    ensure_campaign_demo,
    ensure_demo,
    load_planted,
    load_truth,
    write_demo,
)
from analysis.simulate.model import (
    CALIBRATION_END,
    LAUNCH,
    SIMULATED,
    SimConfig,
    Simulation,
    calibration_targets,
    simulate,
)

__all__ = ["CALIBRATION_END", "LAUNCH", "SIMULATED", "SimConfig", "Simulation",
           "calibration_targets", "config_for", "demo_folder", "demo_paths",
           "ensure_campaign_demo", "ensure_demo", "load_planted", "load_truth", "simulate",
           "write_demo"]
