"""The HTTP API and the web page: the app, its routers and middleware; errors mapped to HTTP in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from rasd import __version__
from rasd.api.guard import RequestGuard
from rasd.api.limits import BodyLimit
from rasd.api.routers import documents, events, session, stats
from rasd.errors import (
    AuthError,
    ConflictError,
    EmptyInputError,
    IngestError,
    NotFoundError,
    RasdError,
    StoreError,
    ValidationError,
)
from rasd.settings import Settings
from rasd.web import mount as mount_web


def create_app(settings: Settings, store=None, resources=None) -> FastAPI:
    """The API over ``store`` (opened from ``settings.db_url`` when not given)."""
    if store is None:
        from rasd.store import open_store

        store = open_store(settings.db_url, settings)
    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Arabic conflict reports in, a geocoded, deduplicated, source-linked event dataset out.",
        docs_url=None,  # /docs is served from vendored files (rasd.api.docs): no CDN, works offline
        redoc_url=None,
    )
    app.state.settings, app.state.store, app.state.resources = settings, store, resources
    app.state.place_labels = None

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(RequestGuard, settings=settings)  # outermost: a foreign Host is refused first

    @app.middleware("http")
    async def safe_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(RasdError)
    async def rasd_error(_request: Request, exc: RasdError):
        return JSONResponse(
            {"detail": exc.message, "code": exc.code, "source": exc.source}, status_code=http_status(exc)
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError):
        # the offending input is not echoed: it may be huge, or NaN, which no JSON response can carry
        errors = [{k: e.get(k) for k in ("type", "loc", "msg")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(RecursionError)
    async def too_deep(_request: Request, _exc: RecursionError):
        return JSONResponse({"detail": "JSON nested too deep"}, status_code=400)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict:
        if settings.read_requires_login:
            return {"status": "ok", "version": __version__}
        return {
            "status": "ok",
            "version": __version__,
            "events": store.counts()["events"],
            "watch": _watch(store),
        }

    for router in (events.router, documents.router, stats.router, session.router):
        app.include_router(router)
    from rasd.api.routers import alerts, live  # live feed (SSE); alert rules, deliveries, watched sources

    app.include_router(live.router)
    app.include_router(alerts.router)
    from rasd.api.routers import lookup  # search-as-you-type for the review editor (actors, places)

    app.include_router(lookup.router)
    from rasd.api.docs import mount_docs

    mount_docs(app)
    mount_web(app)
    return app


def _watch(store) -> list:
    """Each watched source's health (rasd watch), for /api/health."""
    from rasd.watch.health import source_health

    return source_health(store.engine)


def http_status(exc: RasdError) -> int:
    """The one place a typed error becomes an HTTP status: the client's fault is 4xx, a busy store 503."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, ValidationError | IngestError | EmptyInputError):
        return 422
    if isinstance(exc, AuthError):
        return 403
    if isinstance(exc, StoreError):
        return 422 if exc.code == "bad-data" else 503
    return 400
