"""Fee rules of a procedure version, from the catalogue's ``fee`` object.

Kinds: ``free``; ``fixed`` (amount per dossier); ``per_page`` (certified copies: first pages at
one price, later pages at another, capped per copy, TT 226/2016: 2.000 đ, 1.000 đ from page 3,
at most 200.000 đ per copy).
"""

from __future__ import annotations

from typing import Any


def validate_fee(rule: dict[str, Any]) -> None:
    kind = rule.get("kind")
    if kind == "free":
        return
    if kind == "fixed":
        if int(rule["amount"]) < 0:
            raise ValueError("negative fee")
        return
    if kind == "per_page":
        for key in ("first_pages", "first_page_price", "next_page_price", "max_per_copy"):
            if int(rule[key]) < 0:
                raise ValueError(f"negative {key}")
        return
    raise ValueError(f"unknown fee kind {kind!r}")


def compute_fee(rule: dict[str, Any], pages: int = 1, copies: int = 1) -> int:
    """The fee in đồng for a dossier; ``pages``/``copies`` matter only for per-page rules."""
    kind = rule.get("kind")
    if kind == "free":
        return 0
    if kind == "fixed":
        return int(rule["amount"])
    if kind == "per_page":
        first = min(pages, int(rule["first_pages"]))
        rest = max(0, pages - int(rule["first_pages"]))
        per_copy = first * int(rule["first_page_price"]) + rest * int(rule["next_page_price"])
        return min(per_copy, int(rule["max_per_copy"])) * max(1, copies)
    raise ValueError(f"unknown fee kind {kind!r}")


def describe_fee(rule: dict[str, Any]) -> str:
    """A short Vietnamese description for the intake form and form 01."""
    kind = rule.get("kind")
    note = rule.get("note", "")
    if kind == "free":
        text = "Miễn phí"
    elif kind == "fixed":
        text = f"{format_vnd(int(rule['amount']))} đồng"
    else:
        text = (
            f"{format_vnd(int(rule['first_page_price']))} đồng/trang cho {rule['first_pages']}"
            f" trang đầu, {format_vnd(int(rule['next_page_price']))} đồng/trang từ trang tiếp theo,"
            f" tối đa {format_vnd(int(rule['max_per_copy']))} đồng/bản"
        )
    return f"{text} ({note})" if note and kind != "free" else (note or text)


def format_vnd(amount: int) -> str:
    """200000 -> '200.000' (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
