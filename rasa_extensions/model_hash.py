"""Records a trained model's SHA-256 and checks it before a server loads the model.

Only models inside this project's `models/` folder, with a matching recorded hash, are run.
`python -m rasa_extensions.model_hash record models/assistant.tar.gz` is called right after training.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


class UntrustedModel(RuntimeError):
    """The model is outside models/, has no recorded hash, or does not match it."""


def hash_path(model: Path) -> Path:
    return model.with_name(model.name + ".sha256")


def sha256_of(model: Path) -> str:
    digest = hashlib.sha256()
    with model.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def record(model: Path) -> str:
    """Writes the model's hash beside it; returns the hash."""
    value = sha256_of(model)
    hash_path(model).write_text(value + "\n")
    return value


def verify(model: Path, models_dir: Path = MODELS_DIR) -> None:
    """Raises UntrustedModel unless `model` is in `models_dir` and matches its recorded hash.

    The messages name the model by its file name only: the HTTP API sends them to its caller, who
    need not learn where the server keeps its files.
    """
    model = model.resolve()
    if model.parent != models_dir.resolve():
        raise UntrustedModel(f"{model.name} is not in models/; only our own models are loaded")
    recorded = hash_path(model)
    if not recorded.exists():
        raise UntrustedModel(f"no recorded hash for {model.name}; train it with `make` first")
    try:
        matches = recorded.read_text().strip() == sha256_of(model)
    except OSError:
        raise UntrustedModel(f"{model.name} cannot be read") from None
    if not matches:
        raise UntrustedModel(f"{model.name} does not match its recorded hash; retrain it")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"record", "verify"}:
        print("usage: python -m rasa_extensions.model_hash record|verify MODEL", file=sys.stderr)
        return 2
    model = Path(argv[1])
    try:
        if argv[0] == "record":
            print(f"{record(model)}  {model}")
        else:
            verify(model)
    except UntrustedModel as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
