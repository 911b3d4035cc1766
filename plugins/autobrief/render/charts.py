"""Charts drawn at build time as inline SVG: no script and nothing fetched when read."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from ..core.briefing import Briefing
from ..core.model import STATUSES

# Fills that read on light and dark schemes alike; the status word is always beside them.
COLOURS = {"reported": "#3b82c4", "denied": "#c8374a", "disputed": "#d08a12", "confirmed": "#2e8b4f", "retracted": "#8a8a8a"}


MONTHS_AT_MOST = 120  # a longer span is drawn by year: ten centuries of months would be megabytes


def month_label(key: tuple[int, ...], short: bool = False) -> str:
    if len(key) == 1:  # a year's slot
        return str(key[0])
    return f"{date(key[0], key[1], 1):{'%b %Y' if short else '%B %Y'}}"


def by_year(series: list[tuple[tuple[int, int], dict[str, int]]]) -> list[tuple[tuple[int], dict[str, int]]]:
    years: dict[tuple[int], dict[str, int]] = {}
    for (year, _), counts in series:
        total = years.setdefault((year,), dict.fromkeys(STATUSES, 0))
        for status, n in counts.items():
            total[status] += n
    return list(years.items())


def monthly_chart(series: list[tuple[tuple[int, int], dict[str, int]]], env, chart_id: str, subject: str) -> Markup:
    """Stacked bars of briefings per month (per year over a long span) by status, with a data table for
    screen readers: every month of a short span, and the years that have briefings of a long one."""
    if not series:
        return Markup("")
    unit = "month"
    if len(series) > MONTHS_AT_MOST:
        unit, series = "year", by_year(series)
    peak = max(sum(counts.values()) for _, counts in series) or 1
    width, height, pad = 640, 160, 24
    slot = min(48, (width - pad) / len(series))  # a lone month is a bar, not a wall
    bars = []
    for i, (key, counts) in enumerate(series):
        y = height - pad
        x = pad + i * slot + slot * 0.1
        for status in STATUSES:
            n = counts[status]
            if n:
                h = (height - 2 * pad) * n / peak
                y -= h
                bars.append({"x": round(x, 2), "y": round(y, 2), "w": round(slot * 0.8, 2), "h": round(h, 2),
                             "fill": COLOURS[status], "label": f"{month_label(key)}: {n} {status}"})
    total = sum(sum(c.values()) for _, c in series)
    busiest = max(series, key=lambda s: sum(s[1].values()))[0]
    summary = (
        f"{total} briefing{'s' if total != 1 else ''} on {subject} from {month_label(series[0][0])} "
        f"to {month_label(series[-1][0])}; the busiest {unit}, {month_label(busiest)}, had {peak}."
    )
    ticks = [(pad + i * slot + slot / 2, month_label(key, short=True)) for i, (key, _) in enumerate(series)]
    step = max(1, len(ticks) // 6)
    return Markup(
        env.get_template("chart.html").render(
            id=chart_id, width=width, height=height, pad=pad, bars=bars, peak=peak, summary=summary, unit=unit,
            ticks=ticks[::step], month_label=month_label, colours=COLOURS,
            rows=series if unit == "month" else [(key, counts) for key, counts in series if any(counts.values())],
        )
    )


def status_timeline(steps: list[tuple[date, str]], env, id: str, what: str) -> Markup:
    """Statuses drawn oldest first: one dot per step, coloured and labelled by status (a bigger
    dot where the status moved), with a title that reads the whole line to a screen reader."""
    row = 34
    points = [
        {"y": 18 + i * row, "date": when, "status": status, "colour": COLOURS[status],
         "moved": i > 0 and steps[i - 1][1] != status}
        for i, (when, status) in enumerate(steps)
    ]
    return Markup(env.get_template("timeline.html").render(points=points, height=row * len(steps) + 8, id=id, what=what))


def story_timeline(briefings: list[Briefing], env) -> Markup:
    """The story drawn oldest first: every step of each briefing's history (its status alone, without one)."""
    steps = [(move.date, move.status) for b in briefings for move in b.moves]
    return status_timeline(steps, env, "timeline-title", "How the story's status moved")


def history_timeline(b: Briefing, env) -> Markup:
    return status_timeline([(move.date, move.status) for move in b.moves], env, "history-title",
                           "How the claim's status moved")


CHAIN_COLUMN, CHAIN_ROW, CHAIN_BOX = 190, 40, (150, 26)  # px: a column per step from the originators
CHAIN_NAME = 20  # characters of a name in its box; the whole name is in the node's <title>


def chain_graph(chain, env) -> Markup:
    """Who cites whom in one briefing: outlets as boxes, each `via` an arrow from the relay to the outlet
    it cites, originators in the first column and marked (a thick border and ★, not colour alone)."""
    levels = chain.levels()
    columns: dict[int, list[str]] = {}
    for key in chain.names:
        columns.setdefault(levels[key], []).append(key)
    w, h = CHAIN_BOX
    where = {}
    for level, keys in sorted(columns.items()):
        for row, key in enumerate(keys):
            where[key] = (8 + level * CHAIN_COLUMN, 8 + row * CHAIN_ROW)
    nodes = [{"key": key, "x": x, "y": y, "name": chain.names[key], "origin": key in chain.originators,
              "shown": _cut(chain.names[key], CHAIN_NAME)} for key, (x, y) in where.items()]
    arrows = []
    for relay, cited in chain.cites:
        (x1, y1), (x2, y2) = where[relay], where[cited]
        if x1 > x2:  # back to an earlier column: from the relay's left edge to the cited box's right edge
            start, end = (x1, y1 + h / 2), (x2 + w + 6, y2 + h / 2)
        else:  # a via in a circle, or to a box in the same column: around the side
            start, end = (x1 + w / 2, y1 + h), (x2 + w / 2, y2 - 6 if y2 > y1 else y2 + h + 6)
        arrows.append({"x1": start[0], "y1": start[1], "x2": end[0], "y2": end[1],
                       "label": f"{chain.names[relay]} cites {chain.names[cited]}"})
    width = 16 + (max(levels.values(), default=0)) * CHAIN_COLUMN + w
    height = 16 + (max(len(k) for k in columns.values()) - 1) * CHAIN_ROW + h
    return Markup(env.get_template("chain.html").render(chain=chain, nodes=nodes, arrows=arrows, width=width,
                                                        height=height, box=CHAIN_BOX))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
