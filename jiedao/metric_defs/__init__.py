"""Metric families. Importing this package registers every metric in ``jiedao.metrics.REGISTRY``."""

from jiedao.metric_defs import (
    coverage,  # noqa: F401
    hotline,  # noqa: F401
    meetings,  # noqa: F401
)
