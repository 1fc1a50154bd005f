using Grpc.Core;
using Sec.Common.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// Keeping the record consistent: <c>sec discrepancies</c> lists what any context could not apply,
/// <c>sec discrepancies retry CONTEXT ID</c> applies one again, <c>sec discrepancies resolve CONTEXT ID
/// --reason ...</c> closes one; <c>sec check</c> compares every context with the register.
/// </summary>
internal static class RecordCommands
{
    private static readonly string[] Contexts = ["proposals", "assessments", "changeboard", "releases"];

    public static IEnumerable<Command> Build(CliContext cli)
    {
        var all = new Option<bool>("--all") { Description = "List resolved discrepancies too." };
        var list = new Command("discrepancies", "What each context could not apply, open ones first; retry or resolve each.") { all };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new ListDiscrepanciesRequest { IncludeResolved = p.GetValue(all) };
            var answers = await Task.WhenAll(Contexts.Select(c => ListAsync(cli, p, c, request, ct)));
            var found = answers.SelectMany(a => a.Discrepancies).ToList();
            if (cli.WantsJson(p))
            {
                var whole = new ListDiscrepanciesResponse { OpenCount = answers.Sum(a => a.OpenCount) };
                whole.Discrepancies.AddRange(found);
                await cli.Output.WriteLineAsync(CliContext.FormatJson(whole));
                return;
            }
            if (found.Count == 0)
            {
                await cli.Output.WriteLineAsync(p.GetValue(all) ? "No discrepancy has ever been recorded." : "No open discrepancy: every context applied every event it heard.");
                return;
            }
            foreach (var d in found)
                await cli.Output.WriteLineAsync(Line(d));
            await cli.Output.WriteLineAsync($"{answers.Sum(a => a.OpenCount)} open. Retry one with: sec discrepancies retry CONTEXT ID; resolve one with: sec discrepancies resolve CONTEXT ID --reason \"...\"");
        }));

        var context = new Argument<string>("context") { Description = "The context that holds it: proposals, assessments, changeboard or releases." };
        context.AcceptOnlyFromAmong(Contexts);
        var id = new Argument<long>("id") { Description = "The discrepancy's number in that context." };
        var retry = new Command("retry", "Apply a discrepancy's event again; it is resolved if it applies now.") { context, id };
        retry.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await RetryAsync(cli, p, p.GetValue(context)!, new RetryDiscrepancyRequest { Id = p.GetValue(id) }, ct);
            await cli.PrintAsync(p, answer, answer.Applied
                ? $"Applied: {Line(answer.Discrepancy)}"
                : $"Still open after {answer.Discrepancy.Attempts} attempts: {answer.Discrepancy.Reason}");
        }));
        list.Subcommands.Add(retry);

        var reason = new Option<string>("--reason") { Description = "Why it is resolved without applying its event.", Required = true };
        var resolve = new Command("resolve", "Close a discrepancy without applying its event, with the reason (SECAS).") { context, id, reason };
        resolve.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await ResolveAsync(cli, p, p.GetValue(context)!, new ResolveDiscrepancyRequest { Id = p.GetValue(id), Reason = p.GetValue(reason)! }, ct);
            await cli.PrintAsync(p, answer, $"Resolved: {Line(answer.Discrepancy)}");
        }));
        list.Subcommands.Add(resolve);
        yield return list;

        var check = new Command("check", "Compare every context's view of every modification, and what each holds, with the register; exits 3 when anything disagrees.");
        check.SetAction(async (p, ct) =>
        {
            var disagreeing = false;
            var exit = await cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).CheckConsistencyAsync(new CheckConsistencyRequest(), cancellationToken: ct);
            disagreeing = answer.Disagreements.Count > 0 || answer.OpenDiscrepancies.Count > 0;
            if (cli.WantsJson(p))
            {
                await cli.Output.WriteLineAsync(CliContext.FormatJson(answer));
                return;
            }
            disagreeing = answer.Disagreements.Count > 0 || answer.OpenDiscrepancies.Count > 0;
            foreach (var d in answer.Disagreements)
                await cli.Output.WriteLineAsync($"{d.Reference.Value}: {d.Context} {d.ContextSays}; the register: {d.RegisterSays}");
            foreach (var d in answer.OpenDiscrepancies)
                await cli.Output.WriteLineAsync(Line(d));
            await cli.Output.WriteLineAsync(answer.Disagreements.Count == 0 && answer.OpenDiscrepancies.Count == 0
                ? $"Consistent: {string.Join(", ", answer.ContextsChecked)} agree with the register on all {answer.ModificationsChecked} modifications, and no discrepancy is open."
                : $"{answer.Disagreements.Count} disagreement(s) and {answer.OpenDiscrepancies.Count} open discrepanc{(answer.OpenDiscrepancies.Count == 1 ? "y" : "ies")} across {answer.ModificationsChecked} modifications.");
        });
            return exit != 0 ? exit : disagreeing ? 3 : 0;
        });
        yield return check;
    }

    private static string Line(Discrepancy d) =>
        $"{d.Context} #{d.Id} {d.Event} {d.Reference?.Value} ({CliContext.Show(d.EffectiveOn)}), first seen {d.FirstSeenAt.ToDateTimeOffset():yyyy-MM-dd HH:mm}, "
        + $"{d.Attempts} attempt{(d.Attempts == 1 ? "" : "s")}: {d.Reason}"
        + (d.ResolvedAt is null ? "" : $" [resolved {d.ResolvedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm} by {d.ResolvedBy}: {d.Resolution}]");

    private static Task<ListDiscrepanciesResponse> ListAsync(CliContext cli, ParseResult p, string context, ListDiscrepanciesRequest request, CancellationToken ct) => context switch
    {
        "proposals" => cli.Proposals(p).ListDiscrepanciesAsync(request, cancellationToken: ct).ResponseAsync,
        "assessments" => cli.Assessments(p).ListDiscrepanciesAsync(request, cancellationToken: ct).ResponseAsync,
        "changeboard" => cli.ChangeBoard(p).ListDiscrepanciesAsync(request, cancellationToken: ct).ResponseAsync,
        _ => cli.Releases(p).ListDiscrepanciesAsync(request, cancellationToken: ct).ResponseAsync,
    };

    private static Task<RetryDiscrepancyResponse> RetryAsync(CliContext cli, ParseResult p, string context, RetryDiscrepancyRequest request, CancellationToken ct) => context switch
    {
        "proposals" => cli.Proposals(p).RetryDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        "assessments" => cli.Assessments(p).RetryDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        "changeboard" => cli.ChangeBoard(p).RetryDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        _ => cli.Releases(p).RetryDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
    };

    private static Task<ResolveDiscrepancyResponse> ResolveAsync(CliContext cli, ParseResult p, string context, ResolveDiscrepancyRequest request, CancellationToken ct) => context switch
    {
        "proposals" => cli.Proposals(p).ResolveDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        "assessments" => cli.Assessments(p).ResolveDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        "changeboard" => cli.ChangeBoard(p).ResolveDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
        _ => cli.Releases(p).ResolveDiscrepancyAsync(request, cancellationToken: ct).ResponseAsync,
    };
}
