using Sec.Releases.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// SEC Releases: <c>sec release create|scope|rid|go|no-go|implement|list|upcoming|with|implemented</c>;
/// a release is named by its name or its id.
/// </summary>
internal static class ReleaseCommands
{
    public static Command Build(CliContext cli)
    {
        var release = new Argument<string>("release") { Description = "The release's name (\"June 2020 SEC Release\") or id." };
        var on = new Option<DateOnly>("--on") { Description = "The date (yyyy-mm-dd).", Required = true };

        var name = new Option<string>("--name") { Description = "Its name, for example \"June 2020 SEC Release\".", Required = true };
        var type = OneOf("--type", "major (June, November), minor (February) or standalone.", "major", "minor", "standalone");
        var implementationDate = new Option<DateOnly>("--on") { Description = "The implementation date (yyyy-mm-dd).", Required = true };
        var create = new Command("create", "Create a release with its implementation date; prints its id.") { name, type, implementationDate };
        create.SetAction((p, ct) => cli.Guard(async () =>
        {
            var created = (await cli.Releases(p).CreateReleaseAsync(new CreateReleaseRequest
            {
                Name = p.GetValue(name)!,
                Type = TypeOf(p.GetValue(type)!),
                ImplementationDate = Date(p.GetValue(implementationDate)),
            }, cancellationToken: ct)).Release;
            await cli.PrintAsync(p, created, Line(created));
        }));

        var go = new Option<string?>("--override") { Description = "Why go despite unmet acceptance criteria; needed only then." };
        var decideGo = new Command("go", "The Panel decides go; refused while an acceptance criterion is unmet, unless --override gives the reason.") { release, on, go };
        decideGo.SetAction((p, ct) => cli.Guard(async () => await DecideAsync(cli, p, await ReleaseIdAsync(cli, p, release, ct), true, p.GetValue(on), p.GetValue(go), ct)));
        var decideNoGo = new Command("no-go", "The Panel decides no-go; the release will not go live.") { release, on };
        decideNoGo.SetAction((p, ct) => cli.Guard(async () => await DecideAsync(cli, p, await ReleaseIdAsync(cli, p, release, ct), false, p.GetValue(on), null, ct)));

        var implement = new Command("implement", "Implement the release now (it also goes live by itself on its date): every approved modification in scope becomes Implemented.") { release };
        implement.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).ImplementReleaseAsync(new ImplementReleaseRequest { ReleaseId = await ReleaseIdAsync(cli, p, release, ct) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, $"{answer.Release.Name}: {Status(answer.Release.Status)}; "
                + (answer.Implemented.Count == 0 ? "no modifications published as implemented" : $"implemented {string.Join(", ", answer.Implemented.Select(r => r.Value))}"));
        }));

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date (yyyy-mm-dd); today if left out." };
        var upcoming = new Command("upcoming", "Releases not yet implemented on a date, with their scope.") { asOf };
        upcoming.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Contents(answer.Releases, "No upcoming releases."));
        }));

        var reference = ReferenceArgument();
        var with = new Command("with", "The releases a modification is in.") { reference };
        with.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).ListReleasesWithModificationAsync(new ListReleasesWithModificationRequest { Reference = Reference(p.GetValue(reference)!) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Contents(answer.Releases, $"{p.GetValue(reference)} is in no release."));
        }));

        var month = new Option<string>("--month") { Description = "The month, yyyy-mm.", Required = true };
        var implemented = new Command("implemented", "The releases implemented in a month, with what they implemented.") { month };
        implemented.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).ListImplementedInMonthAsync(new ListImplementedInMonthRequest { Month = p.GetValue(month)! }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, Contents(answer.Releases, $"No release was implemented in {p.GetValue(month)}."));
        }));

        var list = new Command("list", "Every release, cancelled and no-go ones too, upcoming and past, each as it stood on a date (today if left out), with its moves.") { asOf };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var on = p.GetValue(asOf) ?? Today;
            var answer = await cli.Releases(p).ListReleasesAsync(new ListReleasesRequest { AsOf = p.GetValue(asOf) is { } d ? Iso(d) : "" }, cancellationToken: ct);
            var all = answer.Releases.ToList();
            var upcoming = all.Where(r => Day(r) > on).SelectMany(Lines).ToList();
            var past = all.Where(r => Day(r) <= on).SelectMany(Lines).ToList();
            await cli.PrintAsync(p, answer, all.Count == 0 ? "No releases."
                : string.Join(Environment.NewLine, upcoming.Count == 0 ? [$"Upcoming after {Show(Date(on))}: none"] : upcoming.Prepend($"Upcoming after {Show(Date(on))}:"))
                  + Environment.NewLine
                  + string.Join(Environment.NewLine, past.Count == 0 ? ["Past: none"] : past.Prepend("Past:")));
        }));

        var to = new Option<DateOnly>("--to") { Description = "The new implementation date (yyyy-mm-dd).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept with the release).", Required = true };
        var reschedule = new Command("reschedule", "The Panel moves the release to another date (--on: when it decided); the old date is kept, and go-live moves with it.") { release, to, on, reason };
        reschedule.SetAction((p, ct) => cli.Guard(async () =>
        {
            var moved = (await cli.Releases(p).RescheduleReleaseAsync(new RescheduleReleaseRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct), ImplementationDate = Date(p.GetValue(to)), DecidedOn = Date(p.GetValue(on)), Reason = p.GetValue(reason)!,
            }, cancellationToken: ct)).Release;
            await cli.PrintAsync(p, moved, string.Join(Environment.NewLine, Lines(moved)));
        }));
        var cancel = new Command("cancel", "The Panel cancels a release still to go live (--on: when); what is in its scope leaves it that day.") { release, on, reason };
        cancel.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).CancelReleaseAsync(new CancelReleaseRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct), CancelledOn = Date(p.GetValue(on)), Reason = p.GetValue(reason)!,
            }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, string.Join(Environment.NewLine, Lines(answer.Release).Concat(answer.Exits.Select(e => $"  left its scope: {Line(e)}"))));
        }));

        return new Command("release", "SEC Releases: create, scope, the RID, go/no-go, reschedule, cancel, implement, and the lists.")
        {
            create, Scope(cli, release, on), Rid(cli, release, on), decideGo, decideNoGo, reschedule, cancel, implement, list, upcoming, with, implemented,
        };
    }

    private static Command Scope(CliContext cli, Argument<string> release, Option<DateOnly> on)
    {
        var reference = ReferenceArgument();
        var part = new Option<int>("--part") { Description = "The part in this release (1 to 9) when the modification is split; 0 (the default) when it is not." };

        var kind = OneOf("--kind", "approved, or targeted (in only if approved by its cut-off).", "approved", "targeted");
        var cutOff = new Option<DateOnly?>("--cut-off") { Description = "For a targeted modification, the decision cut-off (yyyy-mm-dd)." };
        var add = new Command("add", "Put a modification (or one part of it) in the release's scope.") { release, reference, kind, cutOff, part, on };
        add.SetAction((p, ct) => cli.Guard(async () =>
        {
            var entry = (await cli.Releases(p).AddToScopeAsync(new AddToScopeRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct),
                Reference = Reference(p.GetValue(reference)!),
                Part = p.GetValue(part),
                Kind = p.GetValue(kind) == "approved" ? ScopeKind.Approved : ScopeKind.Targeted,
                DecisionCutOff = Date(p.GetValue(cutOff)),
                EffectiveOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Entry;
            await cli.PrintAsync(p, entry, $"In scope: {Line(entry)}");
        }));

        var reason = new Option<string>("--reason") { Description = "Why it leaves the scope.", Required = true };
        var remove = new Command("remove", "Take a modification (or one part) out of the release's scope, keeping the reason.") { release, reference, part, reason, on };
        remove.SetAction((p, ct) => cli.Guard(async () =>
        {
            var exit = (await cli.Releases(p).RemoveFromScopeAsync(new RemoveFromScopeRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct),
                Reference = Reference(p.GetValue(reference)!),
                Part = p.GetValue(part),
                Reason = p.GetValue(reason)!,
                EffectiveOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Exit;
            await cli.PrintAsync(p, exit, $"Left the scope: {Line(exit)}");
        }));

        var documents = new Option<string[]>("--document")
        {
            Description = "An SEC document it may affect (SMETS2, GBCS, DUIS ...); repeat, or give several after one --document.", AllowMultipleArgumentsPerToken = true,
        };
        var systems = new Option<string[]>("--system")
        {
            Description = "A system it may affect (DCC, SMS, DCC Users, TBC ...); repeat, or give several after one --system.", AllowMultipleArgumentsPerToken = true,
        };
        var impacts = new Command("impacts", "Record an entry's potential impacts (SEC documents, systems) from a date on; replaces the lists from then, keeping the earlier ones (SECAS).")
        {
            release, reference, part, documents, systems, on,
        };
        impacts.SetAction((p, ct) => cli.Guard(async () =>
        {
            var entry = (await cli.Releases(p).RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct),
                Reference = Reference(p.GetValue(reference)!),
                Part = p.GetValue(part),
                PotentialDocumentImpacts = { p.GetValue(documents) ?? [] },
                PotentialSystemImpacts = { p.GetValue(systems) ?? [] },
                EffectiveOn = Date(p.GetValue(on)),
            }, cancellationToken: ct)).Entry;
            await cli.PrintAsync(p, entry, $"Potential impacts: {Line(entry)}");
        }));

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date (yyyy-mm-dd); today if left out." };
        var show = new Command("show", "The scope on a date, with targeted modifications past their cut-off flagged, and what left it.") { release, asOf };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var scope = await cli.Releases(p).GetScopeAsync(new GetScopeRequest { ReleaseId = await ReleaseIdAsync(cli, p, release, ct), AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            var lines = scope.Entries.Select(Line).Concat(scope.Exits.Select(e => $"left: {Line(e)}")).ToList();
            await cli.PrintAsync(p, scope, lines.Count == 0 ? "Nothing in scope." : string.Join(Environment.NewLine, lines));
        }));

        return new Command("scope", "A release's scope: add, remove, potential impacts, show.") { add, remove, impacts, show };
    }

    private static Command Rid(CliContext cli, Argument<string> release, Option<DateOnly> on)
    {
        var label = new Argument<string>("version") { Description = "The version label, for example 0.1, 1.0 or 1.1." };
        var changes = new Option<string>("--changes") { Description = "What the version changes.", Required = true };
        var dated = new Option<DateOnly>("--dated") { Description = "The version's date (yyyy-mm-dd).", Required = true };
        var version = new Command("version", "Start a new draft version of the RID from the latest one.") { release, label, dated, changes };
        version.SetAction((p, ct) => cli.Guard(async () =>
        {
            var rid = (await cli.Releases(p).StartRidVersionAsync(new StartRidVersionRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct), Version = p.GetValue(label)!, Dated = Date(p.GetValue(dated)), Changes = p.GetValue(changes)!,
            }, cancellationToken: ct)).Rid;
            await cli.PrintAsync(p, rid, Headline(rid));
        }));

        var file = new Option<string>("--file") { Description = "A JSON file of the RID's content (a RidContent message: impacts, timeline, test phases, costs, SECAS effort, acceptance criteria).", Required = true };
        var edit = new Command("edit", "Replace the draft version's content; refused once it is baselined.") { release, file };
        edit.SetAction((p, ct) => cli.Guard(async () =>
        {
            var content = ReadJson<RidContent>(p.GetValue(file)!);
            var rid = (await cli.Releases(p).EditRidAsync(new EditRidRequest { ReleaseId = await ReleaseIdAsync(cli, p, release, ct), Content = content }, cancellationToken: ct)).Rid;
            await cli.PrintAsync(p, rid, Headline(rid));
        }));

        var baseline = new Command("baseline", "The Panel baselines the current draft: it never changes again.") { release, on };
        baseline.SetAction((p, ct) => cli.Guard(async () =>
        {
            var rid = (await cli.Releases(p).BaselineRidAsync(new BaselineRidRequest { ReleaseId = await ReleaseIdAsync(cli, p, release, ct), BaselinedOn = Date(p.GetValue(on)) }, cancellationToken: ct)).Rid;
            await cli.PrintAsync(p, rid, Headline(rid));
        }));

        var which = new Option<string?>("--version") { Description = "A past version's label; the current version if left out." };
        var show = new Command("show", "Show the RID: its version, scope, acceptance criteria and costs.") { release, which };
        show.SetAction((p, ct) => cli.Guard(async () =>
        {
            var rid = (await cli.Releases(p).GetRidAsync(new GetRidRequest { ReleaseId = await ReleaseIdAsync(cli, p, release, ct), Version = p.GetValue(which) ?? "" }, cancellationToken: ct)).Rid;
            var lines = new List<string> { Headline(rid) };
            lines.AddRange(rid.Scope.Select(e => $"  {Line(e)}"));
            lines.AddRange(rid.Content.AcceptanceCriteria.Select(a => $"  [{(a.Met ? "x" : " ")}] {a.Text}"));
            if (rid.Costs?.ApprovedTotal is { } approved)
                lines.Add($"  DCC implementation costs of the approved modifications: {Pounds(approved.LowPence, approved.HighPence)}");
            await cli.PrintAsync(p, rid, string.Join(Environment.NewLine, lines));
        }));

        var from = new Argument<string>("from") { Description = "The earlier version." };
        var to = new Argument<string>("to") { Description = "The later version." };
        var compare = new Command("compare", "Compare two versions of the RID, section by section.") { release, from, to };
        compare.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Releases(p).CompareRidVersionsAsync(new CompareRidVersionsRequest
            {
                ReleaseId = await ReleaseIdAsync(cli, p, release, ct), FromVersion = p.GetValue(from)!, ToVersion = p.GetValue(to)!,
            }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Differences.Count == 0 ? "No differences."
                : string.Join(Environment.NewLine, answer.Differences.SelectMany(d =>
                    d.Added.Select(a => $"{d.Section}: + {a}").Concat(d.Removed.Select(r => $"{d.Section}: - {r}")))));
        }));

        return new Command("rid", "The Release Implementation Document: start a version, edit, baseline, show, compare.") { version, edit, baseline, show, compare };
    }

    private static async Task DecideAsync(CliContext cli, ParseResult p, string release, bool go, DateOnly on, string? overrideReason, CancellationToken ct)
    {
        var decided = (await cli.Releases(p).DecideGoNoGoAsync(new DecideGoNoGoRequest
        {
            ReleaseId = release, Go = go, DecidedOn = Date(on), OverrideReason = overrideReason ?? "",
        }, cancellationToken: ct)).Release;
        await cli.PrintAsync(p, decided, Line(decided));
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    private static DateOnly Day(Release r) => new(r.ImplementationDate.Year, r.ImplementationDate.Month, r.ImplementationDate.Day);

    /// <summary>Every release, cancelled and no-go ones too, by implementation date.</summary>
    private static async Task<List<Release>> AllAsync(CliContext cli, ParseResult p, CancellationToken ct) =>
        (await cli.Releases(p).ListReleasesAsync(new ListReleasesRequest(), cancellationToken: ct)).Releases.ToList();

    /// <summary>A release's line, then its moves and its cancellation, indented.</summary>
    private static IEnumerable<string> Lines(Release r) =>
        r.Moves.Select(m => $"    moved from {Show(m.From)} to {Show(m.To)} on {Show(m.DecidedOn)}: {m.Reason}")
            .Concat(r.CancelledOn is null ? [] : [$"    cancelled on {Show(r.CancelledOn)}: {r.CancelReason}"])
            .Prepend("  " + Line(r));

    /// <summary>The release a command names: an id as it is, or a release's name (any case), so no one copies an id.</summary>
    private static async Task<string> ReleaseIdAsync(CliContext cli, ParseResult p, Argument<string> argument, CancellationToken ct)
    {
        var named = p.GetValue(argument)!.Trim();
        if (Guid.TryParse(named, out _))
            return named;
        var matches = (await AllAsync(cli, p, ct)).Where(r => string.Equals(r.Name, named, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0].ReleaseId,
            0 => throw new CliInputException($"no release is named \"{named}\"; sec release list shows them"),
            _ => throw new CliInputException($"{matches.Count} releases are named \"{named}\"; give the id"),
        };
    }

    /// <summary>One release: its id, name, status, type and implementation date.</summary>
    public static string Line(Release r) => $"{r.ReleaseId}  {r.Name}: {Status(r.Status)} ({r.Type.ToString().ToLowerInvariant()}, implementation {Show(r.ImplementationDate)})";

    private static string Line(ScopeEntry e) =>
        $"{Label(e.Reference, e.Part),-18} {(e.Kind == ScopeKind.Approved ? "approved" : $"targeted{(e.DecisionCutOff is null ? "" : $" (cut-off {Show(e.DecisionCutOff)})")}")}{(e.PastCutOff ? ", past its cut-off" : "")}{(e.Title.Length == 0 ? "" : $"  {e.Title}")}"
        + (e.PotentialDocumentImpacts.Count + e.PotentialSystemImpacts.Count == 0 ? ""
            : $"; potential impacts: documents {Listed(e.PotentialDocumentImpacts)}, systems {Listed(e.PotentialSystemImpacts)}");

    private static string Listed(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private static string Line(ScopeExit e) => $"{Label(e.Reference, e.Part)} on {Show(e.LeftOn)}: {e.Reason}";

    private static string Label(Common.V1.ModificationReference reference, int part) => part == 0 ? reference.Value : $"{reference.Value} part {part}";

    private static string Headline(Rid rid) =>
        $"{rid.Release.Name} RID {(rid.Version is null ? "(no version yet)" : $"version {rid.Version.Version}{(rid.Version.Baselined ? ", baselined" : ", draft")}")}: {Status(rid.Release.Status)}"
        + (rid.GoNoGo.Length == 0 ? "" : $"; {rid.GoNoGo}");

    private static string Contents(IEnumerable<ReleaseContents> releases, string none) => !releases.Any() ? none
        : string.Join(Environment.NewLine, releases.SelectMany(r => r.Scope.Select(e => $"  {Line(e)}").Prepend(Line(r.Release))));

    /// <summary>A release type by the name the CLI and register files use: major, minor or standalone.</summary>
    internal static ReleaseType TypeOf(string name) => name switch { "major" => ReleaseType.Major, "minor" => ReleaseType.Minor, _ => ReleaseType.Standalone };

    private static string Status(ReleaseStatus status) => status switch
    {
        ReleaseStatus.NoGo => "no-go",
        _ => status.ToString().ToLowerInvariant(),
    };
}
