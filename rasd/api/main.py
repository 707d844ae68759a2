"""The HTTP API: the app and its routers; errors mapped to HTTP in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from rasd import __version__
from rasd.api.routers import documents, events, stats
from rasd.errors import EmptyInputError, IngestError, NotFoundError, RasdError
from rasd.settings import Settings


def create_app(settings: Settings, store=None, resources=None) -> FastAPI:
    """The API over ``store`` (opened from ``settings.db_url`` when not given)."""
    if store is None:
        from rasd.store import open_store

        store = open_store(settings.db_url, settings)
    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Arabic conflict reports in, a geocoded, deduplicated, source-linked event dataset out.",
    )
    app.state.settings, app.state.store, app.state.resources = settings, store, resources

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > settings.max_request_bytes):
            return JSONResponse(
                {"detail": f"request body over {settings.max_request_bytes} bytes"}, status_code=413
            )
        return await call_next(request)

    @app.exception_handler(RasdError)
    async def rasd_error(_request: Request, exc: RasdError):
        code = (
            404
            if isinstance(exc, NotFoundError)
            else 422
            if isinstance(exc, IngestError | EmptyInputError)
            else 400
        )
        return JSONResponse({"detail": exc.message, "code": exc.code, "source": exc.source}, status_code=code)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict:
        return {"status": "ok", "version": __version__, "events": store.counts()["events"]}

    for router in (events.router, documents.router, stats.router):
        app.include_router(router)
    return app
