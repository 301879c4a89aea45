"""Checks recall's exports with the real tools, and records what Anki saw.

Run through scripts/interop-export, which makes the venv and the sample exports:

  (a) reviews.csv (FSRS optimizer format) is read the way fsrs-rs-python's own
      train_csv example reads it, and fsrs-rs-python trains parameters from it;
  (b) sample.apkg is imported by the `anki` package into a fresh collection, and also
      opened directly; both views must agree on notes, cards, due dates and review log.

What Anki saw is written to <fixtures>/anki-interop.json, which the Swift test
AnkiPackageExporterTests compares with the exporter's own output, so `swift test`
needs no Python.

Usage: interop-export.py SAMPLES_DIR FIXTURES_DIR
"""

import csv
import datetime
import json
import math
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections import defaultdict

DAY_START_HOUR = 4  # the sample exports use UTC and a 04:00 day start


def check_csv(folder):
    from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

    with open(os.path.join(folder, "reviews.csv"), newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["card_id", "review_time", "review_rating", "review_state", "review_duration"], reader.fieldnames
        rows = list(reader)
    with open(os.path.join(folder, "reviews.cards.csv"), newline="") as handle:
        mapping = {row["card_id"]: row["recall_card_id"] for row in csv.DictReader(handle)}
    assert rows, "no reviews"
    assert {row["card_id"] for row in rows} == set(mapping), "every card number must be mapped"
    for row in rows:
        assert int(row["review_rating"]) in (1, 2, 3, 4)
        assert int(row["review_state"]) in (0, 1, 2, 3)
        assert int(row["review_duration"]) >= 0
    # Each card's first review is in state 0 (new), as the optimizer expects.
    first = {}
    for row in rows:
        first.setdefault(row["card_id"], row)
    assert all(row["review_state"] == "0" for row in first.values())

    # As fsrs-rs-python's examples/train_csv.py: group by card, days from the day start.
    history = defaultdict(list)
    for row in rows:
        stamp = datetime.datetime.fromtimestamp(int(row["review_time"]) // 1000, tz=datetime.timezone.utc)
        history[row["card_id"]].append((stamp - datetime.timedelta(hours=DAY_START_HOUR), int(row["review_rating"])))
    items = []
    for reviews in history.values():
        reviews.sort(key=lambda pair: pair[0])
        last = reviews[0][0].date()
        so_far = []
        for stamp, rating in reviews:
            delta = (stamp.date() - last).days
            so_far.append(FSRSReview(rating, delta))
            if delta > 0:
                items.append(FSRSItem(list(so_far)))
            last = stamp.date()
    items = [item for item in items if item.long_term_review_cnt() > 0]
    fsrs = FSRS([])
    parameters = fsrs.compute_parameters(items)
    assert len(parameters) in (19, 21) and all(math.isfinite(value) for value in parameters), parameters
    evaluation = FSRS(parameters).evaluate(items)
    print(f"fsrs-rs-python: {len(rows)} reviews of {len(mapping)} cards -> {len(items)} training items")
    print(f"  trained {len(parameters)} parameters: {[round(value, 4) for value in parameters]}")
    print(f"  log loss {evaluation.log_loss:.4f}, RMSE(bins) {evaluation.rmse_bins:.4f}")
    return {"reviews": len(rows), "cards": len(mapping), "training_items": len(items), "parameters": len(parameters)}


def study_day(seconds):
    return (int(seconds) - DAY_START_HOUR * 3600) // 86400


def day_label(day):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=day)).isoformat()


