"""The PyTorch peer of bench/Samsara.Bench: the same Llama (tests/python/reference_llama.py), the same checkpoint,
the same token ids and threads; eager mode, as transformers runs it. Prints one JSON object.

usage: pytorch_llama.py MODEL_DIR IDS.json THREADS DEVICE DTYPE STEPS WARMUP PROMPT_LEN GEN_TOKENS
"""
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "python"))
import reference_llama  # noqa: E402
import peer_runtime  # noqa: E402  (this script's folder is on the path)


def sync(device):
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def main(model_dir, ids_path, threads, device, dtype, steps, warmup, prompt_len, gen_tokens):
    peer_runtime.configure(threads)
    dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[dtype]
    config, params = reference_llama.load(model_dir)
    params = {k: v.to(device=device, dtype=dtype) for k, v in params.items()}
    with open(ids_path) as f:
        ids = torch.tensor(json.load(f), dtype=torch.int64, device=device)
    fused = hasattr(torch.nn.functional, "scaled_dot_product_attention")

    for t in params.values():
        t.requires_grad_(True)
    times, cpu_times = [], []
    for step in range(int(warmup) + int(steps)):
        sync(device)
        start, cpu_start = time.perf_counter(), time.process_time()
        logits = reference_llama.forward(config, params, ids[:, :-1], fused_attention=fused).float()
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
        loss.backward()
        for t in params.values():
            t.grad = None
        sync(device)
        if step >= int(warmup):
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)

    for t in params.values():
        t.requires_grad_(False)
    prompt = ids[:, : int(prompt_len)]
    gen_times = []
    with torch.no_grad():
        for step in range(3):
            sync(device)
            start = time.perf_counter()
            cache, tokens, position = [], prompt, 0
            for _ in range(int(gen_tokens)):
                logits = reference_llama.forward(config, params, tokens, cache, position, fused_attention=fused)
                position += tokens.shape[1]
                tokens = logits[:, -1].float().argmax(-1, keepdim=True)
            sync(device)
            gen_times.append(time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "fused_attention": fused,
        "step_seconds": statistics.median(times),
        "step_cpu_seconds": statistics.median(cpu_times),
        "loss": float(loss),
        "generated_tokens": int(gen_tokens) * prompt.shape[0],
        "generation_seconds": min(gen_times),
    }))


if __name__ == "__main__":
    main(*sys.argv[1:])
