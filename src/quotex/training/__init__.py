"""Building the pipeline's learned assets from PolNeAR train (never dev or test)."""
