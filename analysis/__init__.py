"""opeunlike: collect, understand and correlate posts of Morocco's 2016 #OpeUnlike campaign.

The package owns all logic; notebooks in ``notebooks/`` only call it.
Stages (one module each): ``collect`` → ``schema`` → ``text``/``langid`` →
``sentiment`` → ``timeseries``/``likes`` → ``correlate`` → ``plots``.
"""

__version__ = "0.1.0"
