"""Exports parse back: GEXF and GraphML through networkx, CSV headers, FtM lines, offline HTML."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import fixture_graph as fx
import networkx as nx
import pytest

from graph.export import export
from graph.html import write_network_html
from graph.store import open_store


@pytest.fixture()
def memory(data_dir: Path, fixture_docs: dict):
    with open_store("networkx", data_dir) as store:
        yield store


@pytest.mark.parametrize("fmt, reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_export_gexf_graphml_read_back(memory, tmp_path: Path, fmt: str, reader) -> None:
    result = export(memory, fmt, tmp_path / f"g.{fmt}")
    g = reader(tmp_path / f"g.{fmt}")
    assert g.number_of_nodes() == result["nodes"] == 9
    assert g.number_of_edges() == result["relationships"] == 14
    assert g.nodes[fx.ZORBI]["type"] == "Company"
    client = next(a for u, v, a in g.edges(data=True) if a["relation"] == "CLIENT_OF" and v == fx.ZORBI)
    assert json.loads(client["evidence"])[0].startswith("Le Parti Écologiste Inventé")


def test_export_csv_has_neo4j_admin_headers(memory, tmp_path: Path) -> None:
    export(memory, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in rows[0]
    labels = {r[0]: r[1] for r in rows[1:]}
    assert labels[fx.ZORBI] == "Entity;Company" and labels[fx.CONTRACT] == "Entity;Contract"
    with (tmp_path / "csv" / "relationships.csv").open(encoding="utf-8") as fh:
        rels = list(csv.reader(fh))
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "evidence:string[]" in rels[0]
    assert len(rels) == 15


def test_export_ftm_lines_are_entities(memory, tmp_path: Path) -> None:
    export(memory, "ftm", tmp_path / "g.ftm.json")
    entities = [json.loads(line) for line in (tmp_path / "g.ftm.json").read_text("utf-8").splitlines()]
    assert all({"id", "schema", "properties"} <= set(e) for e in entities)
    by_id = {e["id"]: e for e in entities}
    assert by_id[fx.ZORBI]["schema"] == "Company"
    assert by_id[fx.ZORBI]["properties"]["registrationNumber"] == [fx.SIREN]
    assert by_id[fx.CONTRACT]["properties"]["authority"] == [fx.TOWN]
    schemata = {e["schema"] for e in entities}
    assert {"Directorship", "ContractAward", "UnknownLink", "Documentation", "Document"} <= schemata
    directorship = next(e for e in entities if e["schema"] == "Directorship")
    assert directorship["properties"]["director"] == [fx.PERSON]
    assert directorship["properties"]["role"] == ["Présidente"]


def test_export_around_keeps_the_ego_network(memory, tmp_path: Path) -> None:
    result = export(memory, "graphml", tmp_path / "ego.graphml", around="Jeanne Dupré-Valmont", depth=1)
    g = nx.read_graphml(tmp_path / "ego.graphml")
    assert set(g.nodes) == {fx.PERSON, fx.ZORBI} and result["relationships"] == 1


def test_html_map_is_offline_and_shows_the_nodes(data_dir: Path, fixture_docs: dict) -> None:
    path = write_network_html(data_dir=data_dir, path=data_dir / "network.html")
    page = path.read_text("utf-8")
    assert _js("Zorbifex Data") in page and _js("Jeanne Dupré-Valmont") in page
    assert "ciblage-legend" in page and "PublicBody" in page
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?://", page)
    assert _js("« Dirigeant : Jeanne Dupré-Valmont, Présidente »") in page  # evidence in edge tooltips


def _js(text: str) -> str:
    """How pyvis writes a string into the page's JSON."""
    return json.dumps(text)[1:-1]


def test_html_map_around_an_entity(memory, tmp_path: Path) -> None:
    path = write_network_html(memory, tmp_path / "ego.html", around=fx.TOWN, depth=1)
    page = path.read_text("utf-8")
    assert "Mairie de Villeneuve" in page and _js("Jeanne Dupré-Valmont") not in page


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_image_export(memory, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"map{suffix}"
    export(memory, suffix[1:], out)
    assert out.read_bytes().startswith(magic)
