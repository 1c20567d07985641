"""An independent PyTorch reference of Hugging Face's LlamaForCausalLM, for Samsara's parity tests and benchmarks.

Written from the transformers modeling code's semantics (RMSNorm in fp32, rotate_half RoPE, repeat_kv for
grouped-query attention, SwiGLU MLP, tied or untied lm_head), with no Samsara code in it. Reads and writes
safetensors by hand (the safetensors package is not in Debian), so it also checks Samsara's file format.

Commands (run with Debian's /usr/bin/python3):
  logits  MODEL_DIR IDS_JSON OUT.f32            raw little-endian fp32 logits (B, T, V)
  grads   MODEL_DIR IDS_JSON OUT.safetensors    loss = mean next-token cross-entropy; writes loss and every grad
  greedy  MODEL_DIR PROMPT_IDS_JSON N           prints the N greedily generated ids (no EOS stop) as JSON
  init    CONFIG_JSON OUT_DIR SEED              a random checkpoint written by PyTorch (config.json + model.safetensors)
"""
import json
import math
import os
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64, "F64": torch.float64, "I32": torch.int32}
NAMES = {v: k for k, v in DTYPES.items()}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = bytearray(data[base + begin:base + end])
        dtype = DTYPES[info["dtype"]]
        flat = torch.frombuffer(raw, dtype=dtype) if len(raw) else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    blob = json.dumps(header).encode()
    blob += b" " * ((8 - len(blob) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        for c in chunks:
            f.write(c)


def load(model_dir, dtype=torch.float32):
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    index = os.path.join(model_dir, "model.safetensors.index.json")
    params = {}
    if os.path.exists(index):
        with open(index) as f:
            for shard in sorted(set(json.load(f)["weight_map"].values())):
                params.update(read_safetensors(os.path.join(model_dir, shard)))
    else:
        params = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    return config, {k: v.to(dtype) for k, v in params.items()}


def accumulation_dtype(dtype):
    """fp32 for fp32 and the half types, as transformers computes norms and RoPE; fp64 for an fp64 model, which
    transformers would cast down to fp32 (costing only precision; fp64 runs are the exact reference for optimizers)."""
    return torch.float64 if dtype == torch.float64 else torch.float32


def inverse_frequencies(config, dtype=torch.float32):
    head_dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    base = config.get("rope_theta", 10000.0)
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.int64).to(dtype) / head_dim))
    scaling = config.get("rope_scaling")
    if scaling and scaling.get("rope_type", scaling.get("type")) == "llama3":
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        wavelen = 2 * math.pi / inv_freq
        scaled = torch.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        inv_freq = torch.where(medium, smoothed, scaled)
    elif scaling and scaling.get("rope_type", scaling.get("type")) == "linear":
        inv_freq = inv_freq / scaling["factor"]
    return inv_freq


def rms_norm(x, weight, eps):
    dtype = x.dtype
    x = x.to(accumulation_dtype(dtype))
    x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
    return weight * x.to(dtype)


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def repeat_kv(x, n_rep):
    b, kv, s, d = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, kv, n_rep, s, d).reshape(b, kv * n_rep, s, d)


def forward(config, p, ids, cache=None, start=0, fused_attention=False):
    """Logits (B, T, V) for ids (B, T) at positions start.., with an optional per-layer [k, v] cache list.
    fused_attention uses torch's scaled_dot_product_attention (PyTorch >= 2.0), as transformers' "sdpa" does."""
    b, t = ids.shape
    h, kvh = config["num_attention_heads"], config.get("num_key_value_heads", config["num_attention_heads"])
    d = config.get("head_dim") or config["hidden_size"] // h
    eps = config.get("rms_norm_eps", 1e-6)
    dtype = p["model.embed_tokens.weight"].dtype
    positions = torch.arange(start, start + t, device=ids.device).unsqueeze(0).expand(b, t)
    rope_dtype = accumulation_dtype(dtype)
    inv_freq = inverse_frequencies(config, rope_dtype).to(ids.device)
    freqs = (inv_freq[None, :, None].expand(b, -1, 1) @ positions[:, None, :].to(rope_dtype)).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos()[:, None].to(dtype), emb.sin()[:, None].to(dtype)
    x = torch.nn.functional.embedding(ids, p["model.embed_tokens.weight"])
    for i in range(config["num_hidden_layers"]):
        pre = f"model.layers.{i}."
        a = rms_norm(x, p[pre + "input_layernorm.weight"], eps)
        q = torch.nn.functional.linear(a, p[pre + "self_attn.q_proj.weight"], p.get(pre + "self_attn.q_proj.bias")).view(b, t, h, d).transpose(1, 2)
        k = torch.nn.functional.linear(a, p[pre + "self_attn.k_proj.weight"], p.get(pre + "self_attn.k_proj.bias")).view(b, t, kvh, d).transpose(1, 2)
        v = torch.nn.functional.linear(a, p[pre + "self_attn.v_proj.weight"], p.get(pre + "self_attn.v_proj.bias")).view(b, t, kvh, d).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        if cache is not None:
            if len(cache) > i:
                k, v = torch.cat([cache[i][0], k], 2), torch.cat([cache[i][1], v], 2)
                cache[i] = [k, v]
            else:
                cache.append([k, v])
        k, v = repeat_kv(k, h // kvh), repeat_kv(v, h // kvh)
        s = k.shape[2]
        causal = torch.ones(t, s, dtype=torch.bool, device=ids.device).tril(s - t)
        if fused_attention:
            y = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=None if t == s or t == 1 else causal, is_causal=t == s and t > 1)
        else:
            scores = (q @ k.transpose(2, 3) / math.sqrt(d)).masked_fill(~causal, float("-inf"))
            y = torch.softmax(scores.to(accumulation_dtype(q.dtype)), dim=-1).to(q.dtype) @ v
        y = y.transpose(1, 2).reshape(b, t, h * d)
        x = x + torch.nn.functional.linear(y, p[pre + "self_attn.o_proj.weight"], p.get(pre + "self_attn.o_proj.bias"))
        m = rms_norm(x, p[pre + "post_attention_layernorm.weight"], eps)
        gate = torch.nn.functional.linear(m, p[pre + "mlp.gate_proj.weight"], p.get(pre + "mlp.gate_proj.bias"))
        up = torch.nn.functional.linear(m, p[pre + "mlp.up_proj.weight"], p.get(pre + "mlp.up_proj.bias"))
        x = x + torch.nn.functional.linear(torch.nn.functional.silu(gate) * up, p[pre + "mlp.down_proj.weight"], p.get(pre + "mlp.down_proj.bias"))
    x = rms_norm(x, p["model.norm.weight"], eps)
    head = p["model.embed_tokens.weight"] if config.get("tie_word_embeddings", False) else p["lm_head.weight"]
    return torch.nn.functional.linear(x, head)


