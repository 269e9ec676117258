"""Writing the access log: noted during a request, written in one insert at its end.

`note()` adds an entry to the request's batch: the access helpers (cases/access.py)
note every case object a view fetches, views note what only they know (a search and
its count, an export, a document printed or mailed, a handover), and the security
log (cases/accounts/audit.py) notes logins, lockouts and second factors. When the
response is ready, `AccessLogMiddleware` calls `flush()`, which settles each entry's
result from the response's status where the entry left it open, and `write()` puts
them all in the chain with one INSERT. Outside a request (a command) `note()` writes
at once.
"""

import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Sized

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import GENESIS, AccessLogChange, AccessLogEntry, Action, ObjectKind, Result

logger = logging.getLogger(__name__)

BATCH = "_access_log_batch"
REQUEST_ID = "request_id"
# Two writers that read the same last row both point back to it; the unique
# previous_hash lets one of them in, and the other reads the new last row and tries
# again. Each try is one short transaction.
ATTEMPTS = 20


@dataclasses.dataclass
class Change:
    """A changed field of personal data: which record, which field, old and new value."""

    record: str
    field: str
    old: str
    new: str


@dataclasses.dataclass
class Noted:
    entry: AccessLogEntry
    # An int, or a list or queryset the page showed, counted when the entry is written
    # (by then the page has read it, so counting it costs no query).
    count: int | Sized | None = None
    changes: list[Change] = dataclasses.field(default_factory=list)


def note(
    request,
    *,
    kind: ObjectKind,
    object_id="",
    resident_id=None,
    action: Action | None = None,
    result: Result | None = None,
    user=None,
    target_user_id=None,
    count: int | Sized | None = None,
    detail: dict | None = None,
    changes=(),
    purpose: str = "",
    at=None,
    client: str = "",
) -> None:
    """Note one access of the current request (or of a command, when `request` is None,
    at the moment `at`).

    Left open, `action` follows the request's method (GET reads, a POST changes) and
    `result` the response's status (403 and 404 refused, another 4xx or 5xx failed).
    `user` defaults to the request's user at this moment: a login notes the user who
    logged in, a logout the one who left.
    """
    if user is None and request is not None:
        user = request.user if request.user.is_authenticated else None
    entry = AccessLogEntry(
        at=at or timezone.now(),
        user_id=user.pk if user is not None else None,
        role=getattr(user, "role", "") if user is not None else "",
        target_user_id=target_user_id,
        action=action or "",
        object_kind=kind,
        object_id=str(object_id),
        resident_id=resident_id,
        result=result or "",
        client=_client(request) or client,
        request_id=request_id(request) if request is not None else "",
        purpose=purpose or _purpose(request),
        detail=detail or {},
    )
    noted = Noted(entry, count, list(changes))
    if request is None:
        _settle(noted, method="POST", status=200)
        write([noted])
    else:
        request.__dict__.setdefault(BATCH, []).append(noted)


def describe(request, action: Action, *, changes=(), **detail) -> None:
    """What the request did to the objects it fetched, where the method does not say it
    (a POST that prints or mails a document, removes a part of a plan), and for a change
    of personal data the changed fields (kept with the first object fetched)."""
    open_entries = [n for n in request.__dict__.get(BATCH, ()) if not n.entry.action]
    for noted in open_entries:
        noted.entry.action = action
        noted.entry.detail |= detail
    if open_entries:
        open_entries[0].changes += changes


def flush(request, status: int) -> None:
    """Write what the request noted, with the result its response gave. A logged-in user
    refused a page (403 or 404) leaves a row even when no object was fetched: a page of
    another role, an address that names nothing of theirs."""
    user = getattr(request, "user", None)
    if status in (403, 404) and BATCH not in request.__dict__ and user and user.is_authenticated:
        note(request, kind=ObjectKind.PAGE, result=Result.REFUSED)
    batch = request.__dict__.pop(BATCH, [])
    for noted in batch:
        _settle(noted, method=request.method, status=status)
    if batch:
        write(batch)


def request_id(request) -> str:
    """The request's id, made when it is first asked for (AccessLogMiddleware asks first)."""
    if REQUEST_ID not in request.__dict__:
        request.__dict__[REQUEST_ID] = uuid.uuid4().hex
    return request.__dict__[REQUEST_ID]


