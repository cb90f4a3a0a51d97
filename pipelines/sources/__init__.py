"""Every source file kind, by family. ``CONTRACTS[kind]`` is the registry the loader uses."""

from __future__ import annotations

from pipelines.contract import Contract, normalise_header
from pipelines.sources import grid, hotline, property, rosters

CONTRACTS: dict[str, Contract] = {
    c.kind: c for family in (grid, rosters, hotline, property) for c in family.CONTRACTS
}


def get(kind: str) -> Contract:
    try:
        return CONTRACTS[kind]
    except KeyError:
        known = ", ".join(sorted(CONTRACTS))
        raise KeyError(f"未知的数据类型 / unknown source kind '{kind}'; known: {known}") from None


def guess(headers: list[str], file_name: str = "") -> Contract | None:
    """The contract whose required columns the headers cover best (ties broken by file-name hints)."""
    normalised = {normalise_header(h) for h in headers}
    best: tuple[float, int, Contract] | None = None
    for contract in CONTRACTS.values():
        index = contract.alias_index()
        matched = {index[h] for h in normalised if h in index}
        required = [c.name for c in contract.columns if c.required]
        if not required or not all(r in matched for r in required):
            continue
        hint = sum(1 for word in contract.file_hints if word in file_name)
        score = (len(matched) / len(contract.columns), hint, contract)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None
