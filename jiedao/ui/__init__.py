"""The only library code that imports streamlit.

url       state kept in the URL (?lang=&month=&community=…), sticky across pages
filters   language switch, month / quarter / community / grid pickers on top of url
frame     lang(), page header (数据截至 stamp, stale warning), guarded(), empty states, tables
panels    chart | table tabs with a CSV download; the community drill-down
tiles     KPI tile: value, numerator/denominator, status colour, 环比/同比, sparkline
mapview   the grid map with its legend; a grid click kept in ?grid=
loads     load history and quarantined rows of a batch
data      the cached read-only connection to the published snapshot
cache     read-side answers cached per snapshot version (and a 10-minute clock while a period runs)
tables    grids with Chinese dates, capped rows and a lazy CSV of every row
overview_view, hotline_view, hotline_lists   the parts of the 总览 and 12345热线 pages
intake, upload_view   the 数据导入 page: uploads through the pipeline (intake imports pipelines)
"""
