using Sec.Cli;

namespace Sec.ServiceTests.Cli;

/// <summary>Runs the <c>sec</c> commands against a suite of the test's own, with a folder for the files they read and write.</summary>
public abstract class CliSuiteTests(DateTimeOffset now) : SuiteTests(now)
{
    protected string Files { get; } = Path.Combine(Path.GetTempPath(), "sec-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Files))
            Directory.Delete(Files, recursive: true);
    }

    /// <summary>One command, as the shell would run it: its exit code and what it wrote to each stream.</summary>
    protected async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SecCli.RunAsync(args, output, error, _ => Suite.Channel(actor: null));
        return (exit, output.ToString(), error.ToString());
    }
}
