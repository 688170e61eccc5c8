"""Structured records (YAML, JSON, CSV) with the line each record starts on.

A records file is either a list of records, or a mapping holding one list (under a known key such as
``risks``/``incidents``/``records``, or its only list-valued key) plus an optional ``aiconform:`` block
with the file's own metadata (``kind``, ``valid_until``...). A mapping without such a list is a
single document (e.g. a log-retention configuration or a machine-readable declaration of conformity).

Malformed input never raises: it is returned as ``(line, reason)`` pairs.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["RecordFile", "parse_records", "LIST_KEYS"]

LIST_KEYS = ("records", "risks", "incidents", "approvals", "attestations", "trainings", "training_records",
             "literacy_records", "datasets", "items", "entries")


@dataclass
class RecordFile:
    format: str
    meta: dict[str, Any] = field(default_factory=dict)  # the `aiconform:` block
    mapping: dict[str, Any] | None = None  # the document when it holds no record list
    list_key: str | None = None
    records: list[tuple[int, Any]] = field(default_factory=list)  # (line, value)
    malformed: list[tuple[int, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # CSV header


def parse_records(text: str, fmt: str) -> RecordFile:
    if fmt == "csv":
        return _csv(text)
    if fmt == "json":
        return _json(text)
    return _yaml(text)


def _pick_list_key(keys_with_lists: list[str]) -> str | None:
    for k in LIST_KEYS:
        if k in keys_with_lists:
            return k
    return keys_with_lists[0] if len(keys_with_lists) == 1 else None


# --- YAML ------------------------------------------------------------------------------------------

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> RecordFile:
    rf = RecordFile(format="yaml")
    loader = _Loader(text)  # libyaml's safe loader when present (same safe subset, node marks kept)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            rf.malformed.append((mark.line + 1 if mark else 1, f"not valid YAML ({getattr(exc, 'problem', exc)})"))
            return rf
        if node is None:
            return rf
        if isinstance(node, yaml.SequenceNode):
            seq = node
        elif isinstance(node, yaml.MappingNode):
            seq = None
            lists = []
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                if key == "aiconform":
                    m = _construct(loader, v, rf)
                    if isinstance(m, dict):
                        rf.meta = m
                elif isinstance(v, yaml.SequenceNode) and isinstance(key, str):
                    lists.append(key)
            rf.list_key = _pick_list_key(lists)
            if rf.list_key is None:
                whole = _construct(loader, node, rf)
                if isinstance(whole, dict):
                    whole.pop("aiconform", None)
                    rf.mapping = whole
                return rf
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == rf.list_key:
                    seq = v
            rf.mapping = None
        else:
            rf.malformed.append((node.start_mark.line + 1, "top level is neither a list of records nor a mapping"))
            return rf
        assert seq is not None
        for item in seq.value:
            line = item.start_mark.line + 1
            val = _construct(loader, item, rf)
            if val is not _BAD:
                rf.records.append((line, val))
    finally:
        loader.dispose()
    return rf


_BAD = object()


def _construct(loader: Any, node: yaml.Node, rf: RecordFile) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        rf.malformed.append((node.start_mark.line + 1, f"value cannot be read ({exc})".replace("\n", " ")))
        return _BAD


# --- JSON ------------------------------------------------------------------------------------------

_WS = " \t\r\n"


def _skip(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    return i


def _json(text: str) -> RecordFile:
    rf = RecordFile(format="json")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        rf.malformed.append((exc.lineno, f"not valid JSON ({exc.msg}, column {exc.colno})"))
        return rf
    nl = [i for i, c in enumerate(text) if c == "\n"]

    def line_at(pos: int) -> int:
        return bisect.bisect_left(nl, pos) + 1

    dec = json.JSONDecoder()
    arr: int | None = None
    if isinstance(whole, list):
        arr = _skip(text, 0)
    elif isinstance(whole, dict):
        meta = whole.get("aiconform")
        if isinstance(meta, dict):
            rf.meta = meta
        rf.list_key = _pick_list_key([k for k, v in whole.items() if isinstance(v, list) and k != "aiconform"])
        if rf.list_key is None:
            rf.mapping = {k: v for k, v in whole.items() if k != "aiconform"}
            return rf
        # walk the top-level object to the position of the list's '['
        i = _skip(text, 0) + 1
        while True:
            i = _skip(text, i)
            key, i = dec.raw_decode(text, i)
            i = _skip(text, i) + 1  # ':'
            i = _skip(text, i)
            if key == rf.list_key:
                arr = i  # the last duplicate key wins in json.loads; the first is taken here (rare)
                break
            _, i = dec.raw_decode(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i += 1
    else:
        rf.malformed.append((1, "top level is neither a list of records nor an object"))
        return rf
    assert arr is not None and text[arr] == "["
    i = arr + 1
    while True:
        i = _skip(text, i)
        if text[i] == "]":
            break
        start = i
        val, i = dec.raw_decode(text, i)
        rf.records.append((line_at(start), val))
        i = _skip(text, i)
        if text[i] == ",":
            i += 1
    return rf


# --- CSV -------------------------------------------------------------------------------------------


def _csv(text: str) -> RecordFile:
    rf = RecordFile(format="csv")
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    prev_end = 0
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                rf.columns = header
                continue
            if len(row) != len(header):
                rf.malformed.append((start, f"has {len(row)} fields, the header has {len(header)}"))
                continue
            rf.records.append((start, {h: (c.strip() if c.strip() != "" else None) for h, c in zip(header, row,
                                                                                                     strict=True)}))
    except csv.Error as exc:
        rf.malformed.append((reader.line_num, f"CSV error ({exc}); the rest of the file was not read"))
    return rf
