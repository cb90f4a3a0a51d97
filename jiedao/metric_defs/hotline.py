"""12345 hotline metrics (DOMAIN.md §5). SQL in jiedao/sql/hotline.sql."""

from jiedao.metrics import Metric, register

register(
    Metric(
        "hotline.tickets",
        "工单量",
        "Tickets",
        "件",
        "down",
        "tickets",
        kind="count",
        grains=("street", "community", "grid", "category"),
        numerator_zh="受理工单",
        numerator_en="tickets received",
    ),
)
