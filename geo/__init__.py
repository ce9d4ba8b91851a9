"""kyodo-map's pure core: loading, validation, coverage, filters and map building.

Nothing in this package imports streamlit; pages and ``ui/`` call into it.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
