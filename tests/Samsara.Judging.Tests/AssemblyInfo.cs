// Native state (libtorch's threads and seed) is process-wide and the broker tests own a vhost each: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
