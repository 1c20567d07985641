namespace Samsara.Judging.Items;

/// <summary>
/// One model's answer to one question: the id that pairs it with the other model's answer, its category, the
/// question as asked, the constitution it was written under (null when the file has none) and the response.
/// </summary>
public sealed record Answer(string Id, string Category, string Question, string? Constitution, string Response);
