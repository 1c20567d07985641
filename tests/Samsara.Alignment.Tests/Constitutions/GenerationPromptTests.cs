using Samsara.Alignment.Constitutions;

namespace Samsara.Alignment.Tests.Constitutions;

public sealed class GenerationPromptTests
{
    [Fact]
    public void The_task_comes_last_in_the_training_layout_ending_at_the_response()
    {
        var prompt = GenerationPrompt.Format("1. Be brief.\n2. Be kind.", "What is 2+2?");
        Assert.EndsWith("### Main Task\nAssistant System Instructions: 1. Be brief.\n2. Be kind.\n\nHuman: What is 2+2?\n\nAssistant Response:", prompt);
        var example = prompt[..prompt.IndexOf("### Main Task", StringComparison.Ordinal)];
        Assert.Contains("### Format\nAssistant System Instructions: 1.", example);
        // The example shows a response followed by the human speaking again: where generation is cut.
        var response = example.IndexOf("Assistant Response:", StringComparison.Ordinal);
        Assert.True(response > 0 && example.IndexOf("\n\nHuman:", response, StringComparison.Ordinal) > response);
    }

    [Fact]
    public void Stop_strings_are_every_marker_of_the_layout()
    {
        Assert.Equal(["Human:", "###", "Assistant System Instructions:", "Assistant Response:"], GenerationPrompt.StopStrings);
        // Each marker the prompt uses after the instructions is a stop string, so a response cannot run into the next turn.
        var prompt = GenerationPrompt.Format("C", "Q");
        foreach (var marker in new[] { "Human:", "###", "Assistant System Instructions:", "Assistant Response:" })
            Assert.Contains(marker, prompt);
    }
}
