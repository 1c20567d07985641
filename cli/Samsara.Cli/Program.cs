using System.CommandLine;
using Samsara.Cli.Commands;

var root = new RootCommand("Samsara: principle-alignment pipelines for language models.")
{
    InitModelCommand.Create(),
    WorldCommand.Create(),
    PretrainCommand.Create(),
    GenerateCommand.Create(),
    FilterCommand.Create(),
    DatasetCommand.Create(),
    LogProbsCommand.Create(),
    MiCommand.Create(),
    TrainCommand.Create(),
    RunCommand.Create(),
    SubmitCommand.Create(),
    WatchCommand.Create(),
    EvalCommand.Create(),
    ServeCommand.Create(),
    JudgeCommand.Create(),
    ReportCommand.Create(),
};
return await CommandRunner.InvokeAsync(root, args);
