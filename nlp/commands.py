"""``ciblage extract``: NLP over pending documents, or over one file printed (nothing stored)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ciblage import settings
from ciblage.console import out, print_json, print_table

_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1")


def read_file(path: Path) -> str:
    """A .txt/.md/.html file as text, trying UTF-8 then Windows-1252 then Latin-1."""
    data = path.read_bytes()
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 always decodes


def extract_cmd(
    file: Annotated[Path | None, typer.Option("--file", help="Extract one .txt/.html/.md file; store nothing.")] = None,
    processes: Annotated[int, typer.Option("--processes", min=1, help="spaCy worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Texts per spaCy batch.")] = 64,  # nlp.extract.DEFAULT_BATCH
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Extract entities and relations from documents not yet processed (or from --file)."""
    if file is not None:
        if not file.is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint="--file")
        from nlp.extract import extract_text

        result = extract_text(read_file(file))
        if json_out:
            print_json(result)
            return
        print_table("Entities", ["text", "label", "canonical", "start", "end"],
                    [[e["text"], e["label"], e["canonical"], e["start"], e["end"]] for e in result["entities"]])
        print_table("Relations", ["subject", "predicate", "object", "confidence", "rule"],
                    [[r["subject"], r["predicate"], r["object"], r["confidence"], r["rule"]]
                     for r in result["relations"]])
        if result["identifiers"]:
            print_table("Identifiers", ["text", "label", "value"],
                        [[i["text"], i["label"], i["value"]] for i in result["identifiers"]])
        return
    from ciblage.ledger import Ledger
    from nlp.extract import extract_pending

    with Ledger.open(settings.data_dir()) as ledger:
        counts = extract_pending(ledger, processes=processes, batch_size=batch_size, progress=not json_out)
    if json_out:
        print_json(counts)
    else:
        out.print(", ".join(f"{k} {v}" for k, v in counts.items()))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
