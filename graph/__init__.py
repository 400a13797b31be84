"""The graph model, its two stores (embedded networkx, Neo4j), analysis and exports."""
