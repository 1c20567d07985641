namespace Samsara.Testing;

/// <summary>
/// Two word problems in GSM8K's format (<c>{"question","answer"}</c>, worked answer ending <c>#### N</c>), written
/// here for the tests that only need something to evaluate a tiny run on, so they run from the repository alone.
/// Tests about GSM8K itself read the real file through <see cref="TestData"/>.
/// </summary>
public static class MathQuestions
{
    public static IReadOnlyList<string> Lines { get; } =
    [
        """{"question": "A baker fills 4 trays with 6 rolls each and sells 9 rolls. How many rolls are left?", "answer": "The trays hold 4 * 6 = <<4*6=24>>24 rolls.\nAfter selling, 24 - 9 = <<24-9=15>>15 rolls are left.\n#### 15"}""",
        """{"question": "Sam reads 12 pages a day for 5 days and then 8 more pages. How many pages has he read?", "answer": "In 5 days he reads 12 * 5 = <<12*5=60>>60 pages.\nIn all he reads 60 + 8 = <<60+8=68>>68 pages.\n#### 68"}""",
    ];
}
