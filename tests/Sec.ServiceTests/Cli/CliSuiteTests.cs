using Sec.Cli;
using Sec.Identity;

namespace Sec.ServiceTests.Cli;

/// <summary>
/// Runs the <c>sec</c> commands against a suite of the test's own, with a folder for the files they
/// read and write and a CLI home of their own, logged in as SECAS's Holly Burton with every role
/// but a Change Board member's.
/// </summary>
public abstract class CliSuiteTests(DateTimeOffset now) : SuiteTests(now)
{
    protected string Files { get; } = Path.Combine(Path.GetTempPath(), "sec-cli-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The CLI's SEC_HOME, where <c>sec login</c> keeps the token.</summary>
    protected string Home => Path.Combine(Files, "home");

    /// <summary>The suite the commands call; a test class may start one of its own.</summary>
    protected virtual SuiteFactory Target => Suite;

    public override async Task InitializeAsync()
    {
        await Target.StartHostAsync();
        var login = await LoginAsync("Holly Burton", "SECAS", SuiteFactory.Clerk);
        Assert.True(login.Exit == 0, login.Error);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Files))
            Directory.Delete(Files, recursive: true);
    }

    /// <summary><c>sec login</c> with the development key in the suite's data folder.</summary>
    protected Task<(int Exit, string Output, string Error)> LoginAsync(string name, string organisation, IEnumerable<string> roles, string? votingGroup = null) =>
        RunAsync(["login", "--as", name, "--organisation", organisation, .. roles.SelectMany(r => new[] { "--role", r }),
            .. votingGroup is null ? Array.Empty<string>() : ["--voting-group", votingGroup], "--data", Target.DataDirectory]);

    /// <summary>One command, as the shell would run it: its exit code and what it wrote to each stream.</summary>
    protected Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunAsAsync(null, args);

    /// <summary>One command with SEC_TOKEN set, which wins over the login: a Change Board member's vote, say.</summary>
    protected async Task<(int Exit, string Output, string Error)> RunAsAsync(string? token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SecCli.RunAsync(args, output, error, _ => Target.Channel(actor: null),
            name => name switch { "SEC_HOME" => Home, "SEC_TOKEN" => token, _ => null });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A Change Board member's own token, as its vote needs.</summary>
    protected string MemberToken(string name, string organisation, string votingGroup) =>
        Target.Token(name, organisation, [SecRoles.ChangeBoardMember], votingGroup);
}
