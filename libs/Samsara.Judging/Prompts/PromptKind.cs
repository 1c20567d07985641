namespace Samsara.Judging.Prompts;

/// <summary>
/// Which question the judge is asked (docs/architecture.md §11): does each response follow the constitution (the papers'
/// principle-based judge), or which response is better by MT-Bench's general criteria (principle-free).
/// </summary>
public enum PromptKind
{
    PrincipleBased,
    PrincipleFree,
}
