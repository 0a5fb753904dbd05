"""Deterministic generator of the lease-extraction and rent-roll golden corpus (standard library only).

Run from the repository root:  python3 golden/tools/lease_corpus --out golden
See golden/lease/README.md for what it writes and the truth conventions.
"""
