using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Sec.BuildingBlocks.Api;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.BuildingBlocks.Timers;
using Sec.Releases.Domain;
using Sec.Releases.Messaging;
using Sec.Releases.Storage;
using Sec.Releases.V1;
using Proto = Sec.Releases.V1;
using Release = Sec.Releases.Domain.Release;
using ReleaseStatus = Sec.Releases.Domain.ReleaseStatus;
using ReleaseType = Sec.Releases.Domain.ReleaseType;
using RidVersion = Sec.Releases.Domain.RidVersion;
using ScopeEntry = Sec.Releases.Domain.ScopeEntry;
using ScopeKind = Sec.Releases.Domain.ScopeKind;

namespace Sec.Releases.Api;

/// <summary>The Releases context's gRPC surface: releases, scope, the RID and go-live.</summary>
public sealed class ReleasesApi(ReleasesStore store, ReleaseRepository releases, GoLive goLive, IClock clock) : ReleasesService.ReleasesServiceBase
{
    private static readonly JsonFormatter ContentWriter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task<CreateReleaseResponse> CreateRelease(CreateReleaseRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        ReleaseType? type = request.Type is > Proto.ReleaseType.Unspecified and <= Proto.ReleaseType.Standalone ? (ReleaseType)request.Type : null;
        var date = checks.Date(request.ImplementationDate, "implementation_date");
        Release.Check(request.Name, type, date, checks);
        checks.ThrowIfAny();
        var release = new Release(Guid.NewGuid().ToString("D"), request.Name.Trim(), type!.Value, date, ReleaseStatus.Planned, null, 1);
        await store.InTransactionAsync(async (c, tx) =>
        {
            if ((await releases.ReleasesAsync(c, context.CancellationToken)).Any(r => r.Name.Equals(release.Name, StringComparison.OrdinalIgnoreCase)))
                throw new AlreadyExists($"There is a release named '{release.Name}' already.");
            await releases.InsertReleaseAsync(c, tx, release);
            // A release recorded after its date is history: its go-live is recorded explicitly, once
            // its scope is in, rather than fired at once by the timer.
            if (GoLive.DueAt(date) > clock.UtcNow)
                await DurableTimers.ScheduleAsync(c, tx, store.Schema, GoLive.Kind, release.Id, GoLive.DueAt(date), null, clock.UtcNow);
        }, context.CancellationToken);
        return new CreateReleaseResponse { Release = ToProto(release) };
    }

