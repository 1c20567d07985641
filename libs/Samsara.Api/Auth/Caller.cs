namespace Samsara.Api.Auth;

/// <summary>Who is calling: the key's owner. Runs belong to their owner; an admin sees everyone's.</summary>
public sealed record Caller(string Name, bool Admin)
{
    public bool MaySee(string owner) => Admin || owner == Name;
}
