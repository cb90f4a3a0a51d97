"""Jiedao (街道治理驾驶舱): the library shared by the pipelines (write side) and the app (read side).

Outside ``jiedao.ui`` nothing here imports streamlit.
"""

__version__ = "0.1.0"
