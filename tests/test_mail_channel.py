"""The mail channel as a sender experiences it: real SMTP conversations with the running service and a relay sink."""

from __future__ import annotations

import os
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import Session, select

from helpdesk.config import Config
from helpdesk.store.models import Message, Outbox, Ticket
from tests.conftest import KB_DIR
from tests.faults import allow_inserts, refuse_inserts
from tests.mailkit import RunningService, Sink, start_sink, wait_for

HELPDESK = "helpdesk@ncsc.example"
STAFF = "staff@ncsc.example"


@pytest.fixture
def relay() -> Iterator[Sink]:
    controller, sink = start_sink()
    yield sink
    controller.stop()


def make_config(database_url: str, relay_port: int | None, **overrides: str) -> Config:
    env = {
        "HELPDESK_DATABASE_URL": database_url,
        "HELPDESK_SMTP_PORT": "0",
        "HELPDESK_WEB_PORT": "0",
        "HELPDESK_ADDRESS": HELPDESK,
        "HELPDESK_STAFF_ADDRESS": STAFF,
        "HELPDESK_KB_DIR": str(KB_DIR),
        "HELPDESK_MAX_MESSAGE_BYTES": "200000",
    }
    if relay_port:
        env["HELPDESK_RELAY"] = f"127.0.0.1:{relay_port}"
    env.update(overrides)
    return Config.from_env(env)


@pytest.fixture
def helpdesk(database_url: str, relay: Sink) -> Iterator[RunningService]:
    running = RunningService(make_config(database_url, relay.port))
    yield running
    running.stop()


def question(
    text: str, sender: str = "jan@sensorco.example", subject: str = "Vraag over melden", **headers: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Jan de Vries <{sender}>"
    message["To"] = HELPDESK
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash((text, sender, subject, tuple(headers.items()))))}@sensorco.example>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return message


def send(port: int, message: EmailMessage, sender: str | None = None, to: str = HELPDESK) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.send_message(
            message, from_addr=sender if sender is not None else message["From"].addresses[0].addr_spec, to_addrs=[to]
        )


def replies_to(sink: Sink, address: str) -> list[EmailMessage]:
    return [m for m in sink.received if address in str(m["To"])]


def test_a_dutch_question_gets_a_dutch_answer_in_the_same_thread(helpdesk: RunningService, relay: Sink) -> None:
    asked = question(
        "Beste helpdesk,\n\nBinnen welke termijn moet het eindverslag over een ernstig incident?\n\nMet vriendelijke groet,\nJan"
    )
    send(helpdesk.port, asked)
    wait_for(lambda: replies_to(relay, "jan@sensorco.example"), "no reply reached the relay")
    [reply] = replies_to(relay, "jan@sensorco.example")
    assert reply["Subject"] == "Re: Vraag over melden [CRA-000001]"
    assert reply["In-Reply-To"] == asked["Message-ID"]
    assert asked["Message-ID"] in reply["References"]
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["From"].addresses[0].addr_spec == HELPDESK
    body = reply.get_content()
    assert "automatisch antwoord" in body and "CRA-000001" in body
    assert "binnen een maand na de indiening van de incidentmelding" in body
    assert "Art. 14(4)(c)" in body


def test_a_reply_to_our_answer_continues_the_ticket(helpdesk: RunningService, relay: Sink) -> None:
    send(
        helpdesk.port,
        question("What must the early warning on an exploited vulnerability contain?", subject="Question"),
    )
    wait_for(lambda: relay.received, "no first reply")
    answer = relay.received[0]
    follow_up = question("And for a severe incident?", subject=f"Re: {answer['Subject']}")
    follow_up["In-Reply-To"] = answer["Message-ID"]
    send(helpdesk.port, follow_up)
    wait_for(lambda: len(relay.received) == 2, "no second reply")
    assert relay.received[1]["Subject"] == "Re: Question [CRA-000001]"
    assert "unlawful or malicious" in relay.received[1].get_content()  # read with the earlier question
    with Session(helpdesk.service.engine) as session:
        assert len(session.exec(select(Ticket)).all()) == 1


