"""``ciblage ingest``: local files of every supported type, broken and unsupported ones counted."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from ciblage.ledger import Ledger
from crawlers.runner import run_ingest


def _pdf_with_text(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_ingest_every_format_counts_and_versions(tmp_path: Path, data_dir: Path) -> None:
    import docx

    folder = tmp_path / "dossier"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.md").write_text("# Notes\n\nSondavia Analytics travaille pour le Mouvement des Rives.", "utf-8")
    (folder / "ancien.txt").write_bytes("Compte rendu : la société a été créée à Valbrune.".encode("cp1252"))
    (folder / "page.html").write_text("<html><head><title>Page</title></head><body><article><p>"
                                      + "Un article enregistré par la journaliste sur Sondavia Analytics. " * 5
                                      + "</p></article></body></html>", "utf-8")
    d = docx.Document()
    d.core_properties.title = "Mémo interne"
    d.add_paragraph("Lucie Ferrabosc dirige Sondavia Analytics.")
    d.save(str(folder / "sub" / "memo.docx"))
    (folder / "sub" / "rapport.pdf").write_bytes(_pdf_with_text("Rapport sur Sondavia Analytics"))
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["Date"] = "Tuyau", "Source <source@example.org>", "Tue, 04 Mar 2025 10:00:00 +0100"
    msg.set_content("Regarde la piece jointe.")
    msg.add_attachment(b"Contrat entre Valbrune et Sondavia.", maintype="text", subtype="plain", filename="contrat.txt")
    (folder / "tuyau.eml").write_bytes(bytes(msg))
    (folder / "image.xyz").write_bytes(b"\x00\x01")
    (folder / "casse.docx").write_bytes(b"not a zip")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "hidden.txt").write_text("ignored", "utf-8")

    counts = run_ingest([folder], data_dir=data_dir)
    assert counts == {"new": 7, "changed": 0, "unchanged": 0, "failed": 1, "unsupported": 1}
    with Ledger.open(data_dir) as ledger:
        docs = {Path(d["meta"]["filename"]).name: d for d in ledger.documents()}
        assert "cp1252" in docs["ancien.txt"]["meta"]["encoding_note"] and "créée" in docs["ancien.txt"]["text"]
        assert docs["memo.docx"]["title"] == "Mémo interne"
        assert "Rapport sur Sondavia Analytics" in docs["rapport.pdf"]["text"]
        mail = docs["tuyau.eml"]
        assert mail["title"] == "Tuyau" and mail["author"].startswith("Source") and mail["published"].startswith("2025-03-04")
        assert docs["contrat.txt"]["meta"]["attached_to"] == mail["id"] and mail["meta"]["attachments"] == [docs["contrat.txt"]["id"]]
        assert docs["page.html"]["url"].startswith("file://")
        assert [f["reason"] for f in ledger.failures()] == ["unreadable"]
    assert run_ingest([folder], data_dir=data_dir)["unchanged"] == 7
    (folder / "notes.md").write_text("# Notes\n\nMise à jour.", "utf-8")
    assert run_ingest([folder / "notes.md"], data_dir=data_dir) == {
        "new": 0, "changed": 1, "unchanged": 0, "failed": 0, "unsupported": 0}
