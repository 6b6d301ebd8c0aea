"""The project's bot against the stock `rasa init` bot: interleaved runs, one table with ratios and targets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional

USERS = (1, 8, 32)
ROUNDS = 2  # each measure runs project, stock, then stock, project: drift of the shared machine hits both alike
THROUGHPUT_TARGET, P50_TARGET = 1.5, 0.7  # project / stock, from the section 1


@dataclass
class Bot:
    label: str
    url: str
    messages: List[str]
    pid: int
    cold_start: float
    latency: Dict[str, List[float]] = field(default_factory=lambda: defaultdict(list))
    throughput: Dict[int, List[float]] = field(default_factory=lambda: defaultdict(list))
    rss: float = float("nan")


def orders(bots: List[Bot]) -> List[List[Bot]]:
    """ABBA…: each bot goes first as often as the other."""
    return [bots if index % 2 == 0 else bots[::-1] for index in range(ROUNDS)]


def percentile(values: List[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def mean(values: List[float]) -> float:
    return sum(values) / len(values)


def _verdict(ratio: float, target: Optional[float], higher_is_better: bool) -> str:
    if target is None:
        return ""
    met = ratio >= target if higher_is_better else ratio <= target
    return f"{'≥' if higher_is_better else '≤'} {target}× : {'met' if met else 'NOT met'}"


def table(project: Bot, stock: Bot) -> List[str]:
    """Markdown table: each measure for both bots, project / stock, and the target when the issue sets one."""
    lines = [
        f"| measure | {project.label} | {stock.label} | {project.label} / {stock.label} | target |",
        "|---|---|---|---|---|",
    ]

    def line(
        measure: str,
        mine: float,
        theirs: float,
        unit: str,
        target: Optional[float] = None,
        higher_is_better: bool = False,
        digits: int = 0,
    ) -> None:
        ratio = mine / theirs
        lines.append(
            f"| {measure} | {mine:.{digits}f} {unit} | {theirs:.{digits}f} {unit} | {ratio:.2f}× | "
            f"{_verdict(ratio, target, higher_is_better)} |"
        )

    for name in project.latency:
        for pct in (50, 95, 99):
            line(
                f"latency {name}, p{pct}",
                percentile(project.latency[name], pct),
                percentile(stock.latency[name], pct),
                "ms",
                P50_TARGET if pct == 50 else None,
            )
    for users in USERS:
        line(
            f"throughput, {users} concurrent user{'s' if users > 1 else ''} (mean of {ROUNDS} runs)",
            mean(project.throughput[users]),
            mean(stock.throughput[users]),
            "msg/s",
            THROUGHPUT_TARGET,
            True,
            1,
        )
    line("RSS of the Rasa server", project.rss, stock.rss, "MB")
    line("cold start to ready", project.cold_start, stock.cold_start, "s", digits=1)
    return lines
