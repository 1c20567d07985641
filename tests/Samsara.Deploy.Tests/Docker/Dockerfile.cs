using System.Text.Json;

namespace Samsara.Deploy.Tests.Docker;

/// <summary>One instruction: its keyword, its flags (--from=build) and the rest of the line, continuations joined.</summary>
internal sealed record DockerInstruction(int Line, string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Stage)
{
    /// <summary>The arguments as words: a JSON array (exec form) or split on whitespace (shell form).</summary>
    public IReadOnlyList<string> Words =>
        Arguments.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(Arguments) ?? []
            : Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A Dockerfile read the way BuildKit reads it: comments dropped, backslash continuations joined, stages counted by FROM.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The stage the image is made from (the last FROM).</summary>
    public int FinalStage => Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Stage).DefaultIfEmpty(-1).Max();

    public IEnumerable<DockerInstruction> InStage(int stage) => Instructions.Where(i => i.Stage == stage);

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public static Dockerfile Load(string path) => Parse(path, File.ReadAllText(path));

    public static Dockerfile Parse(string path, string text)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                if (next.StartsWith('#'))
                    continue;
                line = line[..^1] + " " + next;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            while (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf(' ', StringComparison.Ordinal);
                var flag = end < 0 ? rest : rest[..end];
                var equals = flag.IndexOf('=', StringComparison.Ordinal);
                flags[equals < 0 ? flag[2..] : flag[2..equals]] = equals < 0 ? "" : flag[(equals + 1)..];
                rest = end < 0 ? "" : rest[(end + 1)..].Trim();
            }

            if (keyword == "FROM")
                stage++;
            instructions.Add(new DockerInstruction(start + 1, keyword, flags, rest, stage));
        }

        return new Dockerfile(path, instructions);
    }
}
