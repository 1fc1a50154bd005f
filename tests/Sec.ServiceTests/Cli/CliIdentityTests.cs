using Microsoft.AspNetCore.Authorization;
using Sec.Identity;

namespace Sec.ServiceTests.Cli;

/// <summary><c>sec login</c>, <c>whoami</c> and <c>logout</c>, and the token every other command sends.</summary>
public sealed class CliIdentityTests() : CliSuiteTests(new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Login_stores_a_token_only_its_owner_reads_whoami_shows_it_and_logout_forgets_it()
    {
        var whoami = await RunAsync("whoami");
        var token = Path.Combine(Home, "token");
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(token);
        var member = await LoginAsync("Lee Large", "Big Energy", [SecRoles.ChangeBoardMember], "large-supplier");
        var asMember = await RunAsync("whoami", "--json");
        var elsewhere = await RunAsync("login", "--token", Target.Token("Sam Smith", "Example Networks", [SecRoles.Reader]));
        var stored = await RunAsync("whoami");
        var fromEnvironment = await RunAsAsync(Target.Token("Pat Panel", "SEC Panel", [SecRoles.Panel]), "whoami");
        var loggedOut = await RunAsync("logout");
        var nobody = await RunAsync("whoami");

        Assert.Equal(0, whoami.Exit);
        Assert.StartsWith("Holly Burton (SECAS): secas, panel, authority, dcc, reader, operator", whoami.Output);
        Assert.Contains("expires: ", whoami.Output);
        Assert.Contains(token, whoami.Output);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal("Logged in as Lee Large (Big Energy): change-board-member; voting group large-supplier", member.Output.Split(", until")[0]);
        Assert.Contains("\"votingGroup\": \"large-supplier\"", asMember.Output);
        // A token issued elsewhere is stored as given; SEC_TOKEN wins over whatever is stored.
        Assert.Equal((0, "Sam Smith (Example Networks): reader"), (elsewhere.Exit, stored.Output.Split('\n')[0].TrimEnd()));
        Assert.Equal(["Pat Panel (SEC Panel): panel", "  token:   SEC_TOKEN"], fromEnvironment.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("expires")));
        Assert.Equal((0, false), (loggedOut.Exit, File.Exists(token)));
        Assert.Equal(1, nobody.Exit);
        Assert.Contains("Not logged in. Log in with: sec login --as NAME --role ROLE", nobody.Error);
    }

    [Fact]
    public async Task Login_refuses_a_role_or_voting_group_the_suite_does_not_know_and_names_the_valid_ones()
    {
        var role = await RunAsync("login", "--as", "Holly Burton", "--role", "secas", "--role", "boss", "--data", Target.DataDirectory);
        var group = await RunAsync("login", "--as", "Lee Large", "--role", "change-board-member", "--voting-group", "suppliers", "--data", Target.DataDirectory);
        var groupless = await RunAsync("login", "--as", "Lee Large", "--role", "change-board-member", "--data", Target.DataDirectory);
        var nothing = await RunAsync("login");
        var notAToken = await RunAsync("login", "--token", "not-a-token");
        var still = await RunAsync("whoami");

        Assert.All(new[]
        {
            (role, "'boss' is not a role; the roles are secas, panel, change-board-member, authority, dcc, reader, operator"),
            (group, "'suppliers' is not a voting group; the groups are large-supplier, small-supplier, electricity-network, gas-network, other-sec-parties, consumer"),
            (groupless, "give --voting-group"),
            (nothing, "give --as NAME and at least one --role ROLE"),
            (notAToken, "not a JSON Web Token"),
        }, r => Assert.Equal((2, true), (r.Item1.Exit, r.Item1.Error.Contains(r.Item2, StringComparison.Ordinal))));
        Assert.StartsWith("Holly Burton (SECAS)", still.Output);
    }

    [Fact]
    public async Task History_names_whoever_is_logged_in_when_the_change_is_made()
    {
        await RunAsync("raise", "--title", "Retention", "--problem", "A problem", "--proposer", "Jo Bloggs", "--organisation", "Example Energy", "--raised-on", "2020-03-10");
        await LoginAsync("Sam Secas", "SECAS", [SecRoles.Secas, SecRoles.Reader]);
        await RunAsync("amend", "DP1", "--problem", "A sharper problem", "--on", "2020-03-12");

        var shown = await RunAsync("show", "DP1");

        Assert.Contains("Raised — Draft Proposal raised (Holly Burton)", shown.Output);
        Assert.Contains("(Sam Secas)", shown.Output);
    }
}

/// <summary>
/// Refusals as the CLI prints them, from a suite that refuses calls without a token or the role.
/// Until every RPC names its roles, a fallback policy stands in for them here (SECAS only); once they
/// do, it no longer applies, and the same calls are refused by the RPCs' own roles.
/// </summary>
public sealed class CliRefusalTests() : CliSuiteTests(new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero))
{
    private readonly SuiteFactory _strict = new(now: new DateTimeOffset(2020, 4, 8, 9, 0, 0, TimeSpan.Zero), services: s =>
        s.PostConfigure<AuthorizationOptions>(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireRole(SecRoles.Secas).Build()));

    protected override SuiteFactory Target => _strict;

    public override async Task DisposeAsync()
    {
        await _strict.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_command_without_a_login_is_refused_as_unauthenticated_with_the_login_hint()
    {
        await RunAsync("logout");

        var refused = await RunAsync("show", "DP1");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("error: Unauthenticated: ", refused.Error);
        Assert.Contains("sec login --as NAME --role ROLE", refused.Error);
    }

    [Fact]
    public async Task A_login_without_the_role_a_call_needs_is_refused_as_permission_denied()
    {
        await LoginAsync("Rita Reader", "Example Energy", [SecRoles.Reader]);

        var refused = await RunAsync("raise", "--title", "Retention", "--problem", "A problem", "--proposer", "Jo Bloggs", "--organisation", "Example Energy", "--raised-on", "2020-03-10");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("error: PermissionDenied: ", refused.Error);
        Assert.Contains("Rita Reader has reader", refused.Error);
        Assert.Contains("sec login --as NAME --role ROLE", refused.Error);
    }
}
