"""Acting as a local account on the command line: every write and every print is recorded
under a named account, chosen by `--user` or by role (the first active admin or supervisor)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.accounts import Role
from app.services.context import CurrentUser

if TYPE_CHECKING:
    from app.services.setup import AppServices


def act_as_admin(services: AppServices, username: str | None) -> None:
    """Command-line writes are recorded under a named local account (first admin by default)."""
    users = [u for u in services.accounts.list_users() if u.active]
    if username:
        chosen = next((u for u in users if u.username == username.lower()), None)
    else:
        chosen = next((u for u in users if u.role == Role.BRANCH_ADMIN.value), None)
    if chosen is None:
        raise ValueError(
            "no such active account; create one with: sanad users add NAME --role branch_admin"
        )
    services.ctx.user = CurrentUser(
        chosen.id, chosen.username, chosen.display_name, Role(chosen.role)
    )


def act_as_supervisor(services: AppServices, username: str | None) -> None:
    """Prints are recorded under `username`, or the first active supervisor."""
    users = [u for u in services.accounts.list_users() if u.active]
    if username:
        chosen = next((u for u in users if u.username == username.strip().lower()), None)
        if chosen is None:
            raise ValueError(f"no active account named {username!r}")
    else:
        chosen = next((u for u in users if u.role == Role.SUPERVISOR.value), None)
        if chosen is None:
            raise ValueError(
                "no active supervisor account: name the account that prints with --user USERNAME"
            )
    services.ctx.user = CurrentUser(
        chosen.id, chosen.username, chosen.display_name, Role(chosen.role)
    )
