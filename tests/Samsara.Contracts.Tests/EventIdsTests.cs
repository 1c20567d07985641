using Samsara.Contracts;

namespace Samsara.Contracts.Tests;

public class EventIdsTests
{
    private static readonly Guid Run = Guid.Parse("4f6f1c1e-8a55-4c3b-9d7e-0f2a4b6c8d10");

    [Fact]
    public void The_same_step_of_the_same_run_has_the_same_id()
    {
        Assert.Equal(EventIds.For(Run, "generation-shard-completed/3"), EventIds.For(Run, "generation-shard-completed/3"));
    }

    [Fact]
    public void Another_step_or_another_run_has_another_id()
    {
        var id = EventIds.For(Run, "generation-shard-completed/3");
        Assert.NotEqual(id, EventIds.For(Run, "generation-shard-completed/4"));
        Assert.NotEqual(id, EventIds.For(Guid.NewGuid(), "generation-shard-completed/3"));
    }

    [Fact]
    public void Derived_ids_are_version_8_with_the_rfc_variant()
    {
        var id = EventIds.For(Run, "training-completed");
        Assert.Equal(8, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
    }

    [Fact]
    public void New_ids_are_version_7_and_distinct()
    {
        var a = EventIds.New();
        Assert.Equal(7, a.Version);
        Assert.NotEqual(a, EventIds.New());
    }

    [Fact]
    public void An_empty_step_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EventIds.For(Run, ""));
    }
}
