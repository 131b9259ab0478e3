"""The selection helper: solve time and what the balance costs, at the summit's size.

Makes up, for each --seed, the reference call's candidates (700 reviewed
proposals in five formats, eight tracks, three languages, a third led by
civil society, half co-led, 300 organisations) and runs
`cosummit.review.selection.select_proposals` with every balance rule on, as
an organiser would ask for 300 sessions. No database, no Django.

    .venv/bin/python bench/selection.py --seed 1 2 3
    .venv/bin/python bench/selection.py --seed 1 --time-limit 3
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cosummit.review.selection import (  # noqa: E402
    Candidate,
    NoSelection,
    SelectionRules,
    select_proposals,
)

FORMATS = {"lecture": 0.35, "round_table": 0.2, "workshop": 0.3, "pitch": 0.1, "external": 0.05}
SLOTS = {"lecture": 110, "round_table": 60, "workshop": 90, "pitch": 30, "external": 10}
TRACKS = [f"track-{number}" for number in range(8)]
LANGUAGES = ["en", "fr", "es"]


def candidates(seed: int, count: int) -> list[Candidate]:
    rng = random.Random(seed)
    organisations = [f"Organisation {number}" for number in range(300)]
    found = []
    for number in range(count):
        civil_society_led = rng.random() < 0.35
        found.append(
            Candidate(
                id=number,
                score=round(rng.triangular(10, 95, 60), 2),
                format=rng.choices(list(FORMATS), weights=list(FORMATS.values()))[0],
                track=rng.choices(TRACKS, weights=[8, 6, 5, 4, 3, 2, 2, 1])[0],
                language=rng.choices(LANGUAGES, weights=[6, 3, 1])[0],
                civil_society_led=civil_society_led,
                co_led=rng.random() < 0.5,
                organisations=tuple(rng.sample(organisations, rng.randint(1, 3))),
            )
        )
    return found


RULES = SelectionRules(
    slots_per_format=SLOTS,
    min_civil_society_share=0.4,
    min_co_led_share=0.55,
    max_per_organisation=4,
    min_per_track=15,
    max_track_share=0.2,
    min_per_language={"fr": 80, "es": 25},
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, nargs="+", default=[1])
    parser.add_argument("--candidates", type=int, default=700)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    for seed in args.seed:
        pool = candidates(seed, args.candidates)
        started = time.perf_counter()
        try:
            selection = select_proposals(pool, RULES, time_limit=args.time_limit)
        except NoSelection as refusal:
            print(f"seed {seed}: no selection ({refusal.code}): {refusal.reason}")
            continue
        seconds = time.perf_counter() - started
        cost = selection.balance_cost / selection.unconstrained_score * 100
        print(
            f"seed {seed}: {len(pool)} candidates, {len(selection.accepted)} accepted in "
            f"{seconds:.2f} s, {'proven optimal' if selection.is_optimal else 'NOT proven'}; "
            f"total score {selection.total_score:.1f}, "
            f"slots alone {selection.unconstrained_score:.1f}, "
            f"the balance costs {selection.balance_cost:.1f} ({cost:.2f} %); "
            f"civil-society-led {selection.civil_society_share:.0%}, "
            f"co-led {selection.co_led_share:.0%}"
        )


if __name__ == "__main__":
    main()
