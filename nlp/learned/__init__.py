"""A trained relation model that complements the rules: features, the JSON linear model, training.

* :mod:`~nlp.learned.features`: sparse features of a pair of entities in a sentence;
* :mod:`~nlp.learned.model`: :class:`~nlp.learned.model.LinearModel`, read from JSON with plain Python;
* :mod:`~nlp.learned.dataset`: labelled pairs from the annotated development passages;
* :mod:`~nlp.learned.train`: ``python -m nlp.learned.train [--cv]`` (needs scikit-learn).

The spaCy component that applies the model is :mod:`nlp.components.learned`.
"""