def write(batch: list[Noted]) -> None:
    """Append the entries to the chain: one INSERT, and one for personal data changes."""
    for noted in batch:
        noted.entry.changes_digest = AccessLogChange.digest(noted.changes)
    only_reads = all(noted.entry.action == Action.READ for noted in batch)
    single = len(batch) == 1 and not batch[0].changes and connection.vendor == "postgresql"
    for _attempt in range(ATTEMPTS):
        try:
            if single:
                _append_one(batch[0].entry, wait_for_disk=not only_reads)
                return
            with transaction.atomic():
                _chain([noted.entry for noted in batch], wait_for_disk=not only_reads)
                AccessLogEntry.objects.bulk_create([noted.entry for noted in batch])
                changes = [
                    AccessLogChange(
                        entry=noted.entry, resident_id=noted.entry.resident_id, **vars(change)
                    )
                    for noted in batch
                    for change in noted.changes
                ]
                if changes:
                    AccessLogChange.objects.bulk_create(changes)
            return
        except IntegrityError:
            for noted in batch:
                noted.entry.pk = None
                noted.entry._state.adding = True
    raise RuntimeError("The access log could not be written: too many writers at once.")


def last_hash(*, wait_for_disk=True) -> str:
    """The hash of the chain's last row.

    With `wait_for_disk` false, on PostgreSQL the same statement tells the transaction
    not to wait for its commit to reach the disk (synchronous_commit off, for this
    transaction only): a page that was only read then costs no disk flush, which is
    most of the log's cost (2.4 of 4.6 ms per page measured here). Should PostgreSQL
    itself crash in the fraction of a second before its WAL writer flushes, those read
    rows are lost, never half written, and the chain stays whole. Changes, prints,
    exports and security events always wait for the disk.
    """
    if wait_for_disk or connection.vendor != "postgresql":
        last = AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        return last or GENESIS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT hash FROM {AccessLogEntry._meta.db_table} "  # noqa: S608
            "ORDER BY id DESC LIMIT 1), set_config('synchronous_commit', 'off', true)"
        )
        return cursor.fetchone()[0] or GENESIS


