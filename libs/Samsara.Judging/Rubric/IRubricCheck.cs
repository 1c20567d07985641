namespace Samsara.Judging.Rubric;

/// <summary>One verifiable property of a response (uses LaTeX, shows steps, …): a name for reports and a test.</summary>
public interface IRubricCheck
{
    /// <summary>The check's name in rubric specs and judgements, e.g. "latex" or "words&lt;=200".</summary>
    string Name { get; }

    bool Passes(string response);
}
