#!/usr/bin/env python3
"""Generate reference fixtures for recall's Swift schedulers.

Runs seeded random review histories through the reference implementations
(py-fsrs `fsrs==6.3.2` and `anki-sm-2==0.2.0`) and writes, for every review,
the reference's full card state. The Swift tests replay the same histories and
compare number for number.

Usually run through the `generate-scheduler-fixtures` wrapper, which creates the
virtual environment. Output (compact JSON, one file per scheduler):

    Tests/RecallKitTests/Fixtures/scheduling/fsrs.json
    Tests/RecallKitTests/Fixtures/scheduling/sm2.json

Layout of each file:
    "configs":   scheduler settings, referenced by index from each history
    "histories": {"config": i, "start": epoch s, "reviews": [[rating, time, phase,
                  step, a, b, due], ...]} where (a, b) are (stability, difficulty)
                  for FSRS and (ease, interval days) for SM-2; times are UTC epoch
                  seconds; phase is 1 learning, 2 review, 3 relearning.
    "fuzz":      fuzz-on transitions: {"config": i, "before": [phase, step, a, b,
                  due, last review], "rating": r, "time": t, "unfuzzed": days,
                  "fuzzed": days} where "fuzzed" is the reference's own (random)
                  interval and "unfuzzed" what the same scheduler gives without fuzz.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import anki_sm_2
import fsrs

DAY = 86400
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_datetime(epoch_seconds: float) -> datetime:
    return EPOCH + timedelta(seconds=epoch_seconds)


def to_epoch(moment: datetime) -> float | int:
    """Exact epoch seconds: an int when whole, else a float with microseconds."""
    delta = moment - EPOCH
    microseconds = (delta.days * DAY + delta.seconds) * 1_000_000 + delta.microseconds
    if microseconds % 1_000_000 == 0:
        return microseconds // 1_000_000
    return microseconds / 1_000_000


# ---------------------------------------------------------------------------
# Review times: same instant, same day, the 24-hour boundary, early, on time,
# overdue, very overdue and a century late.


def next_review_time(rng: random.Random, last: int, due: float) -> int:
    scheduled = max(due - last, 1.0)
    roll = rng.random()
    if roll < 0.05:
        gap = 0
    elif roll < 0.15:
        gap = rng.randint(1, 3600)
    elif roll < 0.25:
        gap = rng.randint(3600, DAY - 1)
    elif roll < 0.30:
        gap = rng.choice([DAY - 1, DAY, DAY + 1, 2 * DAY - 1, 2 * DAY])
    elif roll < 0.55:
        gap = math.ceil(due - last)
    elif roll < 0.70:
        gap = int(rng.random() * scheduled)
    elif roll < 0.92:
        gap = math.ceil(due - last + rng.random() * 2 * scheduled)
    elif roll < 0.98:
        gap = math.ceil(due - last) + rng.randint(1, 10 * 365) * DAY + rng.randint(0, DAY)
    else:
        gap = 100 * 365 * DAY + rng.randint(0, DAY)
    return last + max(gap, 0)


def random_rating(rng: random.Random) -> int:
    if rng.random() < 0.3:
        return rng.randint(1, 4)
    return rng.choices([1, 2, 3, 4], weights=[15, 15, 55, 15])[0]


def random_start(rng: random.Random) -> int:
    # 2015-01-01 .. 2030-01-01, any second of the day.
    return rng.randint(1_420_070_400, 1_893_456_000)


# ---------------------------------------------------------------------------
# FSRS (py-fsrs 6.3.2)


def fsrs_default_config() -> dict:
    return {
        "parameters": list(fsrs.scheduler.DEFAULT_PARAMETERS),
        "desired_retention": 0.9,
        "learning_steps": [60, 600],
        "relearning_steps": [600],
        "maximum_interval": 36500,
    }


def fsrs_random_config(rng: random.Random) -> dict:
    lower = fsrs.scheduler.LOWER_BOUNDS_PARAMETERS
    upper = fsrs.scheduler.UPPER_BOUNDS_PARAMETERS
    defaults = fsrs.scheduler.DEFAULT_PARAMETERS
    if rng.random() < 0.7:
        # Near the defaults: realistic optimised weights.
        parameters = [
            min(max(d * rng.uniform(0.7, 1.3), lo), hi)
            for d, lo, hi in zip(defaults, lower, upper)
        ]
    else:
        # Anywhere inside the allowed box, to exercise the clamps.
        parameters = [rng.uniform(lo, hi) for lo, hi in zip(lower, upper)]
    return {
        "parameters": parameters,
        "desired_retention": rng.choice([0.9, 0.7, 0.8, 0.85, 0.95, 0.97, rng.uniform(0.7, 0.99)]),
        "learning_steps": rng.choice([[60, 600], [], [60], [90], [30, 300, 3600], [45, 600, 86400]]),
        "relearning_steps": rng.choice([[600], [], [300, 1200], [45]]),
        "maximum_interval": rng.choice([36500, 36500, 365, 30, 5]),
    }


def fsrs_scheduler(config: dict, fuzz: bool) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        parameters=config["parameters"],
        desired_retention=config["desired_retention"],
        learning_steps=[timedelta(seconds=s) for s in config["learning_steps"]],
        relearning_steps=[timedelta(seconds=s) for s in config["relearning_steps"]],
        maximum_interval=config["maximum_interval"],
        enable_fuzzing=fuzz,
    )


def fsrs_snapshot(card: fsrs.Card) -> list:
    return [
        int(card.state),
        card.step,
        card.stability,
        card.difficulty,
        to_epoch(card.due),
        to_epoch(card.last_review) if card.last_review else None,
    ]


def fsrs_history(rng: random.Random, scheduler: fsrs.Scheduler, length: int) -> tuple[int, list]:
    start = random_start(rng)
    card = fsrs.Card(card_id=1, due=to_datetime(start))
    time = start
    reviews = []
    for index in range(length):
        if index > 0:
            time = next_review_time(rng, time, to_epoch(card.due))
        rating = random_rating(rng)
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), to_datetime(time))
        state = fsrs_snapshot(card)
        reviews.append([rating, time, state[0], state[1], state[2], state[3], state[4]])
    return start, reviews


def fsrs_fuzz_transitions(rng: random.Random, config_index: int, config: dict, length: int) -> list:
    fuzzed_scheduler = fsrs_scheduler(config, fuzz=True)
    plain_scheduler = fsrs_scheduler(config, fuzz=False)
    start = random_start(rng)
    card = fsrs.Card(card_id=1, due=to_datetime(start))
    time = start
    transitions = []
    for index in range(length):
        if index > 0:
            time = next_review_time(rng, time, to_epoch(card.due))
        rating = fsrs.Rating(random_rating(rng))
        moment = to_datetime(time)
        plain, _ = plain_scheduler.review_card(card, rating, moment)
        fuzzed, _ = fuzzed_scheduler.review_card(card, rating, moment)
        if fuzzed.state == fsrs.State.Review:
            transitions.append({
                "config": config_index,
                "before": fsrs_snapshot(card),
                "rating": int(rating),
                "time": time,
                "unfuzzed": (plain.due - moment).days,
                "fuzzed": (fuzzed.due - moment).days,
            })
        card = fuzzed
    return transitions


def generate_fsrs(rng: random.Random, history_count: int) -> dict:
    configs = [fsrs_default_config()] + [fsrs_random_config(rng) for _ in range(40)]
    histories = []
    for index in range(history_count):
        # Most histories use the defaults; the rest spread over the other configs.
        config_index = 0 if index % 5 < 3 else rng.randrange(1, len(configs))
        scheduler = fsrs_scheduler(configs[config_index], fuzz=False)
        start, reviews = fsrs_history(rng, scheduler, rng.randint(1, 30))
        histories.append({"config": config_index, "start": start, "reviews": reviews})

    fuzz = []
    fuzz_configs = [0, len(configs)]
    configs.append({**fsrs_default_config(), "maximum_interval": 60})
    for index in range(120):
        config_index = fuzz_configs[index % len(fuzz_configs)]
        fuzz += fsrs_fuzz_transitions(rng, config_index, configs[config_index], rng.randint(5, 30))
    return {
        "reference": f"fsrs=={fsrs_version()}",
        "configs": configs,
        "histories": histories,
        "fuzz": fuzz,
    }


# ---------------------------------------------------------------------------
# SM-2 (anki-sm-2 0.2.0). That package always fuzzes review intervals; the
# subclass below switches fuzz off so the fixtures are deterministic.


class UnfuzzedSM2Scheduler(anki_sm_2.Scheduler):
    def _get_fuzzed_interval(self, interval: int) -> int:
        return interval


def sm2_default_config() -> dict:
    return {
        "learning_steps": [60, 600],
        "graduating_interval": 1,
        "easy_interval": 4,
        "relearning_steps": [600],
        "minimum_interval": 1,
        "maximum_interval": 36500,
        "starting_ease": 2.5,
        "easy_bonus": 1.3,
        "interval_modifier": 1.0,
        "hard_interval": 1.2,
        "new_interval": 0.0,
    }


def sm2_random_config(rng: random.Random) -> dict:
    return {
        "learning_steps": rng.choice([[60, 600], [], [60], [90], [30, 300, 3600], [45, 600, 86400]]),
        "graduating_interval": rng.choice([1, 1, 2, 3]),
        "easy_interval": rng.choice([4, 4, 5, 7]),
        "relearning_steps": rng.choice([[600], [], [300, 1200], [45]]),
        "minimum_interval": rng.choice([1, 1, 2]),
        "maximum_interval": rng.choice([36500, 36500, 365, 30]),
        "starting_ease": rng.choice([2.5, 2.5, 1.3, 2.0, 3.0]),
        "easy_bonus": rng.choice([1.3, 1.3, 1.5, 1.1]),
        "interval_modifier": rng.choice([1.0, 1.0, 0.8, 1.25]),
        "hard_interval": rng.choice([1.2, 1.2, 1.0, 1.5]),
        "new_interval": rng.choice([0.0, 0.0, 0.2, 0.5]),
    }


def sm2_scheduler(config: dict, fuzz: bool) -> anki_sm_2.Scheduler:
    kind = anki_sm_2.Scheduler if fuzz else UnfuzzedSM2Scheduler
    return kind(
        learning_steps=[timedelta(seconds=s) for s in config["learning_steps"]],
        graduating_interval=config["graduating_interval"],
        easy_interval=config["easy_interval"],
        relearning_steps=[timedelta(seconds=s) for s in config["relearning_steps"]],
        minimum_interval=config["minimum_interval"],
        maximum_interval=config["maximum_interval"],
        starting_ease=config["starting_ease"],
        easy_bonus=config["easy_bonus"],
        interval_modifier=config["interval_modifier"],
        hard_interval=config["hard_interval"],
        new_interval=config["new_interval"],
    )


def sm2_snapshot(card: anki_sm_2.Card, last_review: int | None) -> list:
    return [int(card.state), card.step, card.ease, card.current_interval, to_epoch(card.due), last_review]


def sm2_history(rng: random.Random, scheduler: anki_sm_2.Scheduler, length: int) -> tuple[int, list]:
    start = random_start(rng)
    card = anki_sm_2.Card(card_id=1, due=to_datetime(start))
    time = start
    reviews = []
    for index in range(length):
        if index > 0:
            time = next_review_time(rng, time, to_epoch(card.due))
        rating = random_rating(rng)
        card, _ = scheduler.review_card(card, anki_sm_2.Rating(rating), to_datetime(time))
        state = sm2_snapshot(card, time)
        reviews.append([rating, time, state[0], state[1], state[2], state[3], state[4]])
    return start, reviews


def sm2_fuzz_transitions(rng: random.Random, config_index: int, config: dict, length: int) -> list:
    fuzzed_scheduler = sm2_scheduler(config, fuzz=True)
    plain_scheduler = sm2_scheduler(config, fuzz=False)
    start = random_start(rng)
    card = anki_sm_2.Card(card_id=1, due=to_datetime(start))
    time = start
    last_review = None
    transitions = []
    for index in range(length):
        if index > 0:
            time = next_review_time(rng, time, to_epoch(card.due))
        rating = anki_sm_2.Rating(random_rating(rng))
        moment = to_datetime(time)
        plain, _ = plain_scheduler.review_card(card, rating, moment)
        fuzzed, _ = fuzzed_scheduler.review_card(card, rating, moment)
        if card.state == anki_sm_2.State.Review and fuzzed.state == anki_sm_2.State.Review:
            transitions.append({
                "config": config_index,
                "before": sm2_snapshot(card, last_review),
                "rating": int(rating),
                "time": time,
                "unfuzzed": plain.current_interval,
                "fuzzed": fuzzed.current_interval,
            })
        card = fuzzed
        last_review = time
    return transitions


def generate_sm2(rng: random.Random, history_count: int) -> dict:
    configs = [sm2_default_config()] + [sm2_random_config(rng) for _ in range(40)]
    histories = []
    for index in range(history_count):
        config_index = 0 if index % 5 < 3 else rng.randrange(1, len(configs))
        scheduler = sm2_scheduler(configs[config_index], fuzz=False)
        start, reviews = sm2_history(rng, scheduler, rng.randint(1, 30))
        histories.append({"config": config_index, "start": start, "reviews": reviews})

    fuzz = []
    fuzz_configs = [0, len(configs)]
    configs.append({**sm2_default_config(), "maximum_interval": 60, "new_interval": 0.5})
    for index in range(120):
        config_index = fuzz_configs[index % len(fuzz_configs)]
        fuzz += sm2_fuzz_transitions(rng, config_index, configs[config_index], rng.randint(5, 30))
    return {
        "reference": f"anki-sm-2=={sm2_version()}",
        "configs": configs,
        "histories": histories,
        "fuzz": fuzz,
    }


# ---------------------------------------------------------------------------


def fsrs_version() -> str:
    from importlib.metadata import version

    return version("fsrs")


def sm2_version() -> str:
    from importlib.metadata import version

    return version("anki-sm-2")


def main() -> int:
    repository_root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=repository_root / "Tests/RecallKitTests/Fixtures/scheduling",
        help="folder to write fsrs.json and sm2.json into",
    )
    parser.add_argument("--histories", type=int, default=600, help="histories per scheduler")
    parser.add_argument("--seed", type=int, default=20240601, help="seed for everything random")
    arguments = parser.parse_args()

    if fsrs_version() != "6.3.2" or sm2_version() != "0.2.0":
        print(f"expected fsrs 6.3.2 and anki-sm-2 0.2.0, found {fsrs_version()} and {sm2_version()}", file=sys.stderr)
        return 1

    # The references fuzz with the global `random` module: seed it too.
    random.seed(arguments.seed)
    arguments.output.mkdir(parents=True, exist_ok=True)
    for name, generate in (("fsrs.json", generate_fsrs), ("sm2.json", generate_sm2)):
        data = generate(random.Random(f"{arguments.seed}-{name}"), arguments.histories)
        path = arguments.output / name
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        reviews = sum(len(history["reviews"]) for history in data["histories"])
        print(f"{path}: {len(data['histories'])} histories, {reviews} reviews, {len(data['fuzz'])} fuzz transitions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
