"""Corpora: archives of many documents (JSON Lines, CSV, HTML, WARC, text files) in, atomic
shards with a manifest out, on one machine or a Dask cluster, resumable.

`readers` turns inputs into `Record`s with stable ids, `shards` writes shards and keeps the
manifest, `worker` turns a batch of records into one shard (the function every executor
runs), `runner` drives the whole run (one process, a process pool, or `dask_runner`).
Nothing here is imported by `quotex --help`.
"""
