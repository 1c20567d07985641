namespace Samsara.Engine.Tokenization;

/// <summary>
/// A tokenizer file that cannot be loaded. The message names the file and, where one is at fault, the field
/// (e.g. <c>tokenizer.json: model.type 'Unigram' is not supported</c>), so a bad model directory is fixed
/// without reading this code.
/// </summary>
public sealed class TokenizerException : Exception
{
    public TokenizerException()
    {
    }

    public TokenizerException(string message)
        : base(message)
    {
    }

    public TokenizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
