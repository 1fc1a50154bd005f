using Sec.Cli.Import;
using Spectre.Console;

namespace Sec.Cli.Commands;

/// <summary><c>sec import FILE</c>: loads a register file through the public APIs, with progress; running it again changes nothing.</summary>
internal static class ImportCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "A register file, such as demo/register-2016-2020.json." };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the other contexts to hear of a change.", DefaultValueFactory = _ => 60 };
        var import = new Command("import", "Load a register file (modifications, meetings, consultations, assessments, votes, releases); idempotent.") { file, wait };
        import.SetAction((p, ct) => cli.Guard(async () =>
        {
            var register = RegisterFile.Read(p.GetValue(file)!);
            var quiet = cli.WantsJson(p) || Console.IsOutputRedirected || cli.Output != Console.Out;
            IReadOnlyList<ImportedSection> sections;
            if (quiet)
            {
                var importer = new RegisterImporter(cli.Channel(p), cli.Who(p)) { Propagation = TimeSpan.FromSeconds(p.GetValue(wait)) };
                sections = await importer.RunAsync(register, ct);
            }
            else
            {
                sections = await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var bars = new Dictionary<string, ProgressTask>();
                        var importer = new RegisterImporter(cli.Channel(p), cli.Who(p), new Progress<ImportProgress>(step =>
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
}
