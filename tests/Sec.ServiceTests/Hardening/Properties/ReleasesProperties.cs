using FsCheck;
using FsCheck.Fluent;
using Sec.Releases.V1;
using Sec.ServiceTests.Releases;
using static Sec.ServiceTests.Hardening.Properties.BadValues;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>The release desk refuses every bad request cleanly, the RID's sums included, and writes nothing for it.</summary>
public sealed class ReleasesProperties : BadRequestProperty
{
    /// <summary>A part outside 0 (not split) to 9.</summary>
    private static readonly Gen<Bad<int>> Part = Gen.OneOf(NegativeOrHuge, Gen.Choose(10, 1_000).Select(n => new Bad<int>($"{n}", n)));

    [Fact]
    public async Task Every_bad_release_request_is_refused_cleanly_and_writes_nothing()
    {
        var desk = await new ReleaseDesk(Suite).KnowAsync("MP100");
        var release = await desk.CreateAsync("June 2027 Major", ReleaseType.Major, D(2027, 6, 24));
        var c = desk.Client;

        var create = new BadRequestsOf<CreateReleaseRequest>("CreateRelease",
            () => new() { Name = "November 2027 Major", Type = ReleaseType.Major, ImplementationDate = D(2027, 11, 4) },
            (r, o) => c.CreateReleaseAsync(r, o).ResponseAsync)
            .Break("name", RequiredText, (r, v) => r.Name = v)
            .Break("type", Enum<ReleaseType>(), (r, v) => r.Type = v)
            .Break("implementation_date", RequiredDate, (r, v) => r.ImplementationDate = v);
        var add = new BadRequestsOf<AddToScopeRequest>("AddToScope",
            () => new() { ReleaseId = release, Reference = Ref("MP100"), Kind = ScopeKind.Targeted, EffectiveOn = Today },
            (r, o) => c.AddToScopeAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("reference", Missing<ModificationReference>(), (r, v) => r.Reference = v)
            .Break("part", Part, (r, v) => r.Part = v)
            .Break("kind", Enum<ScopeKind>(), (r, v) => r.Kind = v)
            .Break("decision_cut_off", Date, (r, v) => r.DecisionCutOff = v)
            .Break("effective_on", RequiredDate, (r, v) => r.EffectiveOn = v);
        var remove = new BadRequestsOf<RemoveFromScopeRequest>("RemoveFromScope",
            () => new() { ReleaseId = release, Reference = Ref("MP100"), Reason = "Moved to June", EffectiveOn = Today },
            (r, o) => c.RemoveFromScopeAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("part", Part, (r, v) => r.Part = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v)
            .Break("effective_on", RequiredDate, (r, v) => r.EffectiveOn = v);
        var impacts = new BadRequestsOf<RecordPotentialImpactsRequest>("RecordPotentialImpacts",
            () => new() { ReleaseId = release, Reference = Ref("MP100"), PotentialDocumentImpacts = { "SMETS2", "GBCS" }, PotentialSystemImpacts = { "DCC" }, EffectiveOn = Today },
            (r, o) => c.RecordPotentialImpactsAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v))
            .Break("part", Part, (r, v) => r.Part = v)
            .Break("potential_document_impacts[0]", RequiredText, (r, v) => r.PotentialDocumentImpacts[0] = v)
            .Break("potential_system_impacts[0]", RequiredText, (r, v) => r.PotentialSystemImpacts[0] = v)
            .Break("potential_document_impacts", TooMany, (r, n) => r.PotentialDocumentImpacts.AddRange(Enumerable.Range(0, n).Select(i => $"Document {i}")))
            .Break("potential_system_impacts", Is("a repeat", "dcc"), (r, v) => r.PotentialSystemImpacts.Add(v))
            .Break("effective_on", RequiredDate, (r, v) => r.EffectiveOn = v);
        var edit = new BadRequestsOf<EditRidRequest>("EditRid", () => new() { ReleaseId = release, Content = Rid() },
            (r, o) => c.EditRidAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("content.timeline[0].event", RequiredText, (r, v) => r.Content.Timeline[0].Event = v)
            .Break("content.timeline[0].on", RequiredDate, (r, v) => r.Content.Timeline[0].On = v)
            .Break("content.timeline", TooMany, (r, n) => r.Content.Timeline.AddRange(Enumerable.Range(0, n).Select(_ => r.Content.Timeline[0].Clone())))
            .Break("content.test_phases[0].starts_on", RequiredDate, (r, v) => r.Content.TestPhases[0].StartsOn = v)
            .Break("content.test_phases[0].phase", RequiredText, (r, v) => r.Content.TestPhases[0].Phase = v)
            .Break("content.acceptance_criteria[0].text", RequiredText, (r, v) => r.Content.AcceptanceCriteria[0].Text = v)
            .Break("content.acceptance_criteria", TooMany, (r, n) => r.Content.AcceptanceCriteria.AddRange(Enumerable.Range(0, n).Select(_ => r.Content.AcceptanceCriteria[0].Clone())))
            .Break("content.other_codes[0]", RequiredText, (r, v) => r.Content.OtherCodes.Add(v))
            .Break("content.participant_impacts[0].references[0]", Reference, (r, v) => r.Content.ParticipantImpacts.Add(new ImpactRow { Subject = "Suppliers", References = { Ref(v) } }))
            .Break("content.secas_effort[0].days", NegativeOrHuge, (r, v) => r.Content.SecasEffort[0].Days = v)
            .Break("content.secas_effort[0].cost.pence", Pence, (r, v) => r.Content.SecasEffort[0].Cost.Pence = v)
            .Break("content.secas_effort (the sum)", HugeSum, (r, n) => r.Content.SecasEffort.AddRange(Enumerable.Range(0, n).Select(_ =>
                new SecasEffort { Purpose = "Testing", Days = 1, Cost = new Money { Pence = long.MaxValue / 2 } })))
            .Break("content.entered_dcc_costs[0].reference", Reference, (r, v) => r.Content.EnteredDccCosts[0].Reference = Ref(v))
            .Break("content.entered_dcc_costs[0].cost.low_pence", Pence, (r, v) => r.Content.EnteredDccCosts[0].Cost.LowPence = v)
            .Break("content.entered_dcc_costs (the sum)", HugeSum, (r, n) => r.Content.EnteredDccCosts.AddRange(Enumerable.Range(0, n).Select(_ =>
                new DccCostLine { Reference = Ref("MP100"), Activity = "Build", Cost = new MoneyRange { LowPence = long.MaxValue / 2, HighPence = long.MaxValue / 2 } })))
            .Break("content.operational_one_off.high_pence", Pence, (r, v) => r.Content.OperationalOneOff.HighPence = v)
            .Break("content.operational_ongoing.low_pence", Pence, (r, v) => r.Content.OperationalOngoing.LowPence = v);
        var version = new BadRequestsOf<StartRidVersionRequest>("StartRidVersion",
            () => new() { ReleaseId = release, Version = "1.0", Dated = Today, Changes = "First baseline" },
            (r, o) => c.StartRidVersionAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("version", RequiredText, (r, v) => r.Version = v)
            .Break("changes", RequiredText, (r, v) => r.Changes = v)
            .Break("dated", RequiredDate, (r, v) => r.Dated = v);
        var baseline = new BadRequestsOf<BaselineRidRequest>("BaselineRid", () => new() { ReleaseId = release, BaselinedOn = Today },
            (r, o) => c.BaselineRidAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("baselined_on", RequiredDate, (r, v) => r.BaselinedOn = v);
        var go = new BadRequestsOf<DecideGoNoGoRequest>("DecideGoNoGo", () => new() { ReleaseId = release, Go = false, DecidedOn = Today },
            (r, o) => c.DecideGoNoGoAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("decided_on", RequiredDate, (r, v) => r.DecidedOn = v)
            .Break("override_reason", OptionalText, (r, v) => r.OverrideReason = v);
        var implement = new BadRequestsOf<ImplementReleaseRequest>("ImplementRelease", () => new() { ReleaseId = release },
            (r, o) => c.ImplementReleaseAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v);

        var reschedule = new BadRequestsOf<RescheduleReleaseRequest>("RescheduleRelease",
            () => new() { ReleaseId = release, ImplementationDate = D(2027, 6, 30), DecidedOn = Today, Reason = "Moved a week" },
            (r, o) => c.RescheduleReleaseAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("implementation_date", RequiredDate, (r, v) => r.ImplementationDate = v)
            .Break("decided_on", RequiredDate, (r, v) => r.DecidedOn = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v);
        var cancel = new BadRequestsOf<CancelReleaseRequest>("CancelRelease",
            () => new() { ReleaseId = release, CancelledOn = Today, Reason = "Not needed" },
            (r, o) => c.CancelReleaseAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("cancelled_on", RequiredDate, (r, v) => r.CancelledOn = v)
            .Break("reason", RequiredText, (r, v) => r.Reason = v);
        var all = new BadRequestsOf<ListReleasesRequest>("ListReleases", () => new() { AsOf = "2026-11-20" },
            (r, o) => c.ListReleasesAsync(r, o).ResponseAsync)
            .Break("as_of", GivenDateText, (r, v) => r.AsOf = v);

        var scope = new BadRequestsOf<GetScopeRequest>("GetScope", () => new() { ReleaseId = release, AsOf = "2026-11-20" },
            (r, o) => c.GetScopeAsync(r, o).ResponseAsync)
            .Break("release_id", Id, (r, v) => r.ReleaseId = v)
            .Break("as_of", DateText, (r, v) => r.AsOf = v);
        var upcoming = new BadRequestsOf<ListUpcomingReleasesRequest>("ListUpcomingReleases", () => new() { AsOf = "2026-11-20" },
            (r, o) => c.ListUpcomingReleasesAsync(r, o).ResponseAsync)
            .Break("as_of", DateText, (r, v) => r.AsOf = v);
        var month = new BadRequestsOf<ListImplementedInMonthRequest>("ListImplementedInMonth", () => new() { Month = "2026-10" },
            (r, o) => c.ListImplementedInMonthAsync(r, o).ResponseAsync)
            .Break("month", MonthText, (r, v) => r.Month = v);
        var with = new BadRequestsOf<ListReleasesWithModificationRequest>("ListReleasesWithModification", () => new() { Reference = Ref("MP100") },
            (r, o) => c.ListReleasesWithModificationAsync(r, o).ResponseAsync)
            .Break("reference", Reference, (r, v) => r.Reference = Ref(v));

        await EveryBadRequestIsRefusedAsync(create.Breaks, add.Breaks, remove.Breaks, impacts.Breaks, edit.Breaks, version.Breaks, baseline.Breaks, go.Breaks,
            implement.Breaks, reschedule.Breaks, cancel.Breaks, all.Breaks, scope.Breaks, upcoming.Breaks, month.Breaks, with.Breaks);
    }

    /// <summary>A small RID that keeps every rule, for the edits to break one field of.</summary>
    private static RidContent Rid() => new()
    {
        Timeline = { new TimelineEvent { On = D(2026, 12, 1), Event = "Design freeze" } },
        TestPhases = { new TestPhase { Phase = "SIT", StartsOn = D(2027, 1, 4), EndsOn = D(2027, 1, 29) } },
        AcceptanceCriteria = { new AcceptanceCriterion { Text = "Firmware rolls back in SIT" } },
        SecasEffort = { new SecasEffort { Purpose = "Testing", Days = 2, Cost = new Money { Pence = 120_000 } } },
        EnteredDccCosts = { new DccCostLine { Reference = Ref("MP100"), Activity = "Build", Cost = new MoneyRange { LowPence = 100_000, HighPence = 200_000 } } },
        OperationalOneOff = new MoneyRange { LowPence = 0, HighPence = 10_000 },
        OperationalOngoing = new MoneyRange { LowPence = 0, HighPence = 10_000 },
    };
}
