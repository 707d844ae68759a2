"""/api/login, /api/logout, /api/me: the page's sign-in (a session cookie and a CSRF token)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from rasd.api.auth import SESSION_COOKIE, LoginThrottle, authenticate, require
from rasd.api.deps import SettingsDep
from rasd.api.schemas import LoginIn, Me

router = APIRouter(prefix="/api", tags=["accounts"])


def _throttles(request: Request) -> tuple[LoginThrottle, LoginThrottle]:
    """Per app (per server process), made on first use: 5 failures per account name, 30 per client address
    (colleagues behind one proxy share an address: one of them mistyping must not lock the others out)."""
    state = request.app.state
    if getattr(state, "login_throttles", None) is None:
        state.login_throttles = (LoginThrottle(limit=5), LoginThrottle(limit=30))
    return state.login_throttles


@router.post(
    "/login", response_model=Me, summary="Sign in: sets an HttpOnly session cookie, returns the CSRF token"
)
def login(body: LoginIn, request: Request, response: Response, settings: SettingsDep) -> Me:
    client = f"ip:{request.client.host if request.client else '-'}"
    name_key = f"name:{body.name.lower()}"
    by_name, by_client = _throttles(request)
    if by_name.blocked(name_key) or by_client.blocked(client):
        raise HTTPException(
            429, "too many failed sign-ins: wait a few minutes", headers={"Retry-After": "300"}
        )
    user = request.app.state.store.accounts.verify_password(body.name, body.password)
    if user is None:
        by_name.failed(name_key)
        by_client.failed(client)
        raise HTTPException(401, "wrong name or password")
    by_name.succeeded(name_key)
    session, csrf = request.app.state.store.accounts.create_session(user, settings.session_hours)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return Me(
        authenticated=True,
        name=user.name,
        role=user.role,
        csrf=csrf,
        read_open=not settings.read_requires_login,
    )


@router.post("/logout", status_code=204, summary="Sign out: ends the page session")
def logout(request: Request, response: Response) -> Response:
    if authenticate(request) is not None and getattr(request.state, "via", None) == "session":
        require("viewer")(request)  # a session's sign-out needs its CSRF token too
        request.app.state.store.accounts.end_session(request.cookies[SESSION_COOKIE])
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=Me, summary="Who this request is signed in as (and the page's CSRF token)")
def me(request: Request, settings: SettingsDep) -> Me:
    user = authenticate(request)
    read_open = not settings.read_requires_login
    if user is None:
        return Me(authenticated=False, read_open=read_open)
    return Me(
        authenticated=True, name=user.name, role=user.role, csrf=request.state.csrf, read_open=read_open
    )
