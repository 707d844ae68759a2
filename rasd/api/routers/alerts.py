"""Alert rules, deliveries and watched sources' health over HTTP; rules are edited by admins.

Rules are sent and returned as YAML text (JSON is YAML too), checked by the same validator as
the sources file: a bad rule is a 422 listing each problem with its line in the text. An edit
applies to the running ``rasd watch`` at its next round.
"""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

router = APIRouter(prefix="/api", tags=["alerts"])


def _auth():
    """The accounts module (issue 13), or None on a build without accounts."""
    try:
        from rasd.api import auth
    except ImportError:
        return None
    return auth


def read_access(request: Request) -> Any:
    """Reading follows the server's reading policy (open, or any signed-in account)."""
    auth = _auth()
    return auth.reader(request) if auth else None


def admin(request: Request) -> Any:
    """Changing rules needs an admin account (and the page's CSRF token)."""
    auth = _auth()
    if auth is None:
        raise HTTPException(403, "editing alert rules needs admin accounts, which this server lacks")
    return auth.require("admin")(request)


AdminDep = Annotated[Any, Depends(admin)]


class RuleIn(BaseModel):
    yaml: str = Field(..., max_length=20_000, description="The rule as YAML (or JSON): name, area, types, …")


def _engine(request: Request):
    from rasd.alerts import state

    engine = request.app.state.store.engine
    state.ensure_tables(engine)
    return engine


def _row(r: dict[str, Any]) -> dict[str, Any]:
    import json

    spec = json.loads(r["spec"])
    return {
        "name": r["name"],
        "origin": r["origin"],
        "updated_by": r["updated_by"],
        "updated_at": r["updated_at"],
        "spec": spec,
        "yaml": yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
    }


@router.get("/alerts/rules", summary="The alert rules in force", dependencies=[Depends(read_access)])
def list_rules(request: Request) -> list[dict[str, Any]]:
    from rasd.alerts import state

    return [_row(r) for r in state.rule_rows(_engine(request))]


@router.put("/alerts/rules/{name}", summary="Create or replace a rule (admin)")
def put_rule(name: str, body: RuleIn, request: Request, user: AdminDep) -> dict[str, Any]:
    from rasd.alerts import state
    from rasd.watch.yamlcheck import ConfigError

    try:
        rule = state.parse_rule_text(body.yaml, f"rule {name!r}")
    except ConfigError as e:
        raise HTTPException(
            422, {"message": str(e), "problems": [{"line": ln, "message": m} for ln, m in e.problems]}
        ) from e
    if rule.name != name:
        raise HTTPException(
            422, {"message": f"the rule is named {rule.name!r}, not {name!r}", "problems": []}
        )
    engine = _engine(request)
    state.save_page_rule(engine, rule, getattr(user, "name", "admin"))
    return next(_row(r) for r in state.rule_rows(engine) if r["name"] == name)


@router.delete("/alerts/rules/{name}", summary="Delete a rule (admin)", status_code=204)
def delete_rule(name: str, request: Request, _user: AdminDep) -> None:
    from rasd.alerts import state

    if not state.delete_rule(_engine(request), name):
        raise HTTPException(404, f"no alert rule named {name!r}")


@router.get("/alerts/deliveries", summary="Recent alert and digest deliveries (admin)")
def deliveries(request: Request, _user: AdminDep, limit: int = 100) -> list[dict[str, Any]]:
    from rasd.alerts import state

    return state.recent_deliveries(_engine(request), max(1, min(limit, 1000)))


@router.get("/watch/health", summary="Each watched source's health", dependencies=[Depends(read_access)])
def watch_health(request: Request) -> list[dict[str, Any]]:
    from rasd.watch.health import source_health

    return source_health(request.app.state.store.engine)
