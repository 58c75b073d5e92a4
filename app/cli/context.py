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
    _act_as(
        services,
        username,
        Role.BRANCH_ADMIN,
        unknown="no such active account; create one with: sanad users add NAME --role branch_admin",
        no_default="no such active account; create one with: sanad users add NAME --role "
        "branch_admin",
    )


def act_as_supervisor(services: AppServices, username: str | None) -> None:
    """Prints are recorded under `username`, or the first active supervisor."""
    _act_as(
        services,
        username,
        Role.SUPERVISOR,
        unknown=f"no active account named {username!r}",
        no_default="no active supervisor account: name the account that prints with "
        "--user USERNAME",
    )


def _act_as(
    services: AppServices,
    username: str | None,
    default_role: Role,
    *,
    unknown: str,
    no_default: str,
) -> None:
    users = [u for u in services.accounts.list_users() if u.active]
    if username:
        chosen = next((u for u in users if u.username == username.strip().lower()), None)
    else:
        chosen = next((u for u in users if u.role == default_role.value), None)
    if chosen is None:
        raise ValueError(unknown if username else no_default)
    services.ctx.user = CurrentUser(
        chosen.id, chosen.username, chosen.display_name, Role(chosen.role)
    )
