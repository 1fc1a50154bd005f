using System.Security.Cryptography;
using Grpc.Core;
using Sec.Cli.Identity;
using Sec.Cli.Import;
using Sec.ChangeBoard.V1;
using Sec.Identity;
using Spectre.Console;

namespace Sec.Cli.Commands;

/// <summary><c>sec import FILE</c>: loads a register file through the public APIs, with progress; running it again changes nothing.</summary>
internal static class ImportCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "A register file, such as demo/register-2016-2020.json." };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the other contexts to hear of a change.", DefaultValueFactory = _ => 60 };
        var data = cli.DataFolder();
        var import = new Command("import", "Load a register file (modifications, meetings, consultations, assessments, votes, releases); idempotent. "
            + "It signs its own tokens with the suite's development key (--data), each vote as its member; without the key it acts as the logged-in user.") { file, wait, data };
        import.SetAction((p, ct) => cli.Guard(async () =>
        {
            var register = RegisterFile.Read(p.GetValue(file)!);
            var callers = await CallersAsync(cli, cli.Channel(p), p.GetValue(data)!);
            var quiet = cli.WantsJson(p) || Console.IsOutputRedirected || cli.Output != Console.Out;
            IReadOnlyList<ImportedSection> sections;
            if (quiet)
            {
                var importer = new RegisterImporter(callers) { Propagation = TimeSpan.FromSeconds(p.GetValue(wait)) };
                sections = await importer.RunAsync(register, ct);
            }
            else
            {
                sections = await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var bars = new Dictionary<string, ProgressTask>();
                        var importer = new RegisterImporter(callers, new Progress<ImportProgress>(step =>
                        {
                            if (!bars.TryGetValue(step.Section, out var bar))
                                bars[step.Section] = bar = context.AddTask(step.Section, maxValue: Math.Max(step.Total, 1));
                            bar.Value = step.Total == 0 ? 1 : step.Done;
                        })) { Propagation = TimeSpan.FromSeconds(p.GetValue(wait)) };
                        return await importer.RunAsync(register, ct);
                    });
            }
            if (cli.WantsJson(p))
            {
                await cli.Output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(sections, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
                return;
            }
            foreach (var s in sections)
                await cli.Output.WriteLineAsync($"{s.Section,-24} {s.Added,4} added, {s.AlreadyThere,4} already there");
            await cli.Output.WriteLineAsync(sections.Sum(s => s.Added) == 0 ? "Nothing to do: the register already holds this file." : $"Imported '{register.Title}'.");
        }));
        return import;
    }

    /// <summary>The import's principal for the register's steps: every role but a Change Board member's, which only each member holds.</summary>
    private static readonly Principal Clerk = new("Register import", "SECAS", [SecRoles.Secas, SecRoles.Panel, SecRoles.Authority, SecRoles.Dcc, SecRoles.Operator]);

    /// <summary>Long enough for a large register, whose sections wait on the broker between them.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Acts as each party would: a token of its own for the register's steps and one for each member
    /// who votes, signed with the development key. Without the key (a suite elsewhere), every call
    /// carries the stored token, and the votes are the members' to cast.
    /// </summary>
    private static async Task<ImportCallers> CallersAsync(CliContext cli, ChannelBase channel, string data)
    {
        var keyFile = SigningKey.FileIn(data);
        Microsoft.IdentityModel.Tokens.RsaSecurityKey key;
        try
        {
            key = SigningKey.Load(keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            await cli.Error.WriteLineAsync($"note: the development signing key {keyFile} cannot be read ({ex.Message}), so the import acts as the logged-in user. "
                + "Change Board votes need each member's own token: unless this login is that member's, the suite refuses them.");
            var stored = cli.Calls(channel);
            return new ImportCallers(stored, (_, _, _) => stored);
        }
        var issuer = Development.Issuer(key);
        var members = new Dictionary<(string, VotingGroup), CallInvoker>();
        return new ImportCallers(
            cli.Calls(channel, issuer.Issue(Clerk, Lifetime)),
            (name, organisation, group) => members.TryGetValue((name, group), out var calls) ? calls : members[(name, group)] = cli.Calls(channel,
                issuer.Issue(new Principal(name, organisation, [SecRoles.ChangeBoardMember], SecClaims.VotingGroupOf(group.ToString())), Lifetime)));
    }
}
