"""Pieces shared by several commands."""

from __future__ import annotations

import datetime as dt

import click

__all__ = ["date_option"]


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """click callback: an ISO date (YYYY-MM-DD), or None when the option is absent."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
