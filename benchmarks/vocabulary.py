"""Vietnamese text for the bench data, recombined from the demo data's vocabulary.

Sentences, procedure names, sectors and agencies are read from `demo/data/` and shuffled
into new titles and bodies.
"""

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from demo.content import DATA_DIR

NEWS_SAMPLE_GLOB = "news/*.txt"
PROCEDURES_SAMPLE = Path("procedures") / "procedures-full.json"
# Frames for news titles; the slot takes a procedure name or a sentence fragment.
TITLE_FRAMES = [
    "Triển khai {}",
    "Hướng dẫn {}",
    "Hội nghị về {}",
    "Kết quả {} năm {year}",
    "Đẩy mạnh {}",
    "Thông báo về {}",
    "Tăng cường {} trên địa bàn",
    "Tổng kết {} quý {quarter}/{year}",
]


@dataclass(frozen=True)
class Vocabulary:
    sentences: list[str]
    procedures: list[dict]
    sectors: list[str]
    agencies: list[str]

    def news_title(self, rng: random.Random, year: int) -> str:
        source = rng.choice(self.procedures)["name"] if rng.random() < 0.5 else self._phrase(rng)
        frame = rng.choice(TITLE_FRAMES)
        subject = source[0].lower() + source[1:]
        return frame.format(subject, year=year, quarter=rng.randint(1, 4))[:250]

    def paragraph(self, rng: random.Random, sentences: int = 3) -> str:
        return " ".join(rng.choice(self.sentences) for _ in range(sentences))

    def _phrase(self, rng: random.Random) -> str:
        words = rng.choice(self.sentences).rstrip(".").split()
        start = rng.randrange(max(1, len(words) - 8))
        return " ".join(words[start : start + rng.randint(4, 8)])


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.;!?])\s+", " ".join(text.split()))
    return [part for part in parts if 40 <= len(part) <= 400]


def _texts(row: dict, *keys: str) -> list[str]:
    """The row's texts under `keys`; a national record's steps are a list of texts."""
    texts: list[str] = []
    for key in keys:
        value = row.get(key) or ""
        texts += [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return texts


def load_vocabulary(samples_dir: Path | None = None) -> Vocabulary:
    root = Path(samples_dir or DATA_DIR)
    procedures = json.loads((root / PROCEDURES_SAMPLE).read_text(encoding="utf-8"))["procedures"]
    sentences = []
    for path in sorted(root.glob(NEWS_SAMPLE_GLOB)):
        sentences += _sentences(path.read_text(encoding="utf-8"))
    for row in procedures:
        sentences += _sentences(" ".join(_texts(row, "dossier_text", "steps", "steps_text")))
    if not sentences or not procedures:
        raise FileNotFoundError(f"no sample text under {root}")
    return Vocabulary(
        sentences=sentences,
        procedures=procedures,
        sectors=sorted({row["sector"] for row in procedures}),
        agencies=sorted({row["agency"] for row in procedures}),
    )