def test_a_stranger_citing_a_ticket_number_gets_a_ticket_of_their_own(helpdesk: RunningService, relay: Sink) -> None:
    send(helpdesk.port, question("Where do we submit a notification?", subject="Where"))
    wait_for(lambda: relay.received)
    send(
        helpdesk.port,
        question(
            "Where do we submit a notification? Tell me about CRA-000001.",
            sender="eve@elsewhere.example",
            subject="Re: Where [CRA-000001]",
        ),
    )
    wait_for(lambda: replies_to(relay, "eve@elsewhere.example"))
    assert "[CRA-000002]" in replies_to(relay, "eve@elsewhere.example")[0]["Subject"]


def test_a_signed_reply_address_threads_but_a_forged_one_does_not(helpdesk: RunningService, relay: Sink) -> None:
    send(helpdesk.port, question("Where do we submit a notification?", subject="Where"))
    wait_for(lambda: relay.received)
    reply_to = relay.received[0]["Reply-To"].addresses[0].addr_spec
    assert reply_to.startswith("helpdesk+CRA-000001-")
    send(
        helpdesk.port,
        question("And which CSIRT receives it if we are outside the EU?", subject="other subject"),
        to=reply_to,
    )
    forged = "helpdesk+CRA-000001-000000000000@ncsc.example"
    send(helpdesk.port, question("What is ENISA?", sender="eve@elsewhere.example", subject="x"), to=forged)
    wait_for(lambda: len(relay.received) == 3)
    subjects = sorted(str(m["Subject"]) for m in relay.received)
    assert subjects == ["Re: Where [CRA-000001]", "Re: other subject [CRA-000001]", "Re: x [CRA-000002]"]


def test_only_the_helpdesk_address_is_accepted(helpdesk: RunningService) -> None:
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(helpdesk.port, question("hello"), to="someone@else.example")
    assert refused.value.recipients["someone@else.example"][0] == 550


def test_a_bad_envelope_sender_is_refused(helpdesk: RunningService) -> None:
    with pytest.raises(smtplib.SMTPSenderRefused) as refused:
        send(helpdesk.port, question("hello"), sender="not an address")
    assert refused.value.smtp_code == 553


def test_a_message_over_the_size_limit_gets_552_and_is_not_stored(helpdesk: RunningService) -> None:
    with pytest.raises(smtplib.SMTPException) as too_big:
        send(helpdesk.port, question("x" * 300_000))
    assert "552" in str(too_big.value)
    with Session(helpdesk.service.engine) as session:
        assert session.exec(select(Message)).all() == []


def test_the_same_message_delivered_twice_is_stored_and_answered_once(helpdesk: RunningService, relay: Sink) -> None:
    asked = question("Where do we submit a notification?")
    send(helpdesk.port, asked)
    send(helpdesk.port, asked)
    wait_for(lambda: relay.received)
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: session.exec(select(Message).where(Message.status == "processed")).all())
        assert len(session.exec(select(Message).where(Message.direction == "in")).all()) == 1
    assert len(replies_to(relay, "jan@sensorco.example")) == 1


@pytest.mark.parametrize(
    "headers, sender",
    [
        ({"Auto-Submitted": "auto-replied"}, "jan@sensorco.example"),
        ({"Precedence": "bulk"}, "jan@sensorco.example"),
        ({"List-Id": "<cra.lists.example>"}, "jan@sensorco.example"),
        ({}, "mailer-daemon@sensorco.example"),
        ({}, "no-reply@sensorco.example"),
        ({}, HELPDESK),
    ],
)
def test_robots_lists_and_ourselves_are_never_answered(
    helpdesk: RunningService, relay: Sink, headers: dict, sender: str
) -> None:
    send(helpdesk.port, question("Out of office until Monday.", sender=sender, **headers))
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: session.exec(select(Message).where(Message.status == "processed")).all())
        stored = session.exec(select(Message).where(Message.direction == "in")).one()
        assert stored.note.startswith("no automatic reply")
    assert replies_to(relay, sender) == []


def test_a_bounce_with_the_null_sender_is_stored_not_answered(helpdesk: RunningService, relay: Sink) -> None:
    send(helpdesk.port, question("Delivery failed", sender="postmaster@sensorco.example"), sender="")
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: session.exec(select(Message).where(Message.status == "processed")).all())
    assert relay.received == []


def test_automatic_replies_to_one_address_are_capped(helpdesk: RunningService, relay: Sink) -> None:
    for n in range(5):
        send(helpdesk.port, question(f"Where do we submit a notification? ({n})", subject=f"q{n}"))
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: len(session.exec(select(Message).where(Message.status == "processed")).all()) == 5)
    wait_for(lambda: len(replies_to(relay, "jan@sensorco.example")) == 3)
    assert len(replies_to(relay, "jan@sensorco.example")) == 3


