using System.Text;
using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Engine.Tests.Data;

/// <summary>A file cut short by a crash is repaired on reopening: whole lines survive, a partial last line goes.</summary>
public sealed class JsonlAppenderTests : IDisposable
{
    private readonly Samsara.Testing.TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string WriteBytes(byte[] bytes)
    {
        var path = dir.File("out.jsonl");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string[] Ids(string path) => Jsonl.Read(path).Select(r => r.Id()).ToArray();

    [Fact]
    public void Appended_lines_are_on_disk_after_each_call_and_a_reopened_file_continues()
    {
        var path = dir.File("sub/out.jsonl");
        using (var appender = JsonlAppender.Open(path))
        {
            Assert.Null(appender.DroppedLine);
            appender.Append([new JsonObject { ["id"] = "a" }, new JsonObject { ["id"] = "b" }]);
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", new StreamReader(reader).ReadToEnd());
        }
        using (var appender = JsonlAppender.Open(path)) appender.Append([new JsonObject { ["id"] = "c" }]);
        Assert.Equal(["a", "b", "c"], Ids(path));
    }

    [Fact]
    public void A_partial_last_line_is_dropped_and_its_number_reported()
    {
        var path = WriteBytes(Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"respo"));
        Assert.Equal(3, JsonlAppender.Repair(path));
        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", File.ReadAllText(path));
        Assert.Null(JsonlAppender.Repair(path));   // repairing twice changes nothing
    }

    [Fact]
    public void A_cut_inside_a_multibyte_character_is_dropped()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"😀\"}");
        var path = WriteBytes(bytes[..^4]);   // ends in the middle of the emoji's four bytes
        using var appender = JsonlAppender.Open(path);
        Assert.Equal(2, appender.DroppedLine);
        appender.Append([new JsonObject { ["id"] = "b" }]);
        appender.Dispose();
        Assert.Equal(["a", "b"], Ids(path));
    }

    [Fact]
    public void A_complete_object_missing_only_its_newline_is_kept()
    {
        var path = WriteBytes(Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\"}"));
        using (var appender = JsonlAppender.Open(path))
        {
            Assert.Null(appender.DroppedLine);
            appender.Append([new JsonObject { ["id"] = "c" }]);
        }
        Assert.Equal(["a", "b", "c"], Ids(path));
    }

    [Fact]
    public void A_file_holding_only_a_partial_line_becomes_empty_and_a_missing_one_needs_nothing()
    {
        var path = WriteBytes(Encoding.UTF8.GetBytes("{\"id\":"));
        Assert.Equal(1, JsonlAppender.Repair(path));
        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Null(JsonlAppender.Repair(dir.File("absent.jsonl")));
        Assert.False(File.Exists(dir.File("absent.jsonl")));
    }

    [Fact]
    public void The_last_newline_is_found_across_read_buffers()
    {
        // A first line longer than the 64 KiB scan buffer, then a partial one.
        var big = new JsonObject { ["id"] = "big", ["text"] = new string('x', 200_000) }.ToJsonString();
        var path = WriteBytes(Encoding.UTF8.GetBytes(big + "\n{\"id\":\"c\",\"t\":\"" + new string('y', 100_000)));
        Assert.Equal(2, JsonlAppender.Repair(path));
        Assert.Equal(["big"], Ids(path));
    }
}
