namespace Samsara.Alignment.Constitutions;

/// <summary>
/// The prompt a (base or instruct) model writes training responses with: what to do, a worked example of the
/// layout, then the task in the training prompt's layout ending "Assistant Response:". The example ends with a
/// "Human:" turn so the model learns that a response is over when the human speaks again; <see cref="StopStrings"/>
/// cut the output there, or wherever it starts another section of the prompt.
/// </summary>
public static class GenerationPrompt
{
    /// <summary>Where a generated response ends: the start of any part of this prompt's layout.</summary>
    public static IReadOnlyList<string> StopStrings { get; } = ["Human:", "###", "Assistant System Instructions:", "Assistant Response:"];

    private const string Preamble =
        """
        Your job is to write the assistant's reply to a request from a human. The assistant is given system instructions: a numbered list of principles that its reply must follow. Apply every principle that bears on the request, and ignore any that do not. Write only the reply itself, as the assistant would say it, without notes, titles or remarks about the instructions.

        ### Format
        Assistant System Instructions: 1. Keep the reply to one or two sentences.
        2. Sound cheerful and friendly.

        Human: At what temperature does water boil at sea level?

        Assistant Response: Great question! At sea level water boils at 100 °C, which is 212 °F.

        Human: Thanks, that reply followed the instructions well.

        ### Main Task

        """;

    public static string Format(string constitution, string query) =>
        $"{Preamble}Assistant System Instructions: {constitution}\n\nHuman: {query}\n\nAssistant Response:";
}
