using Google.Protobuf;
using Samsara.Api.V1;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Samsara.Pipeline;

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
        string Resolve(string p) => p.Length == 0 || Path.IsPathRooted(p) || p == "default" ? p : Path.GetFullPath(Path.Combine(directory, p));
        if (spec.Teacher is { } teacher) teacher.Path = Resolve(teacher.Path);
        if (spec.Student is { } student) student.Path = Resolve(student.Path);
        if (spec.TrainPrompts is { } train) train.Path = Resolve(train.Path);
        if (spec.EvalPrompts is { } eval) eval.Path = Resolve(eval.Path);
        if (spec.Constitutions is { } c) c.Principles = Resolve(c.Principles);
        if (spec.Evaluation is { } evaluation)
        {
            if (evaluation.AccuracyPrompts is { } accuracy) accuracy.Path = Resolve(accuracy.Path);
            // A log-prob judge's model directory ("logprob:DIR") is a path like the others.
            for (var i = 0; i < evaluation.Judges.Count; i++)
                if (evaluation.Judges[i].StartsWith("logprob:", StringComparison.Ordinal))
                    evaluation.Judges[i] = "logprob:" + Resolve(evaluation.Judges[i]["logprob:".Length..]);
        }
        return spec;
    }
}
