"""E-mail delivery over SMTP (stdlib ``smtplib``): plain text and HTML, attachments for digests."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from rasd.watch.config import Smtp


def build_message(
    smtp: Smtp,
    to: tuple[str, ...] | list[str],
    subject: str,
    text: str,
    html: str | None = None,
    *,
    attachments: list[tuple[str, bytes, str]] = (),
    inline_image: tuple[str, bytes] | None = None,
) -> EmailMessage:
    """A MIME message; ``inline_image`` (name, PNG) is shown in the HTML where it says ``cid:map``."""
    msg = EmailMessage()
    msg["From"] = smtp.sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=smtp.sender.rsplit("@", 1)[-1] or "rasd")
    msg.set_content(text)
    if html is not None:
        cid = make_msgid()
        msg.add_alternative(html.replace("cid:map", "cid:" + cid[1:-1]), subtype="html")
        if inline_image:
            msg.get_payload()[1].add_related(
                inline_image[1], "image", "png", cid=cid, filename=inline_image[0]
            )
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def send(smtp: Smtp, msg: EmailMessage) -> None:
    """Send ``msg``; raises ``smtplib.SMTPException`` or ``OSError`` when the server refuses or is down."""
    if smtp.ssl:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            smtp.host, smtp.port, timeout=smtp.timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    with client:
        if smtp.starttls and not smtp.ssl:
            client.starttls(context=ssl.create_default_context())
        if smtp.username and smtp.password:
            client.login(smtp.username, smtp.password)
        client.send_message(msg)
