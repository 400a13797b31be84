"""spaCy extraction of entities and relations with evidence, and entity resolution."""
