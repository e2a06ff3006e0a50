"""`make margins`: how sure the trained model is of each user message in the test stories.

The test stories send their own phrasings (not training examples) through the NLU, so a data
change can tip one of them over to another intent and fail `make stories` (and CI). This
prints every story message read as the wrong intent or with a thin lead over the runner-up,
weakest first, so such a message can be strengthened (with new training examples like it)
before CI finds it. Exits 1 when any message is read as the wrong intent.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from ops.stack import ROOT

STORIES = ROOT / "tests" / "test_stories"
MODEL = ROOT / "models" / "assistant.tar.gz"
THIN_LEAD = 0.5


def story_messages(folder: Path = STORIES) -> Iterator[tuple[str, str]]:
    """(text, intent) of every user step of the test stories, each once."""
    seen = set()
    for path in sorted(folder.glob("*.yml")):
        for story in yaml.safe_load(path.read_text()).get("stories", []):
            for step in story["steps"]:
                pair = (str(step.get("user", "")).strip(), step.get("intent"))
                if pair[0] and pair not in seen:
                    seen.add(pair)
                    yield pair


async def leads(model: Path) -> list[tuple[float, str, str, str]]:
    """(lead of the expected intent over the best other one, text, expected, read as)."""
    from rasa.core.agent import Agent  # slow to import: only when the script runs
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # else each parse is logged, text and all
    agent = Agent.load(str(model))
    rows = []
    for text, intent in story_messages():
        ranking = (await agent.parse_message(text))["intent_ranking"]
        expected = next((r["confidence"] for r in ranking if r["name"] == intent), 0.0)
        best_other = max((r["confidence"] for r in ranking if r["name"] != intent), default=0.0)
        rows.append((expected - best_other, text, intent, ranking[0]["name"]))
    return sorted(rows)


def main() -> int:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    rows = asyncio.run(leads(MODEL))
    weak = [row for row in rows if row[0] < THIN_LEAD]
    for lead, text, intent, read_as in weak:
        verdict = "WRONG" if read_as != intent else "thin"
        print(f"{verdict:5} lead {lead:+.2f}  {intent:24} read as {read_as:24} {text!r}")
    wrong = sum(1 for row in weak if row[3] != row[2])
    print(f"{len(rows)} story messages: {wrong} read as the wrong intent, "
          f"{len(weak) - wrong} with a lead under {THIN_LEAD}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