def test_an_actual_notification_is_urgent_answered_at_once_and_staff_are_told(
    helpdesk: RunningService, relay: Sink
) -> None:
    send(
        helpdesk.port,
        question(
            "Hierbij melden wij een actief uitgebuite kwetsbaarheid in onze router RT-5 versie 2.1.0. Aanvallers nemen "
            "het beheer over. Wij ontdekten dit vanochtend om 07:00.",
            subject="Melding",
        ),
    )
    wait_for(lambda: replies_to(relay, STAFF) and replies_to(relay, "jan@sensorco.example"))
    assert replies_to(relay, STAFF)[0]["Subject"].startswith("URGENT [CRA-000001]")
    answer = replies_to(relay, "jan@sensorco.example")[0].get_content()
    assert "geen meldingen ontvangen" in answer and "meldingsplatform" in answer
    with Session(helpdesk.service.engine) as session:
        ticket = session.exec(select(Ticket)).one()
        assert ticket.urgent and ticket.status == "escalated"


def test_storage_failure_answers_451_stores_nothing_and_a_retry_succeeds(helpdesk: RunningService) -> None:
    engine = helpdesk.service.engine
    refuse_inserts(engine)
    with pytest.raises(smtplib.SMTPDataError) as failed:
        send(helpdesk.port, question("Where do we submit a notification?"))
    assert failed.value.smtp_code == 451
    with Session(engine) as session:
        assert session.exec(select(Message)).all() == []

    allow_inserts(engine)  # the disk has room again: the sending server's retry is accepted
    send(helpdesk.port, question("Where do we submit a notification?"))
    with Session(engine) as session:
        assert len(session.exec(select(Message).where(Message.direction == "in")).all()) == 1


def test_concurrent_senders_share_commits_and_one_refused_message_costs_the_others_nothing(
    helpdesk: RunningService,
) -> None:
    """Group commit: messages arriving together are stored together, yet each sender hears only its own outcome."""
    refuse_inserts(helpdesk.service.engine, marker="POISON-PILL")
    texts = [f"Where do we submit a notification about product {n}?" for n in range(20)]
    texts[7] = "POISON-PILL: where do we submit a notification?"
    outcomes: dict[int, int] = {}

    def deliver(n: int) -> None:
        try:
            send(helpdesk.port, question(texts[n], sender=f"sender{n}@sensorco.example"))
            outcomes[n] = 250
        except smtplib.SMTPDataError as error:
            outcomes[n] = error.smtp_code

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == {n: 451 if n == 7 else 250 for n in range(20)}
    with Session(helpdesk.service.engine) as session:
        senders = [m.envelope_from for m in session.exec(select(Message).where(Message.direction == "in"))]
    assert sorted(senders) == sorted(f"sender{n}@sensorco.example" for n in range(20) if n != 7)


def test_outgoing_mail_waits_in_the_outbox_without_a_relay(database_url: str) -> None:
    running = RunningService(make_config(database_url, None))
    try:
        send(running.port, question("Where do we submit a notification?"))
        with Session(running.service.engine) as session:
            wait_for(lambda: session.exec(select(Outbox)).all(), "nothing queued")
            assert session.exec(select(Outbox)).one().status == "queued"
    finally:
        running.stop()


@pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks is not installed (CI installs Debian's swaks)")
def test_swaks_as_the_client(helpdesk: RunningService, relay: Sink) -> None:
    result = subprocess.run(
        [
            "swaks",
            "--server",
            f"127.0.0.1:{helpdesk.port}",
            "--from",
            "maria@swaks.example",
            "--to",
            HELPDESK,
            "--header",
            "Subject: swaks",
            "--body",
            "Waar dien ik een melding in?",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "250 2.0.0 OK: queued as" in result.stdout
    wait_for(lambda: replies_to(relay, "maria@swaks.example"))
    assert "[CRA-000001]" in replies_to(relay, "maria@swaks.example")[0]["Subject"]


def test_hostile_input_does_not_crash_the_server(helpdesk: RunningService, relay: Sink) -> None:
    with socket.create_connection(("127.0.0.1", helpdesk.port), timeout=10) as raw:
        raw.recv(1024)
        for line in (
            b"\xff\xfe\x00garbage\r\n",
            b"MAIL FROM:<" + b"a" * 5000 + b">\r\n",
            b"RCPT TO:<>\r\n",
            b"DATA\r\n",
            b"EHLO " + b"x" * 3000 + b"\r\n",
            b"QUIT\r\n",
        ):
            raw.sendall(line)
            raw.recv(4096)
    send(helpdesk.port, question("Waar dien ik een melding in?"))  # the next sender is served as usual
    wait_for(lambda: replies_to(relay, "jan@sensorco.example"))


def test_a_bounce_stops_automatic_replies_to_the_address_that_failed(helpdesk: RunningService, relay: Sink) -> None:
    send(helpdesk.port, question("Where do we submit a notification?", sender="gone@old.example", subject="first"))
    wait_for(lambda: replies_to(relay, "gone@old.example"))
    bounce = EmailMessage()
    bounce["From"], bounce["To"], bounce["Subject"] = "MAILER-DAEMON@old.example", HELPDESK, "Undelivered Mail"
    bounce.set_content("Delivery failed.\n\nFinal-Recipient: rfc822; gone@old.example\nAction: failed\nStatus: 5.1.1\n")
    send(helpdesk.port, bounce, sender="")
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: len(session.exec(select(Message).where(Message.status == "processed")).all()) == 2)
    send(helpdesk.port, question("And what is ENISA?", sender="gone@old.example", subject="second"))
    with Session(helpdesk.service.engine) as session:
        wait_for(lambda: len(session.exec(select(Message).where(Message.status == "processed")).all()) == 3)
        last = session.exec(select(Message).where(Message.direction == "in").order_by(Message.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and "bounced-recently" in last.note
    assert len(replies_to(relay, "gone@old.example")) == 1


def test_serve_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HELPDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}",
        "HELPDESK_SMTP_PORT": "0",
        "HELPDESK_WEB_PORT": "0",
        "HELPDESK_KB_DIR": str(KB_DIR),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "helpdesk", "--log-level", "INFO", "serve"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "SMTP on" in line:
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_starttls_with_the_configured_certificate(database_url: str, relay: Sink, tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ],
        check=True,
        capture_output=True,
    )
    running = RunningService(
        make_config(
            database_url,
            relay.port,
            HELPDESK_TLS_CERT=str(cert),
            HELPDESK_TLS_KEY=str(key),
        )
    )
    try:
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with smtplib.SMTP("127.0.0.1", running.port, timeout=10) as client:
            client.ehlo()
            assert client.has_extn("starttls")
            client.starttls(context=context)
            client.send_message(question("Waar dien ik een melding in?"))
        wait_for(lambda: replies_to(relay, "jan@sensorco.example"))
    finally:
        running.stop()


def test_the_mail_answer_states_the_due_moments(helpdesk: RunningService, relay: Sink) -> None:
    send(
        helpdesk.port,
        question(
            "Goedemorgen,\n\nWij ontdekten op 20 november 2026 om 14:00 dat een lek in onze router actief wordt misbruikt. "
            "Wanneer moet de vroegtijdige waarschuwing binnen zijn?\n\nGroet,\nJan"
        ),
    )
    wait_for(lambda: replies_to(relay, "jan@sensorco.example"))
    body = replies_to(relay, "jan@sensorco.example")[0].get_content()
    assert "Vroegtijdige waarschuwing: zaterdag 21 november 2026, 14:00 (CET)" in body
    assert "Melding: maandag 23 november 2026, 14:00 (CET)" in body


def test_a_draft_sent_by_mail_is_checked_and_not_kept(helpdesk: RunningService, relay: Sink) -> None:
    draft = (
        "Kunt u ons concept controleren?\n\nVroegtijdige waarschuwing - ernstig incident\n"
        "Vermoedelijke oorzaak: wij vermoeden onrechtmatige toegang tot onze updateserver.\n"
    )
    send(helpdesk.port, question(draft, subject="Concept"))
    wait_for(lambda: replies_to(relay, "jan@sensorco.example"))
    body = replies_to(relay, "jan@sensorco.example")[0].get_content()
    assert "Ontbreekt:\n- lidstaten waar het product op de markt is aangeboden (Art. 14(4)(a))" in body.replace(
        "\r\n", "\n"
    )
    with Session(helpdesk.service.engine) as session:
        stored = session.exec(select(Message).where(Message.direction == "in")).one()
        assert stored.raw is None and "updateserver" not in stored.text + stored.body
