"""One module per CLI command that is more than a few lines; none imports spaCy at import time."""
