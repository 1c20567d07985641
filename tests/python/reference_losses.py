"""Independent PyTorch computations of Samsara's SFT, DPO and SAMI step losses and gradient norms.

usage: reference_losses.py ALGO MODEL_DIR DATA.jsonl [BETA]
Prints {"loss": …, "grad_norm": …} for ONE optimizer step over ALL examples of DATA (the step's loss is the mean
over its queries for DPO and SAMI, the token-mean NLL for SFT). train_steps() runs several such steps with
torch.optim's AdamW or RMSprop, a linear warm-up and clip_grad_norm_, and prints every step's loss and norm. The model must use the byte tokenizer (ids are
UTF-8 bytes, BOS 256, EOS 257), so tokenisation here is independent of Samsara's.
"""
import json
import math
import sys

import torch

import reference_llama

BOS, EOS = 256, 257


def training_prompt(constitution, query):
    return f"Assistant System Instructions: {constitution}\n\nHuman: {query}\n\nAssistant:"


def response_logprobs(config, params, prompt, response):
    """Summed log-prob of the response bytes and EOS after [BOS] + prompt, and their count."""
    prompt_ids = [BOS] + list(prompt.encode("utf-8"))
    ids = prompt_ids + list(response.encode("utf-8")) + [EOS]
    logits = reference_llama.forward(config, params, torch.tensor([ids[:-1]]))[0]
    logprobs = torch.log_softmax(logits, dim=-1)
    targets = torch.tensor(ids[1:])
    token = logprobs.gather(-1, targets[:, None])[:, 0]
    scored = token[len(prompt_ids) - 1:]
    return scored.sum(), scored.numel()


def step_loss(algo, config, params, reference, rows, beta):
    if algo == "sft":
        total, count = 0.0, 0
        for r in rows:
            s, n = response_logprobs(config, params, r["prompt"], r["completion"])
            total, count = total + s, count + n
        return -total / count
    if algo == "dpo":
        beta = float(beta)
        losses = []
        for r in rows:
            pc, _ = response_logprobs(config, params, r["prompt"], r["chosen"])
            pr, _ = response_logprobs(config, params, r["prompt"], r["rejected"])
            with torch.no_grad():
                rc, _ = response_logprobs(config, reference, r["prompt"], r["chosen"])
                rr, _ = response_logprobs(config, reference, r["prompt"], r["rejected"])
            losses.append(-torch.nn.functional.logsigmoid(beta * ((pc - rc) - (pr - rr))))
        return torch.stack(losses).mean()
    if algo == "sami":
        losses = []
        for r in rows:
            cs, ys = r["constitutions"], r["responses"]
            m = torch.stack([torch.stack([(lambda s_n: s_n[0] / s_n[1])(response_logprobs(config, params, training_prompt(c, r["prompt"]), y))
                                          for y in ys]) for c in cs])
            labels = torch.arange(len(cs))
            row = torch.nn.functional.cross_entropy(m, labels)        # softmax over responses
            col = torch.nn.functional.cross_entropy(m.t(), labels)    # softmax over constitutions
            losses.append((row + col) / 2)
        return torch.stack(losses).mean()
    raise SystemExit(f"unknown algorithm {algo}")


def setup(model_dir, data_path, dtype="float32"):
    torch.set_num_threads(1)
    config, params = reference_llama.load(model_dir, getattr(torch, dtype))
    reference = {k: v.clone() for k, v in params.items()}
    for t in params.values():
        t.requires_grad_(True)
    with open(data_path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return config, params, reference, rows


def main(algo, model_dir, data_path, beta=None, dtype="float32"):
    config, params, reference, rows = setup(model_dir, data_path, dtype)
    loss = step_loss(algo, config, params, reference, rows, beta)
    loss.backward()
    grad_norm = math.sqrt(sum(float(t.grad.pow(2).sum()) for t in params.values() if t.grad is not None))
    print(json.dumps({"loss": float(loss), "grad_norm": grad_norm}))


def train_steps(algo, model_dir, data_path, beta, steps, optimizer, lr, warmup, clip, weight_decay, dtype="float32"):
    """STEPS optimizer steps over all of DATA each, as `samsara train --batch-queries <all>` takes them, with the
    model's weights in DTYPE ("float32" or "float64")."""
    config, params, reference, rows = setup(model_dir, data_path, dtype)
    trained = list(params.values())
    opt = (torch.optim.AdamW(trained, lr=lr, weight_decay=weight_decay) if optimizer == "adamw"
           else torch.optim.RMSprop(trained, lr=lr, alpha=0.99, eps=1e-8, weight_decay=weight_decay))
    losses, norms = [], []
    for step in range(1, steps + 1):
        for group in opt.param_groups:
            group["lr"] = lr * step / warmup if warmup > 0 and step <= warmup else lr
        loss = step_loss(algo, config, params, reference, rows, beta)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(trained, clip if clip > 0 else float("inf"))
        opt.step()
        opt.zero_grad(set_to_none=True)
        losses.append(float(loss))
        norms.append(float(norm))
    print(json.dumps({"losses": losses, "grad_norms": norms}))


if __name__ == "__main__":
    main(*sys.argv[1:])
