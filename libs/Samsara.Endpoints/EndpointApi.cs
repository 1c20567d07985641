namespace Samsara.Endpoints;

/// <summary>
/// Which route generation prompts go to: /completions takes the prompt text as it is (what the local engine
/// does, and what vLLM, TGI and samsara serve offer); /chat/completions sends it as one user message (for servers
/// that only chat, such as OpenAI's current models).
/// </summary>
public enum EndpointApi
{
    Completions,
    Chat,
}
