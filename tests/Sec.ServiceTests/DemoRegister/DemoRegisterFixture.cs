using Sec.Assessments.Storage;
using Sec.BuildingBlocks.Storage;
using Sec.ChangeBoard.Storage;
using Sec.Cli;
using Sec.DeploymentTests;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Sec.Releases.Storage;

namespace Sec.ServiceTests.DemoRegister;

/// <summary>The suite with the demo register loaded once through <c>sec import</c>, as a newcomer's first start does.</summary>
public sealed class DemoRegisterFixture : IAsyncLifetime
{
    public static readonly string File = Path.Combine(Repo.Root, "demo", "register-2016-2020.json");

    public SuiteFactory Suite { get; } = new();
    public ProposalsService.ProposalsServiceClient Proposals { get; private set; } = null!;
    public (int Exit, string Output, string Error) FirstImport { get; private set; }

    public async Task InitializeAsync()
    {
        await Suite.StartHostAsync();
        Proposals = new ProposalsService.ProposalsServiceClient(Suite.Channel());
        FirstImport = await SecAsync("import", File);
        await SettledAsync();
    }

    /// <summary>Waits until the import's after-effects are over (the 2020 referral windows end at once in 2026).</summary>
    public Task SettledAsync() => Suite.SettledAsync();

    public async Task DisposeAsync() => await Suite.DisposeAsync();

    public async Task<(int Exit, string Output, string Error)> SecAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // `sec import` signs its own tokens with the suite's development key (--data); other commands send SEC_TOKEN.
        string[] command = args[0] == "import" ? [.. args, "--data", Suite.DataDirectory] : args;
        var token = Suite.Token();
        var exit = await SecCli.RunAsync(command, output, error, _ => Suite.Channel(actor: null), name => name == "SEC_TOKEN" ? token : null);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Every table of every context with its row count: a second import must leave it equal.</summary>
    public Task<string> EveryRowCountAsync() => Suite.EveryRowCountAsync();
}
