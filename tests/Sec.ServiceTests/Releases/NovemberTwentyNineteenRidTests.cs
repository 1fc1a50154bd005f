using Sec.Contracts;
using Sec.Releases.Storage;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>The November 2019 SEC Release Implementation Document (paper SECP_68_1005_10), rebuilt through the API.</summary>
public sealed class NovemberTwentyNineteenRidTests() : SuiteTests(new DateTimeOffset(2019, 5, 10, 12, 0, 0, TimeSpan.Zero))
{
    private ReleaseDesk _desk = null!;
    private string _release = "";
    private static MoneyRange Pounds(long low, long? high = null) => new() { LowPence = low * 100, HighPence = (high ?? low) * 100 };
    private static ModificationReference[] Refs(params string[] r) => r.Select(Ref).ToArray();

    private static readonly string[] Criteria =
    [
        "The DCC have developed the coding for each approved change and confirmed they will be able to deploy this to the live environment on the agreed implementation date.",
        "The DCC have completed and closed each Test Phase against the agreed exit criteria.",
        "The DCC have confirmed that there are no Severity 1 or 2 defects outstanding that would be deployed to the live environment.",
        "The DCC have produced a clear resolution plan for any outstanding Severity 3, 4 or 5 defects and that the number of extant Testing Issues is within the agreed threshold figures.",
        "The DCC have demonstrated that the SIT and UIT test environments were aligned to the solution being deployed to production.",
        "SECAS will be ready to implement the approved changes to the SEC on the agreed implementation date.",
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _desk = new ReleaseDesk(Suite);
        var c = _desk.Client;
        await _desk.KnowAsync("SECMP0018", "SECMP0025", "SECMP0039", "SECMP0053", "SECMP0055", "SECMP0060", "SECMP0062");
        await _desk.KnowApprovedAsync(D(2019, 2, 8), "SECMP0023");
        _release = await _desk.CreateAsync("November 2019 SEC Release", ReleaseType.Major, D(2019, 11, 7));

        // February 2019: the RID for the DCC System-impacting modifications, first drafted, then baselined.
        await _desk.AddAsync(_release, "SECMP0023", ScopeKind.Approved, D(2019, 2, 8));
        foreach (var mp in new[] { "SECMP0025", "SECMP0039", "SECMP0053", "SECMP0060" })
            await _desk.AddAsync(_release, mp, ScopeKind.Targeted, D(2019, 2, 8));
        await _desk.AddAsync(_release, "SECMP0062", ScopeKind.Targeted, D(2019, 2, 8), part: 1, cutOff: D(2019, 7, 24));
        await c.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = _release, Version = "0.1", Dated = D(2019, 2, 8), Changes = "First draft presented to the Panel to be baselined." });
        await c.EditRidAsync(new EditRidRequest { ReleaseId = _release, Content = Content() });
        await c.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = _release, Version = "1.0", Dated = D(2019, 2, 18),
            Changes = "Document baselined by the Panel at its meeting on 15 February 2019 covering the DCC Systems impacting modifications in scope of the release." });
        await c.BaselineRidAsync(new BaselineRidRequest { ReleaseId = _release, BaselinedOn = D(2019, 2, 15) });

        // Then the decisions arrive from the other contexts, and the Panel adds the non-system-impacting ones.
        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "SECMP0039", new DateOnly(2019, 2, 20), "Change Board"));
        await _desk.AddAsync(_release, "SECMP0018", ScopeKind.Targeted, D(2019, 3, 15));
        await _desk.AddAsync(_release, "SECMP0055", ScopeKind.Targeted, D(2019, 3, 15), cutOff: D(2019, 6, 19));
        await Suite.Harness.Bus.Publish(new AuthorityDecided(Guid.NewGuid(), "SECMP0025", new DateOnly(2019, 4, 5), DecisionOutcome.Approved));
        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "SECMP0060", new DateOnly(2019, 4, 24), "Change Board"));
        await Suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), "SECMP0018", new DateOnly(2019, 4, 24), "Change Board"));
        // The DCC's returned Impact Assessments give the costs up to the end of Pre-Integration Testing.
        foreach (var (mp, pounds) in new[] { ("SECMP0023", 414_393L), ("SECMP0025", 386_009L), ("SECMP0039", 201_650L), ("SECMP0060", 71_217L) })
            await Suite.Harness.Bus.Publish(new AssessmentReturned(Guid.NewGuid(), mp, new DateOnly(2019, 1, 15), Guid.NewGuid().ToString(), Sec.Contracts.AssessmentKind.Impact,
                [new CostLine("Combined", pounds * 100, pounds * 100, ["Design", "Build", "PreIntegrationTesting"])], null, null));
        await Eventually.UntilAsync(async () =>
        {
            var scope = (await c.GetScopeAsync(new GetScopeRequest { ReleaseId = _release, AsOf = "2019-05-02" })).Entries;
            var rid = (await c.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid;
            return scope.Count(e => e.Kind == ScopeKind.Approved) == 5 && rid.Costs.PerModification.Count == 4;
        }, "the approvals and the DCC's costs to reach Releases");
        await c.RemoveFromScopeAsync(new RemoveFromScopeRequest { ReleaseId = _release, Reference = Ref("SECMP0053"), EffectiveOn = D(2019, 5, 2),
            Reason = "Delays with the DCC Preliminary Assessment mean it cannot be included in this release." });

        // May 2019: re-baselined for the whole scope.
        await c.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = _release, Version = "1.1", Dated = D(2019, 5, 2),
            Changes = "Approval of SECMP0025, SECMP0039 and SECMP0060; SECMP0053 removed from the scope; SECMP0018 and SECMP0055 added." });
        var content = Content();
        content.ParticipantImpacts.Clear();
        content.ParticipantImpacts.AddRange(Matrix(
            ("Suppliers", ["SECMP0018", "SECMP0023", "SECMP0025", "SECMP0055", "SECMP0060", "SECMP0062"]),
            ("Electricity Networks", ["SECMP0018", "SECMP0025", "SECMP0055", "SECMP0062"]),
            ("Gas Networks", ["SECMP0055", "SECMP0062"]),
            ("Other SEC Parties", ["SECMP0018", "SECMP0025", "SECMP0039", "SECMP0055", "SECMP0062"]),
            ("DCC", ["SECMP0023", "SECMP0025", "SECMP0039", "SECMP0055", "SECMP0060", "SECMP0062"])));
        content.DocumentImpacts.AddRange(Matrix(
            ("Section H", ["SECMP0062"]), ("Schedule 8", ["SECMP0018", "SECMP0023", "SECMP0025", "SECMP0055"]), ("Schedule 9", ["SECMP0055"]),
            ("Schedule 10", ["SECMP0055"]), ("Schedule 11", ["SECMP0018", "SECMP0023", "SECMP0025", "SECMP0055"]), ("Appendix AC", ["SECMP0060"]),
            ("Appendix AD", ["SECMP0023", "SECMP0025", "SECMP0039"]), ("Appendix AF", ["SECMP0023", "SECMP0025"]), ("Appendix AH", ["SECMP0062"])));
        content.EnteredDccCosts.Add(new DccCostLine { Reference = Ref("SECMP0062"), Activity = "Design to Pre-Integration Testing (Preliminary Assessment estimate)", Cost = Pounds(573_000, 769_000) });
        await c.EditRidAsync(new EditRidRequest { ReleaseId = _release, Content = content });
        await c.BaselineRidAsync(new BaselineRidRequest { ReleaseId = _release, BaselinedOn = D(2019, 5, 10) });
    }

    private static RidContent Content()
    {
        var content = new RidContent
        {
            OperationalOneOff = Pounds(22_698),
            ImpactSummaries = { new ImpactSummary { Participant = "Supplier Parties", Impacts = { "Suppliers will be able to submit Uncontrolled Gas Flow Rates to an accuracy of four decimal places." } } },
            Timeline =
            {
                new TimelineEvent { On = D(2019, 2, 15), Event = "Panel baselines RID for system-impacting modifications" },
                new TimelineEvent { On = D(2019, 10, 11), Event = "Panel go/no-go decision" },
                new TimelineEvent { On = D(2019, 11, 7), Event = "Release go-live", Notes = "The changes are implemented." },
            },
            TestPhases =
            {
                new TestPhase { Phase = "System Integration Testing", StartsOn = D(2019, 7, 29), EndsOn = D(2019, 9, 20), CompletionReport = "DCC submits SIT Completion Report 18 Sep 19" },
                new TestPhase { Phase = "User Integration Testing", StartsOn = D(2019, 10, 7), EndsOn = D(2019, 10, 21), CompletionReport = "No mandatory User testing" },
            },
            SecasEffort =
            {
                new SecasEffort { Purpose = "Update and implement the changes to the SEC", Days = 2, Cost = new Money { Pence = 1_200_00 } },
                new SecasEffort { Purpose = "Project management of the release", Days = 20, Cost = new Money { Pence = 12_000_00 } },
            },
        };
        content.ParticipantImpacts.AddRange(Matrix(("DCC", ["SECMP0023", "SECMP0025", "SECMP0039", "SECMP0060", "SECMP0062"])));
        content.AcceptanceCriteria.AddRange(Criteria.Select(text => new AcceptanceCriterion { Text = text }));
        return content;
    }

    private static IEnumerable<ImpactRow> Matrix(params (string Subject, string[] Mods)[] rows) =>
        rows.Select(r => new ImpactRow { Subject = r.Subject, References = { Refs(r.Mods) } });

    [Fact]
    public async Task The_RID_reads_back_seven_modifications_five_approved_and_two_targeted()
    {
        var rid = (await _desk.Client.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid;

        Assert.Equal(7, rid.Scope.Count);
        Assert.Equal(["SECMP0018", "SECMP0023", "SECMP0025", "SECMP0039", "SECMP0060"], rid.Scope.Where(s => s.Kind == ScopeKind.Approved).Select(s => s.Reference.Value).Order());
        Assert.Equal(["SECMP0055", "SECMP0062"], rid.Scope.Where(s => s.Kind == ScopeKind.Targeted).Select(s => s.Reference.Value).Order());
        Assert.Equal(1, rid.Scope.Single(s => s.Reference.Value == "SECMP0062").Part);
        Assert.Equal(5, rid.Content.ParticipantImpacts.Count);
        Assert.Equal(["SECMP0055", "SECMP0062"], rid.Content.ParticipantImpacts.Single(r => r.Subject == "Gas Networks").References.Select(r => r.Value));
        Assert.Equal(6, rid.Content.AcceptanceCriteria.Count);
    }

    [Fact]
    public async Task The_costs_total_1073269_pounds_with_SECMP0062s_range_kept_apart()
    {
        var costs = (await _desk.Client.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid.Costs;

        Assert.Equal(1_073_269_00, costs.ApprovedTotal.LowPence);
        Assert.Equal(1_073_269_00, costs.ApprovedTotal.HighPence);
        Assert.Equal(573_000_00, costs.TargetedTotal.LowPence);
        Assert.Equal(769_000_00, costs.TargetedTotal.HighPence);
        Assert.Equal(ScopeKind.Targeted, costs.PerModification.Single(m => m.Reference.Value == "SECMP0062").Kind);
        Assert.Equal(22, costs.SecasDays);
        Assert.Equal(13_200_00, costs.SecasCost.Pence);
    }

    [Fact]
    public async Task Every_version_stays_readable_and_two_versions_compare()
    {
        var c = _desk.Client;
        var rid = (await c.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid;
        var v10 = (await c.GetRidAsync(new GetRidRequest { ReleaseId = _release, Version = "1.0" })).Rid;
        var diff = (await c.CompareRidVersionsAsync(new CompareRidVersionsRequest { ReleaseId = _release, FromVersion = "1.0", ToVersion = "1.1" })).Differences;

        Assert.Equal(["0.1", "1.0", "1.1"], rid.History.Select(v => v.Version));
        Assert.Equal([false, true, true], rid.History.Select(v => v.Baselined));
        Assert.Equal(6, v10.Scope.Count);
        Assert.Equal(["SECMP0023"], v10.Scope.Where(s => s.Kind == ScopeKind.Approved).Select(s => s.Reference.Value));
        var scope = diff.Single(d => d.Section == "scope");
        Assert.Contains("SECMP0018 (Approved)", scope.Added);
        Assert.Contains("SECMP0053 (Targeted)", scope.Removed);
        Assert.Contains(diff, d => d.Section == "document impacts");
    }

    [Fact]
    public async Task A_baselined_version_cannot_be_edited_and_go_needs_the_criteria_met()
    {
        var c = _desk.Client;
        var edit = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => c.EditRidAsync(new EditRidRequest { ReleaseId = _release, Content = Content() }).ResponseAsync);
        // The Panel decided on 11 October 2019, the paper's day; a decision is not recorded before its day comes.
        Suite.Clock.UtcNow = new DateTimeOffset(2019, 10, 11, 12, 0, 0, TimeSpan.Zero);
        var go = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => c.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = _release, Go = true, DecidedOn = D(2019, 10, 11) }).ResponseAsync);
        var overridden = (await c.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = _release, Go = true, DecidedOn = D(2019, 10, 11), OverrideReason = "The Panel accepts the open defects' resolution plan." })).Release;

        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, edit.StatusCode);
        Assert.Contains("start a new version", edit.Status.Detail);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, go.StatusCode);
        Assert.Contains("6 acceptance criteria unmet", go.Status.Detail);
        Assert.Equal(ReleaseStatus.Go, overridden.Status);
        Assert.Contains("override", (await c.GetRidAsync(new GetRidRequest { ReleaseId = _release })).Rid.GoNoGo);
    }

    [Fact]
    public async Task A_version_is_stored_as_it_always_was_and_a_row_stored_before_reads_back_alike()
    {
        var store = Suite.Get<ReleasesStore>();
        var protoJson = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
        var (content, snapshot) = await store.ReadAsync(c => c.QuerySingleAsync<(string, string)>(
            "SELECT Content, ScopeSnapshot FROM releases.RidVersion WHERE ReleaseId = @Id AND Label = '1.0'", new { Id = _release }));

        // The content is proto JSON, the snapshot the scope entries in camel case, as rows were always written.
        Assert.Equal(protoJson.Format(Content()), content);
        Assert.StartsWith($$"""[{"releaseId":"{{_release}}","reference":"SECMP0023","part":0,"addedAs":1,"decisionCutOff":null,"addedOn":"2019-02-08","approvedOn":"2019-02-08","leftOn":null,"leftReason":null,"label":"SECMP0023"},""", snapshot);

        // A version written by hand in that format, as an older release of the suite wrote it, reads back field for field.
        var legacy = Content();
        legacy.EnteredDccCosts.Add(new DccCostLine { Reference = Ref("SECMP0062"), Activity = "Design", Cost = Pounds(573_000, 769_000) });
        legacy.OtherCodes.Add("UNC");
        legacy.AcceptanceCriteria[0].Met = true;
        legacy.AcceptanceCriteria[0].Evidence = "DCC confirmation of 4 October 2019";
        await store.InTransactionAsync((c, tx) => c.ExecuteAsync(ReleaseRepository.InsertVersionSql(store.Schema), new
        {
            ReleaseId = _release, Sequence = 10, Label = "0.9", Dated = new DateOnly(2019, 1, 10), Changes = "Written before", Baselined = true,
            Content = protoJson.Format(legacy),
            ScopeSnapshot = $$"""[{"releaseId":"{{_release}}","reference":"SECMP0062","part":1,"addedAs":2,"decisionCutOff":"2019-07-24","addedOn":"2019-01-10","approvedOn":null,"leftOn":null,"leftReason":null,"label":"SECMP0062 part 1"}]""",
        }, tx));
        var read = (await _desk.Client.GetRidAsync(new GetRidRequest { ReleaseId = _release, Version = "0.9" })).Rid;

        Assert.Equal(legacy, read.Content);
        var entry = read.Scope.Single();
        Assert.Equal(("SECMP0062", 1, ScopeKind.Targeted, D(2019, 7, 24), false), (entry.Reference.Value, entry.Part, entry.Kind, entry.DecisionCutOff, entry.PastCutOff));
        Assert.Equal(573_000_00, read.Costs.TargetedTotal.LowPence);
    }
}
