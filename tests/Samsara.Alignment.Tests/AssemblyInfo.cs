// Native state (the live-tensor counter, the seed, grad mode) is process-wide: run these tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
