"""The OpenAPI page at ``/docs``, with Swagger UI served by rasd itself.

FastAPI's default page loads Swagger UI from a CDN, so on an offline analyst's machine ``/docs`` is blank.
The files are vendored from the npm registry (``swagger-ui-dist``, see ``scripts/vendor_web.py``) like Leaflet.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor/swagger-ui"


def mount_docs(app: FastAPI) -> None:
    """Serve ``/docs`` from rasd's own files (the app is created with ``docs_url=None, redoc_url=None``)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