def main(argv):
    torch.set_num_threads(1)
    command = argv[1]
    if command == "logits":
        config, p = load(argv[2])
        ids = torch.tensor(json.loads(argv[3]), dtype=torch.int64)
        with torch.no_grad():
            logits = forward(config, p, ids)
        with open(argv[4], "wb") as f:
            f.write(logits.contiguous().numpy().astype("<f4").tobytes())
    elif command == "grads":
        config, p = load(argv[2])
        for t in p.values():
            t.requires_grad_(True)
        ids = torch.tensor(json.loads(argv[3]), dtype=torch.int64)
        logits = forward(config, p, ids[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
        loss.backward()
        out = {"loss": loss.detach().reshape([])}
        out.update({"grad." + k: t.grad for k, t in p.items()})
        write_safetensors(argv[4], out)
    elif command == "greedy":
        config, p = load(argv[2])
        ids = torch.tensor([json.loads(argv[3])], dtype=torch.int64)
        cache, generated, start = [], [], 0
        with torch.no_grad():
            for _ in range(int(argv[4])):
                logits = forward(config, p, ids, cache, start)
                start += ids.shape[1]
                ids = logits[:, -1].argmax(-1, keepdim=True)
                generated.append(int(ids[0, 0]))
        print(json.dumps(generated))
    elif command == "init":
        with open(argv[2]) as f:
            config = json.load(f)
        torch.manual_seed(int(argv[4]))
        h, kvh = config["num_attention_heads"], config.get("num_key_value_heads", config["num_attention_heads"])
        e, f_, v, layers = config["hidden_size"], config["intermediate_size"], config["vocab_size"], config["num_hidden_layers"]
        d = config.get("head_dim") or e // h
        std = config.get("initializer_range", 0.02)
        p = {"model.embed_tokens.weight": torch.randn(v, e) * std}
        for i in range(layers):
            pre = f"model.layers.{i}."
            p[pre + "input_layernorm.weight"] = 1 + 0.1 * torch.randn(e)
            p[pre + "self_attn.q_proj.weight"] = torch.randn(h * d, e) * std
            p[pre + "self_attn.k_proj.weight"] = torch.randn(kvh * d, e) * std
            p[pre + "self_attn.v_proj.weight"] = torch.randn(kvh * d, e) * std
            p[pre + "self_attn.o_proj.weight"] = torch.randn(e, h * d) * std
            p[pre + "post_attention_layernorm.weight"] = 1 + 0.1 * torch.randn(e)
            p[pre + "mlp.gate_proj.weight"] = torch.randn(f_, e) * std
            p[pre + "mlp.up_proj.weight"] = torch.randn(f_, e) * std
            p[pre + "mlp.down_proj.weight"] = torch.randn(e, f_) * std
        p["model.norm.weight"] = 1 + 0.1 * torch.randn(e)
        if not config.get("tie_word_embeddings", False):
            p["lm_head.weight"] = torch.randn(v, e) * std
        os.makedirs(argv[3], exist_ok=True)
        write_safetensors(os.path.join(argv[3], "model.safetensors"), p)
        with open(os.path.join(argv[3], "config.json"), "w") as f:
            json.dump(config, f, indent=2)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
