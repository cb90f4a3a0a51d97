"""Metric families. Importing this package registers every metric in ``jiedao.metrics.REGISTRY``."""

from jiedao.metric_defs import coverage, grid, hotline, meetings  # noqa: F401
