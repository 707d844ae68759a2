"""Dependencies shared by the routers: settings, the store, the reading resources (overridable in tests)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from rasd.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request):
    return request.app.state.store


def get_resources(request: Request):
    """Knowledge bases for POST /api/documents, loaded on first use (the gazetteer build is slow the first time)."""
    if request.app.state.resources is None:
        from rasd.resources import load_resources

        request.app.state.resources = load_resources(request.app.state.settings)
    return request.app.state.resources


StoreDep = Annotated[Any, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ResourcesDep = Annotated[Any, Depends(get_resources)]
