"""HTTP API (FastAPI): rasd.api.main.create_app."""
