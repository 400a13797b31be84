"""Build and load the extraction pipeline described by ``nlp/config.cfg`` (cached per process).

Example:
    >>> nlp = load_pipeline()
    >>> [(e.text, e.label_) for e in nlp("La CNIL a sanctionné Spallian.").ents]
    [('CNIL', 'PUBLIC_BODY'), ('Spallian', 'COMPANY')]
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

import nlp.components  # noqa: F401  (registers the factories)
from ciblage import settings
from ciblage.errors import ExtractionError

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).parent / "config.cfg"
_CACHE: dict[str, Language] = {}


def read_config(path: Path = CONFIG_PATH) -> Config:
    try:
        return Config().from_disk(path, interpolate=False)
    except Exception as exc:  # thinc raises several kinds on a bad file
        raise ExtractionError(f"cannot read the pipeline config {path}: {exc}",
                              hint="Check nlp/config.cfg (thinc/spaCy config syntax).") from exc


def add_components(nlp: Language, config: Config | None = None) -> Language:
    """Add and initialise the project's components on ``nlp`` (a stock or blank pipeline), and
    swap the stock components named in ``fast_stock`` for their faster, identical versions."""
    from spacy.util import registry

    from nlp.components.stock import speed_up

    config = config or read_config()
    pipeline = config["pipeline"]
    for name in pipeline.get("fast_stock", []):
        speed_up(nlp, name)
    after = pipeline.get("after")
    init_cfg = registry.resolve(config.get("initialize", {}).get("components", {}))
    previous = after if after in nlp.pipe_names else None
    for name in pipeline["components"]:
        block = dict(config["components"][name])
        factory = block.pop("factory")
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
        nlp.add_pipe(factory, name=name, config=block, after=previous) if previous else nlp.add_pipe(
            factory, name=name, config=block)
        previous = name
        component: Any = nlp.get_pipe(name)
        if hasattr(component, "initialize"):
            component.initialize(lambda: [], nlp=nlp, **init_cfg.get(name, {}))
    return nlp


def build_pipeline(model: str | None = None, config_path: Path = CONFIG_PATH) -> Language:
    """A fresh pipeline: the model named by ``model`` (default ``settings.spacy_model()``) + ours.

    Raises:
        ExtractionError: when the model is not installed or the config is invalid.
    """
    name = model or settings.spacy_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ExtractionError(f"cannot load the spaCy model {name!r}: {exc}") from exc
    add_components(nlp, read_config(config_path))
    log.info("pipeline built", extra={"model": name, "pipes": nlp.pipe_names})
    return nlp


def load_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline for ``model``, built once per process and then reused."""
    name = model or settings.spacy_model()
    if name not in _CACHE:
        path = Path(name)
        if path.is_dir() and (path / "config.cfg").exists() and "ciblage_relations" in (
            path / "config.cfg"
        ).read_text("utf-8"):
            _CACHE[name] = spacy.load(path)  # a saved ciblage pipeline
        else:
            _CACHE[name] = build_pipeline(name)
        _freeze_garbage_collector()
    return _CACHE[name]


def _freeze_garbage_collector() -> None:
    """Leave the objects alive now (the model's half a million: tables, vocabulary, layers, kept
    for the process's life) out of the cyclic garbage collector's full passes. Each full pass
    of a long extraction otherwise walks them all again (about 0.2-0.27 s each). Garbage is
    collected first, so no dead cycle is kept."""
    gc.collect()
    gc.freeze()
