"""Routes of the web page: the page itself, its static files, the basemap and the town labels."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from rasd.web.places import place_labels

STATIC = Path(str(resources.files("rasd.web").joinpath("static")))

#: The page may load and call nothing but this server; inline scripts are never run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

router = APIRouter(tags=["web"])


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(
        STATIC / "index.html", headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"}
    )


@router.get(
    "/api/basemap", summary="The offline basemap: Natural Earth land, borders, admin-1, rivers, lakes"
)
def basemap() -> FileResponse:
    return FileResponse(
        STATIC / "basemap" / "basemap.json",
        media_type="application/json",
        headers={"Cache-Control": "max-age=86400"},
    )


@router.get(
    "/api/places", summary="Town labels for the map (GeoJSON), from the gazetteer, most important first"
)
def places(request: Request) -> JSONResponse:
    state = request.app.state
    if getattr(state, "place_labels", None) is None:
        from rasd.kb.gazetteer import load_gazetteer

        gazetteer = state.resources.gazetteer if state.resources else load_gazetteer(state.settings)
        state.place_labels = place_labels(gazetteer.settlements())
    return JSONResponse(state.place_labels, headers={"Cache-Control": "max-age=3600"})


def mount(app: FastAPI) -> None:
    """Serve the page at ``/`` and its files under ``/static`` on ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
