namespace Samsara.Artifacts.Tests;

public sealed class ArtifactStoreTests : IDisposable
{
    private static readonly Guid Run = Guid.Parse("0d6e9c52-3f1a-4b7e-9a21-5c8d7e6f4a30");
    private readonly TempDirectory _root = new();
    private readonly ArtifactStore _store;

    public ArtifactStoreTests() => _store = new ArtifactStore(_root.Path);

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Artifacts_are_addressed_by_run_and_stage()
    {
        Assert.Equal($"runs/{Run:D}/generation/shard-0003.jsonl", ArtifactStore.PathFor(Run, "generation", "shard-0003.jsonl"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    public void A_stage_or_file_name_must_be_one_plain_segment(string segment)
    {
        Assert.Throws<ArgumentException>(() => ArtifactStore.PathFor(Run, segment, "x.jsonl"));
        Assert.Throws<ArgumentException>(() => ArtifactStore.PathFor(Run, "generation", segment));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.txt")]
    [InlineData("runs/../../outside.txt")]
    [InlineData("runs//x.txt")]
    [InlineData("runs/./x.txt")]
    [InlineData("runs\\x.txt")]
    public void A_path_from_a_message_cannot_leave_the_root(string path)
    {
        Assert.Throws<ArgumentException>(() => _store.Resolve(path));
    }

    [Fact]
    public void A_relative_path_resolves_under_the_root()
    {
        var path = ArtifactStore.PathFor(Run, "training", "model.safetensors");
        Assert.Equal(Path.Combine(_root.Path, "runs", Run.ToString("D"), "training", "model.safetensors"), _store.Resolve(path));
    }

    [Fact]
    public async Task Written_text_reads_back_and_a_second_write_replaces_it()
    {
        var path = ArtifactStore.PathFor(Run, "filtering", "kept.jsonl");
        Assert.False(_store.Exists(path));

        await _store.WriteAllTextAsync(path, "{\"id\":\"1\"}\n");
        await _store.WriteAllTextAsync(path, "{\"id\":\"2\"}\n");

        Assert.True(_store.Exists(path));
        Assert.Equal("{\"id\":\"2\"}\n", await _store.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_previous_file_and_leaves_no_temporary()
    {
        var path = ArtifactStore.PathFor(Run, "judging", "shard-0000.jsonl");
        await _store.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync("half of the new"u8.ToArray(), ct);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", await _store.ReadAllTextAsync(path));
        Assert.Equal(["shard-0000.jsonl"], Directory.GetFiles(Path.GetDirectoryName(_store.Resolve(path))!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_file()
    {
        var path = ArtifactStore.PathFor(Run, "evaluation", "report.json");
        await _store.WriteAllTextAsync(path, "old");
        var halfWritten = new TaskCompletionSource();
        var finish = new TaskCompletionSource();

        var writing = _store.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync("new, first half; "u8.ToArray(), ct);
            await stream.FlushAsync(ct);
            halfWritten.SetResult();
            await finish.Task;
            await stream.WriteAsync("second half"u8.ToArray(), ct);
        });

        await halfWritten.Task;
        Assert.Equal("old", await _store.ReadAllTextAsync(path));
        finish.SetResult();
        await writing;
        Assert.Equal("new, first half; second half", await _store.ReadAllTextAsync(path));
    }
}
