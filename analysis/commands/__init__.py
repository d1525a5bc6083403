"""One module per verb group of the ``opeunlike`` command; each exposes ``register(subparsers)``."""
