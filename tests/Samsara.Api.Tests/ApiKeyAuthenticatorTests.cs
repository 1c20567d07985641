using Samsara.Api.Auth;

namespace Samsara.Api.Tests;

public class ApiKeyAuthenticatorTests
{
    private static readonly ApiKeyAuthenticator Keys = new(
    [
        new ApiKey("alice", ApiKeyAuthenticator.Hash("alice-secret")),
        new ApiKey("ops", ApiKeyAuthenticator.Hash("ops-secret"), Admin: true),
    ]);

    [Fact]
    public void A_known_key_identifies_its_owner()
    {
        Assert.Equal(new Caller("alice", false), Keys.Authenticate("Bearer alice-secret"));
        Assert.Equal(new Caller("ops", true), Keys.Authenticate("bearer  ops-secret "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice-secret")]
    [InlineData("Basic alice-secret")]
    [InlineData("Bearer alice-secreT")]
    [InlineData("Bearer ")]
    public void Missing_malformed_or_forged_keys_identify_nobody(string? header) => Assert.Null(Keys.Authenticate(header));

    [Fact]
    public void Callers_see_their_own_runs_and_admins_see_all()
    {
        Assert.True(new Caller("alice", false).MaySee("alice"));
        Assert.False(new Caller("alice", false).MaySee("bob"));
        Assert.True(new Caller("ops", true).MaySee("bob"));
    }

    [Fact]
    public void A_badly_configured_hash_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new ApiKeyAuthenticator([new ApiKey("bob", "not-hex")]));
        Assert.Contains("API key 'bob'", error.Message);
    }
}
