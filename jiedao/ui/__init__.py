"""The only library code that imports streamlit: cached snapshot connection, language, page frame."""