def _append_one(entry: AccessLogEntry, *, wait_for_disk: bool) -> None:
    """PostgreSQL, the one row most pages write: read the chain's last hash, compute this
    row's and insert it in a single statement (sha256 in the database over the same text
    as `AccessLogEntry.expected_hash()`), so a page pays one round trip and, outside a
    transaction, no BEGIN and COMMIT of its own. Two writers that read the same last row
    meet at the unique previous_hash; `write()` tries the loser again."""
    table = AccessLogEntry._meta.db_table
    fields = [
        f
        for f in AccessLogEntry._meta.concrete_fields
        if f.name not in ("id", "previous_hash", "hash")
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Not waiting for the disk: the same as in last_hash(), for this statement only.
    config = "" if wait_for_disk else ", (SELECT set_config('synchronous_commit', 'off', true)) c"
    sql = (
        f"INSERT INTO {table} ({columns}, previous_hash, hash) "  # noqa: S608
        f"SELECT {placeholders}, last.hash, "
        "encode(sha256(convert_to(last.hash || %s, 'UTF8')), 'hex') "
        f"FROM (SELECT COALESCE((SELECT hash FROM {table} ORDER BY id DESC LIMIT 1), %s) "
        f"AS hash) last{config} "
        "RETURNING id, previous_hash, hash"
    )
    params = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    within = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with within, connection.cursor() as cursor:
        cursor.execute(sql, [*params, entry.content(), GENESIS])
        entry.pk, entry.previous_hash, entry.hash = cursor.fetchone()
    entry._state.adding = False


def _chain(entries: list[AccessLogEntry], *, wait_for_disk=True) -> None:
    previous = last_hash(wait_for_disk=wait_for_disk)
    for entry in entries:
        entry.previous_hash = previous
        entry.hash = previous = entry.expected_hash()


def _settle(noted: Noted, *, method: str, status: int) -> None:
    entry = noted.entry
    if not entry.action:
        entry.action = Action.READ if method in ("GET", "HEAD") else Action.CHANGE
    if not entry.result:
        if status in (403, 404):
            entry.result = Result.REFUSED
        elif status >= 400:
            entry.result = Result.FAILED
        else:
            entry.result = Result.ALLOWED
    if entry.result != Result.ALLOWED:
        noted.changes = []  # nothing was changed
    if noted.count is not None:
        entry.count = noted.count if isinstance(noted.count, int) else len(noted.count)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind `TRUSTED_PROXIES` proxies the address
    the nearest untrusted hop gave in X-Forwarded-For (each proxy appends the one it saw)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR", "")):
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _client(request) -> str:
    return client_address(request)[:45] if request is not None else ""


def _purpose(request) -> str:
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    return match.view_name[:80] if match is not None else ""


def forget_changes(resident_ids) -> None:
    """The old and new values the log kept of these residents' personal data go with
    their file (erasure, destruction); the rows themselves, ids only, stay."""
    AccessLogChange.objects.filter(resident_id__in=list(resident_ids)).delete()


def form_changes(form, formset=None) -> list[Change]:
    """What a resident's form and their network's formset change, field by field, with
    the old and the new value (the form's initial data against what it saves)."""
    changes = _changed_fields(form, "inwoner")
    for member in formset.forms if formset is not None else ():
        if not member.has_changed():
            continue
        if member.instance.pk is None:
            changes += _changed_fields(member, "netwerk (nieuw)")
        elif formset.can_delete and formset._should_delete_form(member):
            changes.append(Change(f"netwerk {member.instance.pk}", "verwijderd", "", ""))
        else:
            changes += _changed_fields(member, f"netwerk {member.instance.pk}")
    return changes


def _changed_fields(form, record: str) -> list[Change]:
    return [
        Change(record, name, _text(form.initial.get(name)), _text(form.cleaned_data.get(name)))
        for name in form.changed_data
        if name in form.cleaned_data and name not in ("version", "DELETE", "id", "resident")
    ]


def _text(value) -> str:
    return "" if value is None else str(value)


@dataclasses.dataclass(frozen=True)
class BrokenLink:
    entry_id: int
    reason: str


def first_broken_link() -> BrokenLink | None:
    """Walk the chain from its first row: each row's hash must be what its content and the
    hash before it give, and it must point back to the row before it. The first row
    points back to the start of the log, or to the last row a pruning removed (which the
    pruning's own row names). Rows are read in batches, in the order they were written."""
    anchors = {GENESIS} | {
        detail["anchor"]
        for detail in AccessLogEntry.objects.filter(action=Action.PRUNE).values_list(
            "detail", flat=True
        )
    }
    previous = None
    for entry in AccessLogEntry.objects.order_by("id").iterator(chunk_size=2000):
        expected_previous = previous if previous is not None else entry.previous_hash
        if previous is None and entry.previous_hash not in anchors:
            return BrokenLink(entry.pk, "points back to a row that is not in the log")
        if entry.previous_hash != expected_previous:
            return BrokenLink(entry.pk, "does not point back to the row before it")
        if entry.hash != entry.expected_hash():
            return BrokenLink(entry.pk, "its content is not what its hash says")
        previous = entry.hash
    return None


@transaction.atomic
def prune(*, before, at=None) -> int:
    """Remove the rows older than `before` in one transaction, and log that it happened
    with the hash of the last row removed, so that the chain still checks."""
    old = AccessLogEntry.objects.filter(at__lt=before)
    last_removed = old.order_by("-id").values_list("hash", flat=True).first()
    if last_removed is None:
        return 0
    # Rows are written in order of time, so the oldest rows are a start of the chain.
    up_to = old.order_by("-id").values_list("id", flat=True).first()
    # The models refuse to delete rows (so no code path does it by accident); this is
    # the one place that does, in SQL, with the switch the PostgreSQL trigger asks for.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL samenbeslissen.prune_access_log = 'on'")
        cursor.execute(
            f"DELETE FROM {AccessLogChange._meta.db_table} WHERE entry_id <= %s",  # noqa: S608
            [up_to],
        )
        cursor.execute(
            f"DELETE FROM {AccessLogEntry._meta.db_table} WHERE id <= %s",  # noqa: S608
            [up_to],
        )
        count = cursor.rowcount
    note(
        None,
        kind=ObjectKind.ACCESS_LOG,
        action=Action.PRUNE,
        count=count,
        detail={"before": before.isoformat(), "up_to": up_to, "anchor": last_removed},
        purpose="prune_access_log",
    )
    return count
