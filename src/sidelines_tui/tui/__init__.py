"""The Textual app: a thin view over the core. It never runs SQL or parses HTML itself."""
