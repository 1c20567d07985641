using Samsara.Judging;

namespace Samsara.Judging.Tests.Support;

/// <summary>
/// A judge model whose answers the test writes down: <c>answer(first response, second response)</c> decides the text.
/// Counts its calls, so tests can tell a cache hit from a call.
/// </summary>
internal sealed class ScriptedJudgeModel(string name, Func<string, string, string> answer) : IJudgeModel
{
    private int calls;

    public string Name => name;

    public int Calls => calls;

    public Task<JudgeCompletion> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var prompt = messages[^1].Content;
        return Task.FromResult(new JudgeCompletion(answer(Between(prompt, "[Response A]\n", "\n[End of response A]"), Between(prompt, "[Response B]\n", "\n[End of response B]"))));
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
