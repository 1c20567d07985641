using Google.Protobuf;
using Samsara.Api;
using Samsara.Api.V1;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Samsara.Stages.Plan;

/// <summary>
/// A run spec written as YAML (or JSON): the RunSpec message in protobuf's JSON mapping (snake_case or camelCase
/// field names, enum names), so a file and an API request say the same thing. Relative paths are resolved against
/// the file's directory, unless the spec goes to a remote gateway (whose artifact store gives them their meaning).
/// </summary>
public static class RunSpecFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static RunSpec Load(string path, bool resolveRelativePaths = true)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path}: run spec not found");
        object? yaml;
        try
        {
            yaml = new DeserializerBuilder().Build().Deserialize(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw new ArgumentException($"{path}:{e.Start.Line}: not valid YAML ({e.Message})");
        }
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        RunSpec spec;
        try
        {
            spec = Parser.Parse<RunSpec>(json);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"{path}: {e.Message}");
        }
        if (!resolveRelativePaths) return spec;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        RunSpecPaths.Rewrite(spec, (_, p) => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(directory, p)));
        return spec;
    }
}
