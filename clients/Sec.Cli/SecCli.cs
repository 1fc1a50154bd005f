using Grpc.Net.Client;
using Sec.Cli.Commands;

namespace Sec.Cli;

/// <summary>
/// The <c>sec</c> commands. Each one calls the gateway over gRPC; a refusal prints its status and
/// every field violation and exits non-zero, and <c>--json</c> prints the answer for scripts.
/// </summary>
public static class SecCli
{
    /// <summary>
    /// Runs the CLI; <paramref name="channel"/> replaces the gateway connection and
    /// <paramref name="environment"/> the process's environment (SEC_HOME, SEC_TOKEN, SEC_DATA, SEC_GATEWAY) in tests.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, GrpcChannel>? channel = null,
        Func<string, string?>? environment = null)
    {
        var cli = new CliContext(output, error, channel ?? (address => GrpcChannel.ForAddress(address)), environment ?? Environment.GetEnvironmentVariable);
        var root = new RootCommand("The SEC change-management suite from the command line.") { cli.Gateway, cli.Json };
        foreach (var command in LoginCommands.Build(cli)
                     .Concat(RegisterCommands.Build(cli))
                     .Concat(ModificationPageCommands.Build(cli))
                     .Concat(LifecycleCommands.Build(cli))
                     .Concat(RefinementCommands.Build(cli))
                     .Append(AssessmentCommands.Build(cli))
                     .Append(DccCommands.Build(cli))
                     .Concat(ChangeBoardCommands.Build(cli))
                     .Append(ReleaseCommands.Build(cli))
                     .Append(ReportCommand.Build(cli))
                     .Concat(RecordCommands.Build(cli))
                     .Append(ImportCommand.Build(cli)))
            root.Subcommands.Add(command);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
