"""The security log: logins, lockouts, second factors, admin changes to users and teams.

Each event becomes a row of the access log (cases/logbook/), and a line for the
Python logger `samenbeslissen.security` with structured, non-personal fields: the
acting user's id, the action, the result, the client address, the request's id and,
where it applies, the id of the user acted upon. No usernames, no passwords, no
codes, nothing of a resident.
"""

import logging

from django.contrib.auth import get_user_model

from cases.logbook.models import Action, ObjectKind, Result
from cases.logbook.services import client_address, note, request_id

logger = logging.getLogger("samenbeslissen.security")

# Each event as the access log names it: what was done, and to what.
EVENTS = {
    "login": (Action.LOG_IN, ObjectKind.USER),
    "logout": (Action.LOG_OUT, ObjectKind.USER),
    "session_timeout": (Action.LOG_OUT, ObjectKind.USER),
    "lockout": (Action.LOCK_OUT, ObjectKind.USER),
    "second_factor": (Action.SECOND_FACTOR, ObjectKind.USER),
    "second_factor_enrol": (Action.SECOND_FACTOR, ObjectKind.USER),
    "second_factor_reset": (Action.SECOND_FACTOR, ObjectKind.USER),
    "password_link": (Action.ACCOUNT, ObjectKind.USER),
    "user_created": (Action.CREATE, ObjectKind.USER),
    "user_changed": (Action.CHANGE, ObjectKind.USER),
    "user_deleted": (Action.DELETE, ObjectKind.USER),
    "team_created": (Action.CREATE, ObjectKind.TEAM),
    "team_changed": (Action.CHANGE, ObjectKind.TEAM),
    "team_deleted": (Action.DELETE, ObjectKind.TEAM),
}
RESULTS = {"ok": Result.ALLOWED, "locked": Result.REFUSED, "throttled": Result.REFUSED}


def record(action: str, *, request=None, result: str = "ok", user_id=None, **fields) -> None:
    """Log one security event. `fields` must hold ids and codes only, never names or text."""
    if user_id is None and request is not None:
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
    event = {
        "action": action,
        "result": result,
        "user_id": user_id,
        "client": client_address(request) if request is not None else "",
        "request_id": request_id(request) if request is not None else "",
        **fields,
    }
    logger.info(
        " ".join(f"{key}={value}" for key, value in event.items()), extra={"security": event}
    )
    logged, kind = EVENTS[action]
    target = fields.pop("target_user_id", None)
    object_id = fields.pop("team_id", None) if kind == ObjectKind.TEAM else (target or user_id)
    note(
        request,
        kind=kind,
        object_id=object_id or "",
        action=logged,
        result=RESULTS.get(result, Result.FAILED),
        user=_user(request, user_id),
        target_user_id=target,
        detail={"event": action, **fields},
    )


def _user(request, user_id):
    """The acting user, for their role at this moment: the request's own, or (at a failed
    login or a lockout, or in a command) read by its id."""
    if user_id is None:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.pk == user_id:
        return user
    return get_user_model()._default_manager.filter(pk=user_id).first()
