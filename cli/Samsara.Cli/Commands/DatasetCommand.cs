using System.CommandLine;
using Samsara.Alignment.Datasets;

namespace Samsara.Cli.Commands;

/// <summary>`samsara dataset`: a training set (SAMI, SFT or DPO) from kept generation lines.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "Kept generations JSONL (from samsara filter)", Required = true };
        var kind = new Option<string>("--kind") { Description = "sami (the lines as they are), sft {id,prompt,completion} or dpo {id,prompt,chosen,rejected}", Required = true };
        var output = new Option<string>("--out") { Description = "JSONL training set", Required = true };
        var command = new Command("dataset", "Build a SAMI, SFT or DPO training set from kept generations") { input, kind, output };
        command.SetAction(parse =>
        {
            var datasetKind = DatasetKinds.Parse(parse.GetRequiredValue(kind));
            var count = DatasetBuilder.Build(parse.GetRequiredValue(input), datasetKind, parse.GetRequiredValue(output));
            Console.WriteLine($"wrote {count} {datasetKind.ToString().ToLowerInvariant()} examples to {parse.GetRequiredValue(output)}");
            return 0;
        });
        return command;
    }
}
