"""Trained models on disk: NAME.joblib beside its card NAME.json, written atomically."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from .dragnet import PROJECT_ROOT
from .errors import ClassifierError
from .output import atomic_write

MODELS_DIR = Path(os.environ.get("CLASSIFIER_MODELS", PROJECT_ROOT / "models"))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_paths(name: str, models_dir: Path = MODELS_DIR) -> tuple[Path, Path]:
    """(joblib, card) for a model name, or for a path to either file."""
    path = Path(name)
    if path.suffix in {".joblib", ".json"} or "/" in name:
        base = path.with_suffix("")
        return base.with_suffix(".joblib"), base.with_suffix(".json")
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ClassifierError(f"model name {name!r} may hold only letters, digits, - and _")
    return models_dir / f"{name}.joblib", models_dir / f"{name}.json"


def save_model(pipeline, card: dict, name: str, models_dir: Path = MODELS_DIR, force: bool = False) -> Path:
    """Write the model and its card; refuses to replace an existing model unless `force`."""
    import joblib

    model_path, card_path = model_paths(name, models_dir)
    if not force and (model_path.exists() or card_path.exists()):
        raise ClassifierError(f"model {model_path} already exists; pass --force to replace it or --name to pick another")
    atomic_write(model_path, lambda handle: joblib.dump(pipeline, handle, compress=3))
    card = {**card, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "model_file": model_path.name, "model_sha256": file_sha256(model_path)}
    text = json.dumps(card, indent=1, ensure_ascii=False) + "\n"
    atomic_write(card_path, lambda handle: handle.write(text.encode("utf-8")))
    return model_path


def load_card(name: str, models_dir: Path = MODELS_DIR) -> dict:
    model_path, card_path = model_paths(name, models_dir)
    if not card_path.is_file():
        raise ClassifierError(f"no model card {card_path}; train one with `classifier train --name {Path(name).stem}`")
    try:
        return json.loads(card_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ClassifierError(f"model card {card_path} is not valid JSON ({exc.msg}); retrain the model") from None


def load_model(name: str, models_dir: Path = MODELS_DIR):
    """(pipeline, card), after checking the joblib file is the one the card describes."""
    import joblib

    model_path, _ = model_paths(name, models_dir)
    card = load_card(name, models_dir)
    if not model_path.is_file():
        raise ClassifierError(f"no model file {model_path}; train one with `classifier train --name {model_path.stem}`")
    if file_sha256(model_path) != card.get("model_sha256"):
        raise ClassifierError(f"{model_path} does not match the sha256 in its card; retrain it with `classifier train --force`")
    return joblib.load(model_path), card
