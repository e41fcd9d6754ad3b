"""The spaCy side of quotex: the pipeline components and how a pipeline is loaded."""
