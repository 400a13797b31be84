"""Verbs of entity resolution: ``resolve``, ``review``, ``merge`` and ``split``."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from ciblage import settings
from ciblage.console import err, out, print_json, print_table
from ciblage.errors import EntityNotFound
from ciblage.ids import normalise_name
from ciblage.ledger import Ledger
from nlp import resolve as resolution


def _user(user: str | None) -> str:
    if user:
        return user
    try:
        return os.environ.get("CIBLAGE_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "journalist"


def _lookup(ledger: Ledger, ref: str) -> str:
    """An entity id from an id or an exact (normalised) name or alias."""
    if ledger.entity(ref):
        return ref
    wanted = normalise_name(ref)
    hits = [
        e["id"] for e in ledger.entities()
        if wanted in {normalise_name(n) for n in (e["name"], *e["aliases"])}
    ]
    if not hits:
        raise EntityNotFound(f"no entity named or with id {ref!r}")
    if len(hits) > 1:
        raise EntityNotFound(
            f"{ref!r} names several entities: {', '.join(hits[:10])}", hint="Pass one of these ids instead."
        )
    return hits[0]


def resolve_cmd(
    json_out: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Link entities that are the same (SIREN, names and aliases, fuzzy names); queue doubtful pairs."""
    with Ledger.open(settings.data_dir()) as ledger:
        counts = resolution.resolve(ledger)
    if json_out:
        print_json(counts)
        return
    out.print(
        f"{counts['candidates']} candidate pairs: {counts['merged']} merged, "
        f"{counts['queued']} queued for review, {counts['kept']} already judged"
    )
    if counts["queued"]:
        err.print("Run `ciblage review` to decide the queued pairs.")


def review_cmd(
    json_out: Annotated[bool, typer.Option("--json", help="List the pending pairs as JSON, decide nothing.")] = False,
    user: Annotated[str | None, typer.Option(help="Name recorded with your decisions.")] = None,
) -> None:
    """Decide the pairs resolution was unsure about: same, different, unsure or skip."""
    with Ledger.open(settings.data_dir()) as ledger:
        pending = resolution.pending_reviews(ledger)
        if json_out:
            print_json([
                {"left": p["left"]["id"], "left_name": p["left"]["name"], "right": p["right"]["id"],
                 "right_name": p["right"]["name"], "score": p["score"]}
                for p in pending
            ])
            return
        if not pending:
            out.print("Nothing to review.")
            return
        who = _user(user)
        for p in pending:
            left, right = p["left"], p["right"]
            print_table(
                f"score {p['score']:.0f}", ["", "id", "type", "name", "aliases"],
                [["A", left["id"], left["type"], left["name"], ", ".join(left["aliases"][:5])],
                 ["B", right["id"], right["type"], right["name"], ", ".join(right["aliases"][:5])]],
            )
            answer = typer.prompt("same / different / unsure / skip / quit", default="skip")
            answer = answer.strip().lower()
            if answer.startswith("q"):
                break
            verdict = {"s": "same", "d": "different", "u": "unsure"}.get(answer[:1]) if answer != "skip" else None
            if verdict:
                ledger.add_judgement(left["id"], right["id"], verdict, who)


def _judge_pair(a: str, b: str, verdict: str, user: str | None) -> tuple[str, str, dict[str, str]]:
    with Ledger.open(settings.data_dir()) as ledger:
        left, right = _lookup(ledger, a), _lookup(ledger, b)
        resolution.judge(ledger, left, right, verdict, _user(user))
        return left, right, resolution.canonical_ids(ledger)


EntityArg = Annotated[str, typer.Argument(help="Entity id or exact name.")]
UserOpt = Annotated[str | None, typer.Option(help="Name recorded with the decision.")]


def merge_cmd(a: EntityArg, b: EntityArg, user: UserOpt = None) -> None:
    """Record that A and B are the same entity (undo with `split`)."""
    left, right, canon = _judge_pair(a, b, "same", user)
    out.print(f"merged {left} and {right} as {canon.get(left, left)}; run `ciblage load` to update the graph")


def split_cmd(a: EntityArg, b: EntityArg, user: UserOpt = None) -> None:
    """Record that A and B are different entities; it supersedes any earlier decision on the pair."""
    left, right, canon = _judge_pair(a, b, "different", user)
    if canon.get(left, left) == canon.get(right, right):
        err.print(
            f"[yellow]{left} and {right} are still linked through other 'same' decisions; "
            "split those pairs too (see `ciblage show`).[/]"
        )
    out.print(f"split {left} and {right}; run `ciblage load` to update the graph")


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve_cmd)
    app.command("review")(review_cmd)
    app.command("merge")(merge_cmd)
    app.command("split")(split_cmd)
