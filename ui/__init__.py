"""Streamlit glue: cached loaders, view state, the message catalogue, widgets."""
