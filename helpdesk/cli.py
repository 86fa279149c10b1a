"""The `helpdesk` command: one sub-command per job, each a thin wrapper around the core."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from helpdesk.assistant import Assistant
from helpdesk.config import Config, ConfigError
from helpdesk.evaluation import evaluate, read_items, triage, triage_record
from helpdesk.knowledge.articles import KnowledgeBaseError, load_knowledge_base
from helpdesk.knowledge.precedents import from_labelled
from helpdesk.knowledge.validate import check_knowledge_base
from helpdesk.replies import ReplyRenderer


def _assistant(kb_dir: Path) -> Assistant:
    return Assistant(load_knowledge_base(kb_dir))


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    assistant = _assistant(args.kb or config.kb_dir)
    decision = assistant.decide(args.text, history=args.history or [])
    print(ReplyRenderer(assistant.kb, config.address).render(decision, channel="chat"), end="")
    if args.verbose:
        print(json.dumps(decision.details(), ensure_ascii=False, indent=2), file=sys.stderr)
    return 0


def cmd_triage(args: argparse.Namespace, config: Config) -> int:
    assistant = _assistant(args.kb or config.kb_dir)
    renderer = ReplyRenderer(assistant.kb, config.address) if args.with_reply else None
    stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")
    with stream:
        for number, result in triage(assistant, stream):
            print(json.dumps(triage_record(number, result, renderer), ensure_ascii=False), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace, config: Config) -> int:
    assistant = _assistant(args.kb or config.kb_dir)
    with open(args.file, encoding="utf-8") as labelled:
        summary = evaluate(assistant, labelled, sys.stdout)
    failed = summary["leaks"] > args.max_leaks or summary["correct"] < args.min_correct
    if failed:
        print(f"FAILED: needs correct >= {args.min_correct:.0%} and at most {args.max_leaks} leaks", file=sys.stderr)
    return 1 if failed else 0


def cmd_kb_check(args: argparse.Namespace, config: Config) -> int:
    directory = args.kb or config.kb_dir
    problems = check_knowledge_base(directory)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    kb = load_knowledge_base(directory)
    print(f"{directory}: {len(kb.slugs())} articles in nl and en, all checks passed")
    return 0


def cmd_kb_precedents(args: argparse.Namespace, config: Config) -> int:
    """Write the precedents of labelled question sets (EVAL.md's format) as JSON lines, for `precedents.jsonl`."""
    written = 0
    for path in args.files:
        with open(path, encoding="utf-8") as labelled:
            items = [item for _, item, error in read_items(labelled) if item is not None and error is None]
        for precedent in from_labelled(items, source=path.stem):
            print(json.dumps(precedent.record(), ensure_ascii=False))
            written += 1
    print(f"{written} precedents from {len(args.files)} file(s)", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from helpdesk.service import serve  # the channels load only when serving

    serve(config)
    return 0


def cmd_mail_parse(args: argparse.Namespace, config: Config) -> int:
    from mail.parse import parse_mail

    for path in args.files:
        mail = parse_mail(Path(path).read_bytes())
        record = {
            "file": str(path),
            "from": mail.sender,
            "subject": mail.subject,
            "lang": mail.lang,
            "attachments": [vars(a) for a in mail.attachments],
            "text": mail.text,
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def cmd_mail_retry(args: argparse.Namespace, config: Config) -> int:
    from helpdesk.store.database import migrate, open_engine
    from mail.processor import retry

    engine = open_engine(config.database_url)
    migrate(engine)
    print(f"{retry(engine, args.ids)} message(s) queued again")
    return 0


def cmd_staff_add(args: argparse.Namespace, config: Config) -> int:
    import getpass

    from helpdesk.staff.accounts import AccountError, add_user, generate_password
    from helpdesk.store.database import migrate, open_engine

    generated = False
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password (empty: generate one): ")
        if password and password != getpass.getpass("Password again: "):
            print("helpdesk: the passwords differ", file=sys.stderr)
            return 1
    else:
        password = ""
    if not password:
        password, generated = generate_password(), True
    engine = open_engine(config.database_url)
    migrate(engine)
    try:
        user = add_user(engine, args.email, password, "admin" if args.admin else "agent")
    except AccountError as exc:
        print(f"helpdesk: {exc}", file=sys.stderr)
        return 1
    print(f"added {user.email} as {user.role}")
    if generated:
        print(f"password (shown once): {password}")
    return 0


def cmd_purge(args: argparse.Namespace, config: Config) -> int:
    from helpdesk.store.database import migrate, open_engine
    from helpdesk.store.retention import purge

    engine = open_engine(config.database_url)
    migrate(engine)
    report = purge(engine, config.retention_days, dry_run=args.dry_run)
    print(("would purge " if args.dry_run else "purged ") + str(report))
    return 0


def cmd_check_draft(args: argparse.Namespace, config: Config) -> int:
    from helpdesk.drafts import check_draft

    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    try:
        result = check_draft(text, track=args.track, stage=args.stage)
    except ValueError as exc:
        print(f"helpdesk: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.record(), ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpdesk", description="CRA reporting helpdesk assistant")
    parser.add_argument("--log-level", default="WARNING", help="logging level (default WARNING)")
    commands = parser.add_subparsers(dest="command", required=True)

    ask = commands.add_parser("ask", help="print the reply a person would get to TEXT")
    ask.add_argument("text")
    ask.add_argument("--history", action="append", help="an earlier message of the conversation (repeatable)")
    ask.add_argument("--kb", type=Path, help="knowledge base directory (default HELPDESK_KB_DIR)")
    ask.add_argument("-v", "--verbose", action="store_true", help="also print the decision to standard error")
    ask.set_defaults(run=cmd_ask)

    tri = commands.add_parser("triage", help="decide for JSON lines of questions (see EVAL.md)")
    tri.add_argument("file", nargs="?", help="JSON lines; standard input when '-' or missing")
    tri.add_argument("--with-reply", action="store_true", help="add the full reply text to each record")
    tri.add_argument("--kb", type=Path, help="knowledge base directory (default HELPDESK_KB_DIR)")
    tri.set_defaults(run=cmd_triage)

    ev = commands.add_parser("eval", help="grade the assistant on labelled JSON lines (see EVAL.md)")
    ev.add_argument("file")
    ev.add_argument("--kb", type=Path, help="knowledge base directory (default HELPDESK_KB_DIR)")
    ev.add_argument("--min-correct", type=float, default=0.85, help="exit 1 below this correct rate (default 0.85)")
    ev.add_argument("--max-leaks", type=int, default=0, help="exit 1 above this many leaks (default 0)")
    ev.set_defaults(run=cmd_eval)

    serve_parser = commands.add_parser("serve", help="run the SMTP server, mail processor and outbox worker")
    serve_parser.set_defaults(run=cmd_serve)

    mail = commands.add_parser("mail", help="mail channel tools")
    mail_commands = mail.add_subparsers(dest="mail_command", required=True)
    parse = mail_commands.add_parser("parse", help="print what the assistant reads of raw messages, as JSON lines")
    parse.add_argument("files", nargs="+", type=Path)
    parse.set_defaults(run=cmd_mail_parse)
    retry = mail_commands.add_parser("retry", help="queue messages that failed processing again")
    retry.add_argument("ids", nargs="*", type=int, help="message ids (default: every failed message)")
    retry.set_defaults(run=cmd_mail_retry)

    draft = commands.add_parser("check-draft", help="which elements of Art. 14 a draft report has and lacks (JSON)")
    draft.add_argument("file", nargs="?", help="the draft; standard input when '-' or missing")
    draft.add_argument("--track", choices=["vulnerability", "incident"], help="default: recognised from the draft")
    draft.add_argument(
        "--stage", choices=["early_warning", "notification", "final_report"], help="default: recognised from the draft"
    )
    draft.set_defaults(run=cmd_check_draft)

    purge_parser = commands.add_parser(
        "purge", help="remove personal data of tickets closed before the retention period"
    )
    purge_parser.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    purge_parser.set_defaults(run=cmd_purge)

    staff = commands.add_parser("staff", help="staff accounts")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser(
        "add", help="add a staff member (password asked twice, or generated and shown once)"
    )
    add.add_argument("email")
    add.add_argument("--admin", action="store_true", help="may manage accounts")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(run=cmd_staff_add)

    kb = commands.add_parser("kb", help="knowledge base tools")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_commands.add_parser("check", help="validate the knowledge base; exit 1 on any problem")
    check.add_argument("--kb", type=Path, help="knowledge base directory (default HELPDESK_KB_DIR)")
    check.set_defaults(run=cmd_kb_check)
    precedents = kb_commands.add_parser(
        "precedents", help="print the precedents of labelled question sets (for knowledge_base/precedents.jsonl)"
    )
    precedents.add_argument("files", nargs="+", type=Path, help="labelled JSON lines, as helpdesk eval reads")
    precedents.set_defaults(run=cmd_kb_precedents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        config = Config.from_env()
        return int(args.run(args, config))
    except (ConfigError, KnowledgeBaseError, OSError) as exc:
        print(f"helpdesk: {exc}", file=sys.stderr)
        return 2
