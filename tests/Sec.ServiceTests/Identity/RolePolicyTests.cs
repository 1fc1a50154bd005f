using Sec.Identity;

namespace Sec.ServiceTests.Identity;

/// <summary>No RPC without a role policy; nobody acts without a credential, nor with the wrong one, and a refusal writes nothing.</summary>
public sealed class RolePolicyTests : SuiteTests
{
    [Fact]
    public void The_four_services_have_their_RPCs_found() => Assert.Equal(115, EveryRpc.All().Count());

    [Theory, MemberData(nameof(EveryRpc.Names), MemberType = typeof(EveryRpc))]
    public void Every_rpc_names_the_roles_that_may_make_it(string name)
    {
        var rpc = EveryRpc.Named(name);
        Assert.NotEmpty(rpc.Roles);
        Assert.All(rpc.Roles, role => Assert.Contains(role, SecRoles.All));
    }

    [Fact]
    public async Task An_anonymous_call_of_any_rpc_is_unauthenticated_and_writes_nothing()
    {
        await Register.ImportAsync("MP120", "A modification to act on", D(2020, 3, 10));
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        var anonymous = Suite.Channel(actor: null);

        foreach (var rpc in EveryRpc.All())
        {
            var refused = await EveryRpc.CallAsync(anonymous, rpc);
            Assert.True(refused?.StatusCode == StatusCode.Unauthenticated, $"{rpc}: {refused?.StatusCode.ToString() ?? "answered"}");
            Assert.Contains("bearer token", refused!.Status.Detail);
        }
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_token_from_another_key_or_for_another_audience_is_unauthenticated()
    {
        var otherKey = new TokenIssuer(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)), TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience);
        var ownKey = SigningKey.LoadOrCreate(SigningKey.FileIn(Suite.DataDirectory));
        var otherAudience = new TokenIssuer(ownKey, TokenIssuer.DefaultIssuer, "someone-else");
        var expired = new TokenIssuer(ownKey, TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience);
        var who = new Principal("Holly Burton", "SECAS", SuiteFactory.Clerk);
        var rpc = EveryRpc.Named("ProposalsService/GetPhaseCounts");

        foreach (var token in new[]
                 {
                     otherKey.Issue(who, TimeSpan.FromHours(1)), otherAudience.Issue(who, TimeSpan.FromHours(1)),
                     expired.Issue(who, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-2)),
                 })
        {
            var refused = await EveryRpc.CallAsync(Suite.ChannelWithToken(token), rpc);
            Assert.Equal(StatusCode.Unauthenticated, refused?.StatusCode);
        }
    }

    [Fact]
    public async Task A_call_with_a_role_the_rpc_does_not_admit_is_permission_denied_naming_the_role_and_writes_nothing()
    {
        await Register.ImportAsync("MP120", "A modification to act on", D(2020, 3, 10));
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        foreach (var rpc in EveryRpc.All())
        {
            // A read admits every role: a token with no role at all is the wrong one there.
            var refused = await EveryRpc.CallAsync(Suite.Channel("Mallory", "Nobody", EveryRpc.WrongRoles(rpc)), rpc);
            Assert.True(refused?.StatusCode == StatusCode.PermissionDenied, $"{rpc}: {refused?.StatusCode.ToString() ?? "answered"}");
            Assert.Contains(rpc.Roles[0], refused!.Status.Detail);
        }
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }
}
