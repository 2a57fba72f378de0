"""citecheck: verify that cited pages exist and state the figures attributed to them."""

__version__ = "0.1.0"
