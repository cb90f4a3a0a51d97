"""Pure Plotly figure builders: a small, already aggregated DataFrame in, a ``go.Figure`` out.

Each builder has the shape ``(data_frame, columns..., *, options) -> figure`` and does no I/O and
no Streamlit: pages pass the figure to ``jiedao.ui.panels.chart_panel``, tests assert on it.
Aggregation happens in DuckDB before a frame reaches a builder (a histogram gets its bins, not
a million tickets). Text is Chinese or English through ``jiedao.i18n``; the font stack starts
with Noto Sans CJK SC (Debian's fonts-noto-cjk), so nothing is fetched from a font CDN.
"""

from jiedao.charts.bars import community_bars, tier_ranking, top_n_bars
from jiedao.charts.base import FONT_FAMILY, STATUS_COLOURS, TIER_COLOURS, style
from jiedao.charts.distribution import hours_bins
from jiedao.charts.matrix import compliance_matrix
from jiedao.charts.series import hours_histogram, rate_range, sparkline, trend_grid

__all__ = [
    "FONT_FAMILY",
    "STATUS_COLOURS",
    "TIER_COLOURS",
    "community_bars",
    "compliance_matrix",
    "hours_bins",
    "hours_histogram",
    "rate_range",
    "sparkline",
    "style",
    "tier_ranking",
    "top_n_bars",
    "trend_grid",
]
