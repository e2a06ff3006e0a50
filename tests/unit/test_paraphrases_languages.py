"""ops/paraphrases.py scores each language's paraphrase set on its own (tests/nlu/<lang>/)."""

from __future__ import annotations

import yaml

from ops.paraphrases import TARGET, TARGETS, masked_copy, paraphrase_sets, report_lines


def nlu(path, intent, *examples):
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": [
        {"intent": intent, "examples": "".join(f"- {e}\n" for e in examples)}
    ]}), encoding="utf-8")  # fmt: skip


def test_each_language_folder_is_a_set_of_its_files(tmp_path):
    nlu(tmp_path / "paraphrases.yml", "greet", "hi")
    (tmp_path / "es").mkdir()
    nlu(tmp_path / "es" / "b.yml", "greet", "hola")
    nlu(tmp_path / "es" / "a.yml", "thank", "gracias")
    (tmp_path / "pt").mkdir()  # no files yet: no set
    assert paraphrase_sets(tmp_path) == {
        "en": [tmp_path / "paraphrases.yml"],
        "es": [tmp_path / "es" / "a.yml", tmp_path / "es" / "b.yml"],
    }


def test_several_files_are_scored_as_one_masked_set(tmp_path):
    nlu(tmp_path / "a.yml", "greet", "hola")
    nlu(tmp_path / "b.yml", "share_sensitive_info", "mi seguro social es 123-45-6789")
    target = tmp_path / "masked.yml"
    assert masked_copy([tmp_path / "a.yml", tmp_path / "b.yml"], target) == 2
    blocks = yaml.safe_load(target.read_text(encoding="utf-8"))["nlu"]
    assert [block["intent"] for block in blocks] == ["greet", "share_sensitive_info"]
    assert blocks[1]["examples"] == "- mi seguro social es [SSN removed]\n"


def test_english_keeps_its_target_and_each_language_has_its_own():
    assert TARGETS["en"] == TARGET == 0.95
    assert TARGETS == {"en": 0.95, "es": 0.95, "pt": 0.95}  # every language is a gate


def test_the_report_names_the_language_and_its_target(tmp_path):
    (tmp_path / "intent_errors.json").write_text("[]")
    report = {"accuracy": 0.9, "macro avg": {"f1-score": 0.8}, "greet": {"f1-score": 0.9, "support": 3}}
    first = report_lines(report, tmp_path, "es")[0]
    assert first.startswith("[es] paraphrase intent accuracy 0.900 (")
    assert report_lines(report, tmp_path)[0].startswith("[en] paraphrase intent accuracy 0.900 (target >= 0.95)")
