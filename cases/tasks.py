"""Slow work, done by a worker beside the web server (`manage.py db_worker`): the click that
asked for it only queued it, in the same transaction as what it stored.

Mail goes here: a slow or failing mail server never slows or fails a click. The worker
tries again after 1, 5, 30 and 120 minutes. For a document to a resident the
documents list and the timeline say whether it went or, after the last try, that it
did not (and the consultant can print it or mail it again); a password link that did
not go is in the log, and the beheerder sends a new one.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

from .accounts import passwords
from .models import HandedOverDocument, User

logger = logging.getLogger(__name__)

# How long to wait before each next attempt; one attempt more than there are waits.
RETRY_AFTER = [timedelta(minutes=m) for m in (1, 5, 30, 120)]


@task()
def mail_document(document_id: str, attempt: int = 1) -> str:
    """Send a handed-over document as it was queued; on a mail server's refusal or absence,
    queue the next attempt, or after the last one record that it failed."""
    document = HandedOverDocument.objects.select_related("created_by").get(pk=document_id)
    if document.mail != HandedOverDocument.Mail.QUEUED:
        return document.mail  # a task run twice: it went, or was given up, already
    by = document.created_by
    message = EmailMessage(
        subject=document.mail_subject,
        body=document.mail_body,
        to=[document.sent_to],
        # The resident's answer reaches their consultant, not a no-reply box.
        reply_to=[by.email] if by.email else None,
    )
    message.attach(document.filename, bytes(document.pdf), "application/pdf")
    try:
        message.send()
    except OSError as error:  # smtplib's errors too: refused, unreachable, timed out
        # The error's text can name the address: its type only.
        logger.warning("Mailing document %s failed (attempt %s): %s", document_id, attempt,
                       type(error).__name__)  # fmt: skip
        if _again(mail_document, document_id, attempt=attempt):
            return "opnieuw"
        return _settle(document, HandedOverDocument.Mail.FAILED)
    return _settle(document, HandedOverDocument.Mail.SENT)


@task()
def mail_password_link(user_id: int, by_id: int, site: str, attempt: int = 1) -> str:
    """Send a user the link to set their own password, made when it is sent."""
    user, by = User.objects.get(pk=user_id), User.objects.get(pk=by_id)
    try:
        passwords.password_link_mail(user, by=by, site=site).send()
    except OSError as error:
        logger.warning("Mailing a password link to user %s failed (attempt %s): %s", user_id,
                       attempt, type(error).__name__)  # fmt: skip
        return (
            "opnieuw"
            if _again(mail_password_link, user_id, by_id, site, attempt=attempt)
            else "mislukt"
        )
    return "verstuurd"


def _again(work, *args, attempt: int) -> bool:
    """Queue `work` once more after this attempt's wait; False after the last attempt."""
    if attempt > len(RETRY_AFTER):
        return False
    work.using(run_after=timezone.now() + RETRY_AFTER[attempt - 1]).enqueue(*args, attempt + 1)
    return True


def _settle(document, mail) -> str:
    HandedOverDocument.objects.filter(pk=document.pk).update(mail=mail, mailed_at=timezone.now())
    return mail
