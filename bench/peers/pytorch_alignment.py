"""The PyTorch peer of `Samsara.Bench alignment`: the same SFT, DPO or SAMI optimizer step as Samsara's recipes
(same model, data, batch Q, micro-batch M, AdamW, right-padded batches, one forward per micro-batch), written
plainly in PyTorch eager. Prints {"step_seconds": median, "peak_rss_mb": …, "losses": […]}.

usage: pytorch_alignment.py ALGO MODEL_DIR DATA.jsonl Q M STEPS THREADS
"""
import json
import os
import resource
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "python"))
import reference_llama  # noqa: E402
import peer_runtime  # noqa: E402  (this script's folder is on the path)

BOS, EOS, PAD = 256, 257, 258


def training_prompt(c, q):
    return f"Assistant System Instructions: {c}\n\nHuman: {q}\n\nAssistant:"


def batch_logprobs(config, params, pairs):
    """Summed and mean log-probs of responses (+EOS) after [BOS]+prompt, one right-padded forward pass."""
    seqs, starts = [], []
    for prompt, response in pairs:
        p = [BOS] + list(prompt.encode())
        seqs.append(p + list(response.encode()) + [EOS])
        starts.append(len(p))
    length = max(len(s) for s in seqs) - 1
    inputs = torch.full((len(seqs), length), PAD)
    targets = torch.zeros((len(seqs), length), dtype=torch.long)
    mask = torch.zeros((len(seqs), length))
    for i, s in enumerate(seqs):
        n = len(s) - 1
        inputs[i, :n] = torch.tensor(s[:-1])
        targets[i, :n] = torch.tensor(s[1:])
        mask[i, starts[i] - 1:n] = 1
    logits = reference_llama.forward(config, params, inputs)
    token = torch.log_softmax(logits.float(), -1).gather(-1, targets[..., None])[..., 0]
    total = (token * mask).sum(-1)
    return total, mask.sum(-1)


def main(algo, model_dir, data_path, q, m, steps, threads):
    q, m, steps = int(q), int(m), int(steps)
    peer_runtime.configure(threads)
    config, params = reference_llama.load(model_dir)
    reference = {k: v.clone() for k, v in params.items()}
    for t in params.values():
        t.requires_grad_(True)
    optimizer = torch.optim.AdamW(params.values(), lr=1e-6, weight_decay=0.0)
    with open(data_path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    times, losses = [], []
    for step in range(steps):
        batch = [rows[(step * q + k) % len(rows)] for k in range(q)]
        start = time.perf_counter()
        loss_value = 0.0
        if algo == "sft":
            step_tokens = sum(len(r["completion"].encode()) + 1 for r in batch)
        for i in range(0, q, m):
            micro = batch[i:i + m]
            if algo == "sft":
                total, _ = batch_logprobs(config, params, [(r["prompt"], r["completion"]) for r in micro])
                loss = -total.sum() / step_tokens
            elif algo == "dpo":
                pairs = [(r["prompt"], r["chosen"]) for r in micro] + [(r["prompt"], r["rejected"]) for r in micro]
                policy, _ = batch_logprobs(config, params, pairs)
                with torch.no_grad():
                    ref, _ = batch_logprobs(config, reference, pairs)
                n = len(micro)
                logits = (policy[:n] - ref[:n]) - (policy[n:] - ref[n:])
                loss = -torch.nn.functional.logsigmoid(0.1 * logits).sum() / q
            else:
                c = len(micro[0]["constitutions"])
                pairs = [(training_prompt(ci, r["prompt"]), yj) for r in micro for ci in r["constitutions"] for yj in r["responses"]]
                total, count = batch_logprobs(config, params, pairs)
                mat = (total / count).view(len(micro), c, c)
                labels = torch.arange(c)
                row = torch.stack([torch.nn.functional.cross_entropy(x, labels) for x in mat])
                col = torch.stack([torch.nn.functional.cross_entropy(x.t(), labels) for x in mat])
                loss = ((row + col) / 2).sum() / q
            loss.backward()
            loss_value += float(loss)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        times.append(time.perf_counter() - start)
        losses.append(loss_value)
    print(json.dumps({
        "step_seconds": statistics.median(times[2:] if len(times) > 3 else times),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "losses": losses,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:])
