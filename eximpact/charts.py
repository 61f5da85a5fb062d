"""Server-side SVG charts (pygal), inlined in pages: no JavaScript, no CDN, readable without colour.

pygal's own tooltips load a script from a CDN, so charts are rendered with no
scripts at all; every chart page also shows its numbers in a table.
"""

import re
import sys

import pygal
from markupsafe import Markup
from pygal.style import Style

# pygal appends a legacy sys.meta_path finder for its map plugins, which we do not use.
# Python 3.11 warns (ImportWarning) each time an import falls through to it, i.e. every
# optional import that is expected to fail (openpyxl probing for numpy, …); with
# warnings as errors those imports then crash. Take the finder out again.
sys.meta_path[:] = [
    finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"
]

# Each at least 4.5:1 against white (WCAG 2.1 AA), both ways: white text on the colour
# (badges, timeline bars) and the colour as text on white (timeline lanes). Same as app.css.
PILLAR_COLOURS = {
    "inform": "#1c5fbf",
    "inspire": "#7b33c2",
    "instruct": "#9a4a00",
    "engage": "#1b7a43",
    "reward": "#b83232",
}
PALETTE = ("#1f4e79", "#2f80ed", "#27ae60", "#f2994a", "#9b51e0", "#eb5757", "#56ccf2", "#6c757d")

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    opacity=".9",
    opacity_hover="1",
    colors=PALETTE,
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    title_font_size=14,
    value_font_size=11,
)


def chart_config(**overrides) -> dict:
    """Options every chart shares; callers add their own."""
    return {
        "style": STYLE,
        "js": [],  # no scripts: the CSP forbids them and there is no CDN
        "disable_xml_declaration": True,
        "explicit_size": False,
        "height": 320,
        "width": 800,
        "legend_at_bottom": True,
        "print_values": False,
        "show_y_guides": True,
        "truncate_legend": 40,
        "no_data_text": "No data yet",
        **overrides,
    }


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def render(chart) -> Markup:
    """The chart as inline SVG markup, safe to put in a template.

    pygal escapes labels and values; it also embeds a config <script> even with
    no scripts asked for, which we strip (the page allows no inline script).
    """
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    return Markup(svg)  # noqa: S704


def whole_number_labels(series: dict[str, list]) -> list[int]:
    """Y labels for counts: whole numbers only, about six of them."""
    top = max((value or 0 for values in series.values() for value in values), default=0)
    step = max(1, -(-int(top) // 6))
    return list(range(0, int(top) + step + 1, step))


def bar(
    title: str,
    labels: list[str],
    series: dict[str, list],
    colours=None,
    counts: bool = False,
    **options,
) -> Markup:
    """A bar chart; `counts` puts whole numbers on the y axis."""
    if counts:
        options.setdefault("y_labels", whole_number_labels(series))
    chart = pygal.Bar(**chart_config(title=title, **options))
    if colours:
        chart.config.style = Style(**{**STYLE.to_dict(), "colors": tuple(colours)})
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return render(chart)


def horizontal_bar(title: str, labels: list[str], series: dict[str, list], **options) -> Markup:
    chart = pygal.HorizontalBar(**chart_config(title=title, **options))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return render(chart)


def line(title: str, labels: list[str], series: dict[str, list], **options) -> Markup:
    chart = pygal.Line(**chart_config(title=title, x_label_rotation=30, **options))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return render(chart)


def scatter(title: str, series: dict[str, list[tuple]], **options) -> Markup:
    """An XY scatter (points only); the page lists the same points in a table."""
    chart = pygal.XY(**chart_config(title=title, stroke=False, show_legend=False, **options))
    for name, points in series.items():
        chart.add(name, points)
    return render(chart)
