"""The operations a plan file may hold, each as its parser, its dry run and its apply."""

from collections.abc import Callable
from dataclasses import dataclass

from . import close, rename, split
from .spec import parse_merge


@dataclass(frozen=True)
class Operation:
    parse: Callable
    plan: Callable
    apply: Callable


def _merge_plan(spec):
    from .plan import plan_merge

    return plan_merge(spec)


def _merge_apply(spec, record, user):
    from .apply import apply_merge

    return apply_merge(spec, record, user)


OPERATIONS = {
    "merge": Operation(parse_merge, _merge_plan, _merge_apply),
    "rename": Operation(rename.parse, rename.plan, rename.apply),
    "close": Operation(close.parse, close.plan, close.apply),
    "split": Operation(split.parse, split.plan, split.apply),
}