def summarize(col, today_day):
    """The collection as plain data; dates made absolute so an import and the original agree."""
    today = col.sched.today
    models = {model["id"]: model["name"] for model in col.models.all()}
    notes = []
    guid_of = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        guid_of[note_id] = note.guid
        notes.append({"guid": note.guid, "notetype": models[note.mid], "fields": list(note.fields), "tags": sorted(note.tags)})
    notes.sort(key=lambda note: note["guid"])
    cards = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        entry = {"guid": guid_of[card.nid], "ord": card.ord, "type": card.type, "queue": card.queue, "ivl": card.ivl,
                 "factor": card.factor, "reps": card.reps, "lapses": card.lapses}
        if card.type == 2:
            entry["due"] = day_label(today_day + (card.due - today))  # review: a day
        elif card.type in (1, 3):
            entry["due"] = datetime.datetime.fromtimestamp(card.due, tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            entry["due"] = f"position {card.due}"
        memory = card.memory_state
        if memory is not None:
            entry["stability"] = round(memory.stability, 2)
            entry["difficulty"] = round(memory.difficulty, 2)
        cards.append(entry)
    cards.sort(key=lambda card: (card["guid"], card["ord"]))
    revlog = [
        {"id": row[0], "guid": row[1], "ord": row[2], "ease": row[3], "ivl": row[4], "lastIvl": row[5], "factor": row[6],
         "time": row[7], "type": row[8]}
        for row in col.db.all(
            "select r.id, n.guid, c.ord, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type "
            "from revlog r join cards c on c.id = r.cid join notes n on n.id = c.nid order by r.id")
    ]
    decks = sorted(deck.name for deck in col.decks.all_names_and_ids() if deck.name != "Default")
    return {"counts": {"notes": len(notes), "cards": len(cards), "revlog": len(revlog)},
            "decks": decks, "notes": notes, "cards": cards, "revlog": revlog}


def check_apkg(folder, fixtures):
    import anki
    import anki.buildinfo
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    package = os.path.join(folder, "sample.apkg")
    with zipfile.ZipFile(package) as archive:
        names = sorted(archive.namelist())
        assert names == ["collection.anki2", "media"], names
        assert archive.read("media") == b"{}"
    work = tempfile.mkdtemp(prefix="recall-anki-")
    try:
        today_day = study_day(time.time())
        # 1. Import into a fresh collection, as a learner moving to Anki would.
        col = Collection(os.path.join(work, "fresh.anki2"))
        request = ImportAnkiPackageRequest(package_path=package, options=ImportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, merge_notetypes=True))
        result = col.import_anki_package(request)
        imported = summarize(col, today_day)
        log = result.log
        assert len(log.new) == imported["counts"]["notes"], (len(log.new), imported["counts"])
        col.close()
        # 2. Open the packaged collection itself (Anki upgrades the copy to its current schema).
        with zipfile.ZipFile(package) as archive:
            archive.extract("collection.anki2", work)
        direct_path = os.path.join(work, "direct.anki2")
        os.rename(os.path.join(work, "collection.anki2"), direct_path)
        col = Collection(direct_path)
        direct = summarize(col, today_day)
        col.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # Opening an old collection directly starts a new day there, which unburies buried cards.
    for card in direct["cards"]:
        twin = next(other for other in imported["cards"] if (other["guid"], other["ord"]) == (card["guid"], card["ord"]))
        if twin["queue"] == -3 and card["queue"] == {1: 1, 2: 2, 3: 1}.get(card["type"], 0):
            card["queue"] = -3
    for key in ("counts", "decks", "notes", "cards", "revlog"):
        assert imported[key] == direct[key], f"import and direct open disagree on {key}"
    counts = imported["counts"]
    assert counts["notes"] > 0 and counts["cards"] >= counts["notes"] and counts["revlog"] > 0, counts
    print(f"anki {anki.buildinfo.version}: imported {counts['notes']} notes, "
          f"{counts['cards']} cards, {counts['revlog']} review log rows; direct open agrees")
    for card in imported["cards"]:
        print(f"  {card['guid']} c{card['ord'] + 1}: type {card['type']} queue {card['queue']} due {card['due']} "
              f"ivl {card['ivl']} reps {card['reps']} lapses {card['lapses']}")
    fixture = {"source": "scripts/interop-export: sample.apkg imported by the anki package",
               "collection": {key: imported[key] for key in ("counts", "decks", "notes", "cards", "revlog")}}
    os.makedirs(fixtures, exist_ok=True)
    path = os.path.join(fixtures, "anki-interop.json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {path}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    samples, fixtures = sys.argv[1], sys.argv[2]
    check_csv(samples)
    check_apkg(samples, fixtures)
    print("interop: all checks passed")


if __name__ == "__main__":
    main()
