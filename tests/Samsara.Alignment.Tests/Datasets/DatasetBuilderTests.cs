using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Engine.Data;
using static Samsara.Alignment.Tests.GenerationLines;

namespace Samsara.Alignment.Tests.Datasets;

public sealed class DatasetBuilderTests
{
    // The positive constitution is third and its antithesis second: builders find them by sign, not position.
    private static JsonObject Shuffled() => new()
    {
        ["id"] = "g1",
        ["category"] = "math",
        ["prompt"] = "What is 2+2?",
        ["reference"] = "4",
        ["constitutions"] = Strings(["1. B+\n2. A-", "1. A-\n2. B-", "1. A+\n2. B+", "1. B-\n2. A+"]),
        ["signs"] = Strings(["+-", "--", "++", "-+"]),
        ["principles"] = Strings(["A", "B"]),
        ["responses"] = Strings(["mixed one", "Four.", "Two and two make four.", "mixed two"]),
        ["finish_reasons"] = Strings(["eos", "eos", "stop", "eos"]),
    };

    [Fact]
    public void Sft_pairs_the_positive_constitutions_training_prompt_with_its_response()
    {
        var sft = DatasetBuilder.Sft(Record(Shuffled()));
        Assert.Equal(new SftExample("g1", "Assistant System Instructions: 1. A+\n2. B+\n\nHuman: What is 2+2?\n\nAssistant:", "Two and two make four."), sft);
        Assert.Equal("""{"id":"g1","prompt":"Assistant System Instructions: 1. A\u002B\n2. B\u002B\n\nHuman: What is 2\u002B2?\n\nAssistant:","completion":"Two and two make four."}""",
            sft.ToJson().ToJsonString());
    }

    [Fact]
    public void Dpo_prefers_the_positive_response_to_the_antithesis_response_under_the_positive_prompt()
    {
        var dpo = DatasetBuilder.Dpo(Record(Shuffled()));
        Assert.Equal(new PreferencePair("g1", "Assistant System Instructions: 1. A+\n2. B+\n\nHuman: What is 2+2?\n\nAssistant:",
            "Two and two make four.", "Four."), dpo);
    }

    [Fact]
    public void Sami_examples_keep_every_constitution_with_its_response()
    {
        var sami = DatasetBuilder.Sami(Record(Shuffled()));
        Assert.Equal(("g1", "math", "What is 2+2?"), (sami.Id, sami.Category, sami.Query));
        Assert.Equal(["1. B+\n2. A-", "1. A-\n2. B-", "1. A+\n2. B+", "1. B-\n2. A+"], sami.Constitutions);
        Assert.Equal(["mixed one", "Four.", "Two and two make four.", "mixed two"], sami.Responses);
    }

    [Fact]
    public void Build_writes_each_kind_and_the_readers_read_it_back()
    {
        using var dir = new TempDirectory();
        var input = dir.File("kept.jsonl");
        var second = Pair("Yes, because of the following steps.", "Yes.", id: "g2");
        Jsonl.Write(input, [Shuffled(), second]);

        Assert.Equal(2, DatasetBuilder.Build(input, DatasetKind.Sami, dir.File("sami.jsonl")));
        Assert.Equal(File.ReadAllLines(input), File.ReadAllLines(dir.File("sami.jsonl")));   // the kept lines, as they are
        var sami = DatasetReader.ReadSami(dir.File("sami.jsonl"));
        Assert.Equal(["g1", "g2"], sami.Select(s => s.Id));
        Assert.Equal(4, sami[0].Responses.Count);

        Assert.Equal(2, DatasetBuilder.Build(input, DatasetKind.Sft, dir.File("sft.jsonl")));
        var sft = DatasetReader.ReadSft(dir.File("sft.jsonl"));
        Assert.Equal(DatasetBuilder.Sft(Record(Shuffled())), sft[0]);
        Assert.Equal("Yes, because of the following steps.", sft[1].Completion);

        Assert.Equal(2, DatasetBuilder.Build(input, DatasetKind.Dpo, dir.File("dpo.jsonl")));
        var dpo = DatasetReader.ReadPreferences(dir.File("dpo.jsonl"));
        Assert.Equal(DatasetBuilder.Dpo(Record(Shuffled())), dpo[0]);
        Assert.Equal(("Yes, because of the following steps.", "Yes."), (dpo[1].Chosen, dpo[1].Rejected));
    }

    [Fact]
    public void Dpo_and_sft_need_signs_naming_the_positive_and_antithesis()
    {
        var unsigned = Shuffled();
        unsigned.Remove("signs");
        Assert.Contains("gen.jsonl:1: field \"signs\" is missing", Assert.Throws<JsonlException>(() => DatasetBuilder.Sft(Record(unsigned))).Message);
        var noAntithesis = Shuffled();
        noAntithesis["signs"] = Strings(["+-", "-+", "++", "-+"]);
        Assert.Contains("gen.jsonl:1: no antithesis (all '-') constitution among signs [+-, -+, ++, -+]",
            Assert.Throws<JsonlException>(() => DatasetBuilder.Dpo(Record(noAntithesis))).Message);
    }

    [Theory]
    [InlineData("sami", DatasetKind.Sami)]
    [InlineData("SFT", DatasetKind.Sft)]
    [InlineData("dpo", DatasetKind.Dpo)]
    public void Kinds_parse_by_name(string name, DatasetKind kind) => Assert.Equal(kind, DatasetKinds.Parse(name));

    [Fact]
    public void An_unknown_kind_is_refused() =>
        Assert.Contains("sami, sft or dpo, not \"ppo\"", Assert.Throws<ArgumentException>(() => DatasetKinds.Parse("ppo")).Message);
}
