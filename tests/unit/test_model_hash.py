"""Only our own models with a matching recorded hash are loaded (rasa_extensions/model_hash.py)."""

from __future__ import annotations

import pytest

from rasa_extensions.model_hash import UntrustedModel, record, verify


def test_recorded_model_passes_and_tampered_one_fails(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    model.write_bytes(b"model bytes")
    with pytest.raises(UntrustedModel, match="no recorded hash"):
        verify(model, models_dir=tmp_path)
    record(model)
    verify(model, models_dir=tmp_path)
    model.write_bytes(b"other bytes")
    with pytest.raises(UntrustedModel, match="does not match"):
        verify(model, models_dir=tmp_path)


def test_model_outside_the_models_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    model = elsewhere / "assistant.tar.gz"
    model.write_bytes(b"model bytes")
    record(model)
    with pytest.raises(UntrustedModel, match="not in"):
        verify(model, models_dir=tmp_path / "models")
