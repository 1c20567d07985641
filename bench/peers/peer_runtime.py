"""Process settings every PyTorch peer of bench/Samsara.Bench applies before it measures anything."""
import torch


def configure(threads):
    """THREADS intra-op threads, as Samsara's side gets. Denormal floats flushed to zero: on random weights, PyTorch
    1.13's unfused attention (it has no scaled_dot_product_attention) produces denormals in its attention matmuls,
    which x86 cores handle in microcode, and those batched matmuls then ran 5x slower per FLOP than the model's other
    matmuls; flushing halved the profiled one-thread train step. Samsara runs
    without flushing (TorchSharp has no switch for it), so if anything this favours the peer; losses are unchanged
    (only values below 1.2e-38 are affected)."""
    torch.set_num_threads(int(threads))
    torch.set_flush_denormal(True)
