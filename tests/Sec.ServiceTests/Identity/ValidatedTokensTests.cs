using System.Security.Claims;
using Sec.Identity;
using Sec.ServiceDefaults.Identity;
using Sec.ServiceTests.Messaging;

namespace Sec.ServiceTests.Identity;

/// <summary>
/// A validated token is trusted again only for its exact text, never past its expiry nor longer than
/// a minute, and each request gets its own copy of the caller; a token that fails validation is never kept.
/// </summary>
public sealed class ValidatedTokensTests : SuiteTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Caller(string name) =>
        new(new ClaimsIdentity([new Claim(SecClaims.Name, name), new Claim(SecClaims.Role, SecRoles.Secas)], "Bearer", SecClaims.Name, SecClaims.Role));

    [Fact]
    public void A_token_is_trusted_until_its_expiry_or_for_a_minute_whichever_is_sooner()
    {
        var time = new ManualTime(Now);
        var tokens = new ValidatedTokens(time);
        tokens.Keep("expires-soon", Caller("Holly Burton"), Now.AddSeconds(20));
        tokens.Keep("expires-late", Caller("Holly Burton"), Now.AddHours(4));
        tokens.Keep("expired", Caller("Holly Burton"), Now.AddSeconds(-1));

        Assert.True(tokens.TryGet("expires-soon", out _));
        Assert.True(tokens.TryGet("expires-late", out _));
        Assert.False(tokens.TryGet("expired", out _));
        Assert.False(tokens.TryGet("expires-late-but-other-text", out _));

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(tokens.TryGet("expires-soon", out _));
        Assert.True(tokens.TryGet("expires-late", out _));

        time.Advance(ValidatedTokens.KeepFor - TimeSpan.FromSeconds(20));
        Assert.False(tokens.TryGet("expires-late", out _));
    }

    [Fact]
    public void Each_use_gets_its_own_copy_of_the_caller_and_the_cache_stays_bounded()
    {
        var tokens = new ValidatedTokens(new ManualTime(Now));
        tokens.Keep("t", Caller("Holly Burton"), Now.AddHours(1));
        Assert.True(tokens.TryGet("t", out var first));
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim(SecClaims.Role, SecRoles.Operator));

        Assert.True(tokens.TryGet("t", out var second));
        Assert.False(second.IsInRole(SecRoles.Operator));
        Assert.Equal("Holly Burton", second.Identity!.Name);

        for (var i = 0; i < ValidatedTokens.MaxTokens * 2; i++)
            tokens.Keep($"token-{i}", Caller("Holly Burton"), Now.AddHours(1));
        Assert.InRange(tokens.Count, 1, ValidatedTokens.MaxTokens);
    }

    [Fact]
    public async Task A_token_trusted_after_its_first_call_does_not_make_a_forged_one_pass()
    {
        var key = SigningKey.LoadOrCreate(SigningKey.FileIn(Suite.DataDirectory));
        var issuer = new TokenIssuer(key, TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience);
        var token = issuer.Issue(new Principal("Holly Burton", "SECAS", [SecRoles.Reader]), TimeSpan.FromHours(1));
        var rpc = EveryRpc.Named("ProposalsService/GetPhaseCounts");

        for (var call = 0; call < 2; call++)
        {
            var answer = await EveryRpc.CallAsync(Suite.ChannelWithToken(token), rpc);
            Assert.False(answer?.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied, answer?.Status.Detail);
        }

        // The same header and claims with another signature: validated afresh, and refused.
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        Assert.Equal(StatusCode.Unauthenticated, (await EveryRpc.CallAsync(Suite.ChannelWithToken(forged), rpc))?.StatusCode);
    }
}
