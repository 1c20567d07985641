using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Engine.Generation;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara generate --constitutions …`: responses under sampled constitutions, appended to --out as each group
/// of prompts finishes. A rerun with the same --out skips the prompts already there, so an interrupted run
/// resumes where it stopped; everything is checked before the model is loaded.
/// </summary>
internal sealed class PrincipledGenerateRun(string principles, int perPrompt, ulong seed, string? prompt, string? prompts, string? output,
                                            PromptFormat format = PromptFormat.Paper)
{
    public int Execute(Func<ITextGenerator> openGenerator, GenerationOptions options)
    {
        if (prompt is not null || prompts is null) throw new ArgumentException("--constitutions works on a prompts file: give --prompts FILE.jsonl");
        if (output is null) throw new ArgumentException("--constitutions needs --out FILE (lines are appended there, and a rerun resumes)");
        var sampler = new ConstitutionSampler(PrincipleSet.LoadOrDefault(principles), seed, perPrompt);
        var queries = QueryFile.Read(prompts, sampler.Principles);
        ProgressBar? bar = null;
        new GenerationFile(output, sampler, format).Complete(queries, openGenerator, options,
            (done, total, tokens) => (bar ??= new ProgressBar("generate", total, "prompts")).Report(done, $"{tokens} tokens"),
            message => Console.Error.WriteLine($"samsara: {message}"));
        return 0;
    }
}
