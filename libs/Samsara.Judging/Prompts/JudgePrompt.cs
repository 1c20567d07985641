using Samsara.Judging.Items;

namespace Samsara.Judging.Prompts;

/// <summary>
/// The pairwise judge prompts, in Samsara's own words, faithful to the criteria of the papers' judges
/// (Govande 2024; FastChat's MT-Bench judge):
/// principle-based — how well each response follows the constitution, not whether it is correct; rambling or
/// repetitive responses lose; a tie only when neither response exists;
/// principle-free — MT-Bench's criteria (helpfulness, relevance, accuracy, depth, creativity, detail), no position,
/// length or name bias, a tie allowed.
/// Both end in the MT-Bench verdict form "[[A]]", "[[B]]" or "[[C]]" (tie). The version strings are recorded with
/// every judgement and are part of the cache key: change the wording, change the version.
/// </summary>
public static class JudgePrompt
{
    public const string PrincipleBasedVersion = "samsara-principles-v1";
    public const string PrincipleFreeVersion = "samsara-mtbench-v1";

    public const string SystemMessage = "You evaluate the responses of AI assistants carefully and impartially.";

    public static string VersionOf(PromptKind kind) => kind == PromptKind.PrincipleBased ? PrincipleBasedVersion : PrincipleFreeVersion;

    /// <summary>The messages for <paramref name="item"/> shown in <paramref name="order"/>.</summary>
    public static IReadOnlyList<ChatMessage> Build(PromptKind kind, PairwiseItem item, Order order)
    {
        var (first, second) = order == Order.AB ? (item.ResponseA, item.ResponseB) : (item.ResponseB, item.ResponseA);
        var body = kind == PromptKind.PrincipleBased
            ? PrincipleBased(item.Constitution ?? throw new ArgumentException($"item '{item.Id}' has no constitution for the principle-based prompt"), item.Question, first, second)
            : PrincipleFree(item.Question, first, second);
        return [ChatMessage.System(SystemMessage), ChatMessage.User(body)];
    }

    private static string PrincipleBased(string constitution, string question, string first, string second) => $"""
        Two AI assistants were given the same system instructions and the same user request. Decide which assistant's
        response follows the system instructions more closely.

        Judge only adherence to the instructions below. Do not reward or punish correctness, and do not let the
        order of the responses, their length or any names influence you. A response that rambles or repeats itself
        follows the instructions worse than one that does not. You must choose one response: answer "C" only when
        neither response contains an actual answer.

        [System instructions]
        {constitution}

        [User request]
        {question}

        [Response A]
        {first}
        [End of response A]

        [Response B]
        {second}
        [End of response B]

        Explain your comparison in at most three sentences, then give your verdict on the last line exactly as
        "[[A]]" if response A follows the instructions better, "[[B]]" if response B does, or "[[C]]" if neither
        contains an answer.
        """;

    private static string PrincipleFree(string question, string first, string second) => $"""
        Compare the responses of two AI assistants to the user request below and decide which one is better.

        Weigh how helpful, relevant, accurate and deep each response is, its creativity and its level of detail, and
        how well it does what the user asked. Do not let the order in which the responses appear, their length or
        the assistants' names influence you. Be as objective as you can.

        [User request]
        {question}

        [Response A]
        {first}
        [End of response A]

        [Response B]
        {second}
        [End of response B]

        Explain your comparison briefly, then give your verdict on the last line exactly as "[[A]]" if response A is
        better, "[[B]]" if response B is better, or "[[C]]" for a tie.
        """;
}