    public override async Task<AddToScopeResponse> AddToScope(AddToScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ReleaseId, "release_id", 36).Check(request.Part is >= 0 and <= 9, "part", "must be 0 (not split) or a part number from 1 to 9");
        var reference = checks.Reference(request.Reference, "reference.value");
        ScopeKind? kind = request.Kind switch { Proto.ScopeKind.Approved => ScopeKind.Approved, Proto.ScopeKind.Targeted => ScopeKind.Targeted, _ => null };
        checks.Check(kind is not null, "kind", "must be approved or targeted");
        DateOnly? cutOff = request.DecisionCutOff is null ? null : checks.Date(request.DecisionCutOff, "decision_cut_off");
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        var entry = await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            if (release.Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
                throw new MoveNotAllowed($"{release.Name} is {release.Status}; its scope can no longer change.");
            var known = await KnownModifications.RequireAsync(c, tx, store.Schema, reference!, "reference.value");
            ScopeRules.CheckAdd(await releases.ScopeAsync(c, tx, release.Id, context.CancellationToken), known, request.Part);
            var added = new ScopeEntry(release.Id, known, request.Part, kind!.Value, cutOff, on, kind == ScopeKind.Approved ? on : null, null, null);
            await releases.InsertScopeAsync(c, tx, added);
            return added;
        }, context.CancellationToken);
        await using var read = await store.OpenAsync(context.CancellationToken);
        return new AddToScopeResponse { Entry = ToProto(entry, await TitleAsync(read, entry.Reference), on) };
    }

    public override async Task<RemoveFromScopeResponse> RemoveFromScope(RemoveFromScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.ReleaseId, "release_id", 36).RequiredText(request.Reason, "reason", 500);
        var reference = checks.Reference(request.Reference, "reference.value");
        var on = checks.Date(request.EffectiveOn, "effective_on");
        checks.ThrowIfAny();
        await store.InTransactionAsync(async (c, tx) =>
        {
            await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            if (await releases.LeaveAsync(c, tx, request.ReleaseId, reference!.Value, request.Part, on, request.Reason.Trim()) == 0)
                throw new NotFound($"{reference}{(request.Part == 0 ? "" : $" part {request.Part}")} is not in this release's scope.");
        }, context.CancellationToken);
        return new RemoveFromScopeResponse
        {
            Exit = new ScopeExit { Reference = new Common.V1.ModificationReference { Value = reference!.Value }, Part = request.Part, Reason = request.Reason.Trim(), LeftOn = on.ToProto() },
        };
    }

    public override async Task<GetScopeResponse> GetScope(GetScopeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        await using var c = await store.OpenAsync(context.CancellationToken);
        await releases.ReleaseAsync(c, null, request.ReleaseId, context.CancellationToken);
        var scope = await releases.ScopeAsync(c, null, request.ReleaseId, context.CancellationToken);
        var response = new GetScopeResponse();
        response.Entries.AddRange(await ScopeOnAsync(c, request.ReleaseId, scope, asOf, context.CancellationToken));
        response.Exits.AddRange(scope.Where(e => e.LeftOn is { } left && left <= asOf).Select(e => new ScopeExit
        {
            Reference = new Common.V1.ModificationReference { Value = e.Reference }, Part = e.Part, Reason = e.LeftReason ?? "", LeftOn = e.LeftOn!.Value.ToProto(),
        }));
        return response;
    }

    public override async Task<EditRidResponse> EditRid(EditRidRequest request, ServerCallContext context)
    {
        var content = request.Content ?? new RidContent();
        var rid = await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            var checks = new FieldChecks();
            RidContentRules.Check(content, release.ImplementationDate, checks);
            checks.ThrowIfAny();
            var versions = await releases.VersionsAsync(c, tx, release.Id, context.CancellationToken);
            var current = versions.LastOrDefault() ?? throw new MoveNotAllowed($"{release.Name} has no RID version yet; start version 0.1 first.");
            RidVersions.RequireDraft(current);
            await releases.UpdateVersionAsync(c, tx, release.Id, current with { Content = ContentWriter.Format(content) });
            return release.Id;
        }, context.CancellationToken);
        return new EditRidResponse { Rid = await RidAsync(rid, null, context.CancellationToken) };
    }

    public override async Task<StartRidVersionResponse> StartRidVersion(StartRidVersionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.Version, "version", 20).RequiredText(request.Changes, "changes", 4000);
        var dated = checks.Date(request.Dated, "dated");
        checks.ThrowIfAny();
        await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            var versions = await releases.VersionsAsync(c, tx, release.Id, context.CancellationToken);
            RidVersions.CheckNew(versions, request.Version.Trim());
            var content = versions.Count == 0 ? ContentWriter.Format(new RidContent()) : versions[^1].Content;
            // The version being replaced keeps the scope it had, as a snapshot, like a baseline.
            if (versions.Count > 0 && versions[^1].ScopeSnapshot is null)
                await releases.UpdateVersionAsync(c, tx, release.Id, versions[^1] with { ScopeSnapshot = await SnapshotAsync(c, tx, release.Id, versions[^1].Dated, context.CancellationToken) });
            await releases.InsertVersionAsync(c, tx, release.Id, versions.Count + 1, new RidVersion(request.Version.Trim(), dated, request.Changes.Trim(), false, content, null));
        }, context.CancellationToken);
        return new StartRidVersionResponse { Rid = await RidAsync(request.ReleaseId, null, context.CancellationToken) };
    }

    public override async Task<BaselineRidResponse> BaselineRid(BaselineRidRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var on = checks.Date(request.BaselinedOn, "baselined_on");
        checks.ThrowIfAny();
        await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            var versions = await releases.VersionsAsync(c, tx, release.Id, context.CancellationToken);
            var current = versions.LastOrDefault() ?? throw new MoveNotAllowed($"{release.Name} has no RID version to baseline.");
            RidVersions.RequireDraft(current);
            await releases.UpdateVersionAsync(c, tx, release.Id, current with { Baselined = true, ScopeSnapshot = await SnapshotAsync(c, tx, release.Id, on, context.CancellationToken) });
            if (release.Status == ReleaseStatus.Planned)
                await releases.SaveReleaseAsync(c, tx, release, release with { Status = ReleaseStatus.Baselined, Version = release.Version + 1 });
        }, context.CancellationToken);
        return new BaselineRidResponse { Rid = await RidAsync(request.ReleaseId, null, context.CancellationToken) };
    }

    public override async Task<GetRidResponse> GetRid(GetRidRequest request, ServerCallContext context) =>
        new() { Rid = await RidAsync(request.ReleaseId, string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim(), context.CancellationToken) };

    public override async Task<CompareRidVersionsResponse> CompareRidVersions(CompareRidVersionsRequest request, ServerCallContext context)
    {
        var from = await RidAsync(request.ReleaseId, request.FromVersion, context.CancellationToken);
        var to = await RidAsync(request.ReleaseId, request.ToVersion, context.CancellationToken);
        var response = new CompareRidVersionsResponse();
        foreach (var (section, before, after) in RidComparison.Sections(from, to))
        {
            var added = after.Except(before).ToList();
            var removed = before.Except(after).ToList();
            if (added.Count + removed.Count == 0)
                continue;
            var difference = new RidDifference { Section = section };
            difference.Added.AddRange(added);
            difference.Removed.AddRange(removed);
            response.Differences.Add(difference);
        }
        return response;
    }

    public override async Task<DecideGoNoGoResponse> DecideGoNoGo(DecideGoNoGoRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var on = checks.Date(request.DecidedOn, "decided_on");
        checks.OptionalText(request.OverrideReason, "override_reason", 2000);
        checks.ThrowIfAny();
        var decided = await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            var versions = await releases.VersionsAsync(c, tx, release.Id, context.CancellationToken);
            var content = versions.Count == 0 ? new RidContent() : RidContent.Parser.ParseJson(versions[^1].Content);
            var unmet = content.AcceptanceCriteria.Where(a => !a.Met).Select(a => a.Text).ToList();
            var after = release.Decide(request.Go, on, unmet, request.OverrideReason);
            await releases.SaveReleaseAsync(c, tx, release, after);
            return after;
        }, context.CancellationToken);
        return new DecideGoNoGoResponse { Release = ToProto(decided) };
    }

    public override async Task<ImplementReleaseResponse> ImplementRelease(ImplementReleaseRequest request, ServerCallContext context)
    {
        var (release, published) = await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken);
            // Going live early would record implementation on a date still to come.
            if (release.Status != ReleaseStatus.Implemented && release.ImplementationDate > clock.Today)
                throw new MoveNotAllowed($"{release.Name} goes live on {release.ImplementationDate:d MMMM yyyy}; it cannot be implemented before then.");
            var published = await goLive.ImplementAsync(c, tx, release, context.CancellationToken);
            return (await releases.ReleaseAsync(c, tx, request.ReleaseId, context.CancellationToken), published);
        }, context.CancellationToken);
        var response = new ImplementReleaseResponse { Release = ToProto(release) };
        response.Implemented.AddRange(published.Select(r => new Common.V1.ModificationReference { Value = r }));
        return response;
    }

    public override async Task<ListUpcomingReleasesResponse> ListUpcomingReleases(ListUpcomingReleasesRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var asOf = checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        return await ContentsAsync(r => r.ImplementationDate > asOf && r.Status is not (ReleaseStatus.Cancelled or ReleaseStatus.NoGo), _ => asOf, _ => true, context.CancellationToken,
            (response, item) => response.Releases.Add(item), new ListUpcomingReleasesResponse());
    }

    public override async Task<ListReleasesWithModificationResponse> ListReleasesWithModification(ListReleasesWithModificationRequest request, ServerCallContext context)
    {
        var reference = ModificationReference.Parse(request.Reference?.Value, "reference.value");
        return await ContentsAsync(_ => true, r => r.ImplementationDate, e => e.Reference == reference.Value, context.CancellationToken,
            (response, item) => { if (item.Scope.Count > 0) response.Releases.Add(item); }, new ListReleasesWithModificationResponse());
    }

    public override async Task<ListImplementedInMonthResponse> ListImplementedInMonth(ListImplementedInMonthRequest request, ServerCallContext context)
    {
        if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new InvalidFields("month", $"'{request.Month}' is not a month in the form yyyy-mm");
        var last = first.AddMonths(1).AddDays(-1);
        return await ContentsAsync(r => r.Status == ReleaseStatus.Implemented && r.ImplementationDate >= first && r.ImplementationDate <= last,
            r => r.ImplementationDate, _ => true, context.CancellationToken, (response, item) => response.Releases.Add(item), new ListImplementedInMonthResponse());
    }

    public override async Task<GetKnownModificationResponse> GetKnownModification(GetKnownModificationRequest request, ServerCallContext context) =>
        new() { Modification = await KnownModifications.LookupAsync(store, request.Reference, context.CancellationToken) };

    /// <summary>The scope as it stood on a day, kept with a version so it never changes afterwards.</summary>
    private async Task<string> SnapshotAsync(DbConnection c, DbTransaction tx, string releaseId, DateOnly on, CancellationToken ct)
    {
        var scope = (await releases.ScopeAsync(c, tx, releaseId, ct)).Where(e => e.InScopeOn(on))
            .Select(e => e with { ApprovedOn = e.KindOn(on) == ScopeKind.Approved ? e.ApprovedOn : null, LeftOn = null, LeftReason = null }).ToList();
        return JsonSerializer.Serialize(scope, Json);
    }

    /// <summary>Releases chosen by <paramref name="which"/>, each with its scope on the date <paramref name="on"/> gives.</summary>
    private async Task<TResponse> ContentsAsync<TResponse>(Func<Release, bool> which, Func<Release, DateOnly> on, Func<ScopeEntry, bool> entries,
        CancellationToken ct, Action<TResponse, ReleaseContents> add, TResponse response)
    {
        await using var c = await store.OpenAsync(ct);
        foreach (var release in (await releases.ReleasesAsync(c, ct)).Where(which))
        {
            var item = new ReleaseContents { Release = ToProto(release) };
            var scope = await releases.ScopeAsync(c, null, release.Id, ct);
            item.Scope.AddRange(await ScopeOnAsync(c, release.Id, scope.Where(entries), on(release), ct));
            add(response, item);
        }
        return response;
    }

    /// <summary>The whole RID: a named version (its baseline snapshot) or the current one.</summary>
    private async Task<Rid> RidAsync(string releaseId, string? label, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(releaseId))
            throw new InvalidFields("release_id", "is required");
        await using var c = await store.OpenAsync(ct);
        var release = await releases.ReleaseAsync(c, null, releaseId, ct);
        var versions = await releases.VersionsAsync(c, null, releaseId, ct);
        var version = label is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Label == label)
            ?? throw new NotFound($"{release.Name}'s RID has no version {label}.");
        var content = version is null ? new RidContent() : RidContent.Parser.ParseJson(version.Content);
        // A snapshot holds exactly the scope it was taken with; the live draft shows today's.
        var on = version?.ScopeSnapshot is not null ? DateOnly.MaxValue.AddDays(-1) : clock.Today;
        var scope = version?.ScopeSnapshot is { } snapshot
            ? JsonSerializer.Deserialize<List<ScopeEntry>>(snapshot, Json)!
            : (await releases.ScopeAsync(c, null, releaseId, ct)).ToList();
        var rid = new Rid
        {
            Release = ToProto(release),
            Version = version is null ? null : ToProto(version),
            Content = content,
            Costs = RidCosts(scope, on, content, await releases.DccCostsAsync(c, ct)),
            GoNoGo = release.GoNoGo ?? "",
        };
        rid.Scope.AddRange(await ScopeOnAsync(c, release.Id, scope, on, ct, snapshot: version?.ScopeSnapshot is not null));
        rid.History.AddRange(versions.Select(ToProto));
        return rid;
    }

    /// <summary>DCC costs per modification in scope (from assessment returns, or entered in the RID), approved ones totalled, targeted ones apart.</summary>
    private static Proto.RidCosts RidCosts(IReadOnlyList<ScopeEntry> scope, DateOnly on, RidContent content, IReadOnlyDictionary<string, (long Low, long High, string Source)> returned)
    {
        var costs = new Proto.RidCosts();
        long approvedLow = 0, approvedHigh = 0, targetedLow = 0, targetedHigh = 0;
        foreach (var entry in scope.Where(e => e.InScopeOn(on)).GroupBy(e => e.Reference).Select(g => g.First()))
        {
            var entered = content.EnteredDccCosts.Where(l => l.Reference?.Value == entry.Reference).ToList();
            (long Low, long High, string Source)? figure = entered.Count > 0
                ? (entered.Sum(l => l.Cost.LowPence), entered.Sum(l => l.Cost.HighPence), "entered in the RID")
                : returned.TryGetValue(entry.Reference, out var r) ? r : null;
            if (figure is not { } f)
                continue;
            var kind = entry.KindOn(on);
            costs.PerModification.Add(new ModificationCosts
            {
                Reference = new Common.V1.ModificationReference { Value = entry.Reference },
                Kind = (Proto.ScopeKind)kind,
                Implementation = new Common.V1.MoneyRange { LowPence = f.Low, HighPence = f.High },
                Source = f.Source,
            });
            if (kind == ScopeKind.Approved) { approvedLow += f.Low; approvedHigh += f.High; }
            else { targetedLow += f.Low; targetedHigh += f.High; }
        }
        costs.ApprovedTotal = new Common.V1.MoneyRange { LowPence = approvedLow, HighPence = approvedHigh };
        costs.TargetedTotal = new Common.V1.MoneyRange { LowPence = targetedLow, HighPence = targetedHigh };
        costs.SecasDays = content.SecasEffort.Sum(e => e.Days);
        costs.SecasCost = new Common.V1.Money { Pence = content.SecasEffort.Sum(e => e.Cost?.Pence ?? 0) };
        return costs;
    }

    /// <summary>
    /// The scope on a date; a baseline's snapshot is shown as it was (no cut-off flags: they belong to
    /// the live scope). The titles of the release's scope are read once, on the caller's connection.
    /// </summary>
    private async Task<IEnumerable<Proto.ScopeEntry>> ScopeOnAsync(DbConnection c, string releaseId, IEnumerable<ScopeEntry> scope, DateOnly on, CancellationToken ct, bool snapshot = false)
    {
        var titles = await releases.ScopeTitlesAsync(c, releaseId, ct);
        var list = new List<Proto.ScopeEntry>();
        foreach (var e in scope.Where(e => e.InScopeOn(on)))
            list.Add(ToProto(e, titles.TryGetValue(e.Reference, out var title) ? title : await TitleAsync(c, e.Reference), on, snapshot));
        return list;
    }

    private Task<string?> TitleAsync(DbConnection c, string reference) =>
        Dapper.SqlMapper.ExecuteScalarAsync<string?>(c, KnownModifications.TitleSql(store.Schema), new { Reference = reference });

    private static Proto.ScopeEntry ToProto(ScopeEntry e, string? title, DateOnly on, bool snapshot = false)
    {
        return new Proto.ScopeEntry
        {
            Reference = new Common.V1.ModificationReference { Value = e.Reference },
            Title = title ?? "",
            Part = e.Part,
            Kind = (Proto.ScopeKind)e.KindOn(on),
            DecisionCutOff = e.DecisionCutOff?.ToProto(),
            PastCutOff = !snapshot && e.PastCutOff(on),
        };
    }

    private static Proto.Release ToProto(Release r) => new()
    {
        ReleaseId = r.Id, Name = r.Name, Type = (Proto.ReleaseType)r.Type, ImplementationDate = r.ImplementationDate.ToProto(), Status = (Proto.ReleaseStatus)r.Status,
    };

    private static Proto.RidVersion ToProto(RidVersion v) => new() { Version = v.Label, Dated = v.Dated.ToProto(), Changes = v.Changes, Baselined = v.Baselined };
}
