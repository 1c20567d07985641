using System.Text.Json.Nodes;
using Samsara.Alignment.Filters;
using Samsara.Engine.Data;
using static Samsara.Alignment.Tests.GenerationLines;

namespace Samsara.Alignment.Tests.Filters;

public sealed class FilterRunTests
{
    [Fact]
    public void Kept_lines_are_written_unchanged_and_every_rejection_is_counted()
    {
        using var dir = new TempDirectory();
        var keep = Pair(Long, Short, id: "keep");
        keep["reference"] = "4";
        JsonObject[] lines =
        [
            keep,
            Pair(Long, Short, id: "cut", finish: "length"),             // termination (and nothing else)
            Pair(Long + " Human: ok", "", id: "bad"),                    // empty first; banned, short_length, prefix too
            Pair(Long, Long[..100], id: "copy"),                         // length_ratio? 219 < 300: yes; prefix too
            Pair(Long, Short, id: "keep2"),
        ];
        var input = dir.File("gen.jsonl");
        Jsonl.Write(input, lines);
        var output = dir.File("kept.jsonl");

        var report = new GenerationFilter(FilterConfig.Default).Run(input, output);

        Assert.Equal([keep.ToJsonString(), lines[4].ToJsonString()], File.ReadAllLines(output));
        Assert.Equal((5, 2), (report.Read, report.Kept));
        Assert.Equal(new Dictionary<string, int>
        {
            ["termination"] = 1, ["empty"] = 1, ["banned"] = 0, ["length_ratio"] = 1, ["short_length"] = 0, ["prefix_distance"] = 0,
        }, report.Rejected);
        Assert.Equal(new Dictionary<string, int>
        {
            ["termination"] = 1, ["empty"] = 1, ["banned"] = 1, ["length_ratio"] = 1, ["short_length"] = 1, ["prefix_distance"] = 2,
        }, report.Failed);
        Assert.Equal(report.Read - report.Kept, report.Rejected.Values.Sum());
        Assert.Equal("kept 2 of 5; rejected: termination 1, empty 1, length_ratio 1", report.Summary());

        var json = report.ToJson();
        Assert.Equal(5, json["read"]!.GetValue<int>());
        Assert.Equal(1, json["rejected"]!["length_ratio"]!.GetValue<int>());
        Assert.Equal(2, json["failed"]!["prefix_distance"]!.GetValue<int>());
        Assert.Equal(3.0, json["config"]!["length_ratio"]!["min_ratio"]!.GetValue<double>());
        Assert.Equal(["gen.jsonl", "kept.jsonl"], Directory.GetFiles(dir.Path).Select(f => Path.GetFileName(f)).Order());   // no temporaries left
    }

    [Fact]
    public void A_malformed_generation_line_stops_the_run_before_anything_is_written()
    {
        using var dir = new TempDirectory();
        var input = dir.File("gen.jsonl");
        var bad = Pair(Long, Short, id: "two");
        bad["responses"] = Strings([Long]);
        Jsonl.Write(input, [Pair(Long, Short), bad]);
        var e = Assert.Throws<JsonlException>(() => new GenerationFilter(FilterConfig.Default).Run(input, dir.File("kept.jsonl")));
        Assert.Contains("gen.jsonl:2: 2 constitutions but 1 responses", e.Message);
        Assert.False(File.Exists(dir.File("kept.jsonl")));
    }
}
