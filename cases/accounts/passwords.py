"""A password is set by its owner only: the beheerder sends a link, never types one.

The link is Django's password-reset token (valid PASSWORD_RESET_TIMEOUT, by
default three days, and spent once the password changes); it opens
/inloggen/wachtwoord/<uid>/<token>/, Django's PasswordResetConfirmView.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cases import tasks

from . import audit


class NoEmailAddress(Exception):
    pass


def send_password_link(user, *, by, request) -> None:
    """Queue a mail to `user` with a link to set their own password (cases/tasks.py);
    logged with ids only."""
    if not user.email:
        raise NoEmailAddress
    tasks.mail_password_link.enqueue(user.pk, by.pk, request.build_absolute_uri("/"))
    audit.record("password_link", request=request, user_id=by.pk, target_user_id=user.pk)


def password_link_mail(user, *, by, site: str) -> EmailMessage:
    """The mail with the link, its token made now: it is valid from when it is sent."""
    path = reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": site.rstrip("/") + path, "by": by}
    return EmailMessage(
        subject="Samen Beslissen: stel je wachtwoord in",
        body=render_to_string("registration/password_link_mail.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
