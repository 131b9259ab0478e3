"""The balance's grouped bar chart: geometry of bars, axis and labels."""

from cosummit.review.charts import LABEL_WIDTH, WIDTH, grouped_bar_chart, shorten


def test_bars_are_as_long_as_their_share_of_the_axis():
    chart = grouped_bar_chart(
        [("France", [(3, 60.0), (1, 25.0)]), ("Senegal", [(2, 40.0), (3, 75.0)])],
        ["Submitted", "Confirmed"],
    )
    plot = WIDTH - LABEL_WIDTH - 24

    assert [tick.value for tick in chart.ticks] == [0, 20, 40, 60, 80]
    assert [[bar.width for bar in row.bars] for row in chart.rows] == [
        [round(plot * 60 / 80, 2), round(plot * 25 / 80, 2)],
        [round(plot * 40 / 80, 2), round(plot * 75 / 80, 2)],
    ]
    assert [(bar.series_label, bar.count) for bar in chart.rows[1].bars] == [
        ("Submitted", 2),
        ("Confirmed", 3),
    ]


def test_small_shares_get_an_axis_in_tens():
    chart = grouped_bar_chart([("Media", [(1, 4.0)])], ["Submitted"])

    assert [tick.value for tick in chart.ticks] == [0, 10]


def test_an_empty_breakdown_draws_no_chart_and_zeros_draw_an_axis():
    assert grouped_bar_chart([], ["Submitted"]) is None
    assert [t.value for t in grouped_bar_chart([("x", [(0, 0.0)])], ["S"]).ticks] == [0, 10]


def test_long_names_are_shortened_in_the_drawing_only():
    chart = grouped_bar_chart([("A" * 40, [(1, 100.0)])], ["Submitted"])

    assert (chart.rows[0].label, chart.rows[0].short_label) == ("A" * 40, "A" * 29 + "…")
    assert shorten("Short") == "Short"
