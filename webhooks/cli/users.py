"""``signpost users add|password|list|remove``: the accounts of directory keepers."""

from __future__ import annotations

import argparse
import sys

from core.db import session_scope
from directory.keepers.accounts import (
    AccountError,
    add_account,
    list_accounts,
    remove_account,
    set_password,
)
from directory.keepers.models import Role
from webhooks.cli.common import EXIT_OK, EXIT_PROBLEM, app_engine, load_app, print_json
from webhooks.services import services


def cmd_users_add(args: argparse.Namespace) -> int:
    """Create an account; the password is read from standard input (one line)."""
    if not args.password_stdin:
        print("signpost: give the password on standard input with --password-stdin",
              file=sys.stderr)
        return EXIT_PROBLEM
    password = sys.stdin.readline().rstrip("\r\n")
    app = load_app()
    now = services(app).clock()
    try:
        with session_scope(app_engine(app)) as session:
            account = add_account(session, args.email, args.role, password, now,
                                  args.organisation or [])
            email, orgs = account.email, account.organisation_ids
    except AccountError as exc:
        print(f"signpost: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    where = f" for {', '.join(orgs)}" if orgs else ""
    print(f"Added {email} ({args.role}){where}")
    return EXIT_OK


def cmd_users_password(args: argparse.Namespace) -> int:
    """Give an account a new password (read from standard input); its sessions all end."""
    if not args.password_stdin:
        print("signpost: give the password on standard input with --password-stdin",
              file=sys.stderr)
        return EXIT_PROBLEM
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        with session_scope(app_engine(load_app())) as session:
            email = set_password(session, args.email, password).email
    except AccountError as exc:
        print(f"signpost: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"New password set for {email}; every session of the account has ended")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """Every account: email, role, organisations, and whether it is locked."""
    app = load_app()
    now = services(app).clock()
    with session_scope(app_engine(app)) as session:
        rows = [{"email": a.email, "role": a.role, "organisations": a.organisation_ids,
                 "locked": bool(a.locked_until and a.locked_until > now)}
                for a in list_accounts(session)]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("No accounts yet: add one with signpost users add EMAIL --role admin "
              "--password-stdin")
    for row in rows:
        orgs = ", ".join(row["organisations"]) or "-"
        locked = "\tlocked" if row["locked"] else ""
        print(f"{row['email']}\t{row['role']}\t{orgs}{locked}")
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    app = load_app()
    with session_scope(app_engine(app)) as session:
        removed = remove_account(session, args.email)
    if not removed:
        print(f"signpost: no account for {args.email}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"Removed {args.email.strip().lower()}")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost users add|password|list|remove``."""
    users = commands.add_parser("users", help="accounts of directory keepers").add_subparsers(
        dest="users_command", required=True, metavar="ACTION")
    add = users.add_parser("add", help="add an account (password on standard input)")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--organisation", action="append", metavar="ORG_ID",
                     help="an organisation whose records the account keeps (repeatable)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input")
    add.set_defaults(func=cmd_users_add)
    password = users.add_parser("password", help="set a new password (on standard input); "
                                                 "ends every session of the account")
    password.add_argument("email")
    password.add_argument("--password-stdin", action="store_true",
                          help="read the password from standard input")
    password.set_defaults(func=cmd_users_password)
    listing = users.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_users_list)
    remove = users.add_parser("remove", help="remove an account")
    remove.add_argument("email")
    remove.set_defaults(func=cmd_users_remove)
