namespace Samsara.Engine.Tokenization;

public interface ITokenizer
{
    int VocabSize { get; }
    int? BosId { get; }
    int? EosId { get; }
    int? PadId { get; }
    IReadOnlyList<int> Encode(string text);
    string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = false);
    int? TokenToId(string token);
    string? IdToToken(int id);
}
