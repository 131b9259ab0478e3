"""The jury's arithmetic: weighted averages of scores on each criterion's scale, and ranks."""

from cosummit.hackathon.jury import Mark, Scale, compute_results

IMPACT = Scale(criterion_id=1, weight=2, min_score=0, max_score=5)
DESIGN = Scale(criterion_id=2, weight=1, min_score=1, max_score=10)


def test_the_score_is_the_weighted_average_of_shares_of_each_scale_out_of_100():
    marks = [Mark(10, 100, 1, 5), Mark(10, 100, 2, 1), Mark(10, 101, 1, 3), Mark(10, 101, 2, 10)]

    [result] = compute_results([IMPACT, DESIGN], marks, [10])

    # Impact: mean 4 of 0–5 = 0.8, weight 2; design: mean 5.5 of 1–10 = 0.5, weight 1.
    assert (result.score, result.rank, result.jurors) == (70.0, 1, 2)
    assert result.criterion_means == {1: 4.0, 2: 5.5}


def test_projects_are_ranked_best_first_and_equal_scores_share_a_rank():
    marks = [Mark(10, 1, 1, 2), Mark(11, 1, 1, 5), Mark(12, 1, 1, 2), Mark(13, 1, 1, 0)]

    results = compute_results([IMPACT], marks, [10, 11, 12, 13, 14])

    assert [(r.project_id, r.score, r.rank) for r in results] == [
        (11, 100.0, 1),
        (10, 40.0, 2),
        (12, 40.0, 2),
        (13, 0.0, 4),
        (14, None, None),
    ]


def test_a_criterion_nobody_scored_is_left_out_rather_than_counted_as_zero():
    [result] = compute_results([IMPACT, DESIGN], [Mark(10, 1, 2, 10)], [10])

    assert result.score == 100.0


def test_scores_on_an_unknown_criterion_are_ignored():
    [result] = compute_results([IMPACT], [Mark(10, 1, 99, 3)], [10])

    assert (result.score, result.rank, result.jurors) == (None, None, 0)
