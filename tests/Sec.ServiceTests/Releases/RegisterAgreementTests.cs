using Sec.Contracts;
using Sec.Releases.Storage;
using Sec.Releases.V1;
using ImportedStep = Sec.Proposals.V1.ImportedStep;

namespace Sec.ServiceTests.Releases;

/// <summary>
/// Release scope and go-live agree with the register: what the register contradicts on the business
/// date is refused and writes nothing, a referred approval and a reversed withdrawal move scope, and
/// every scope entry's claim is what the consistency check compares with the register.
/// </summary>
public sealed class RegisterAgreementTests
{
    private static readonly ImportedStep[] RejectedInAugust =
        [Step(D(2017, 3, 10), "Refinement Process"), Step(D(2020, 7, 15), "Change Board"), Step(D(2020, 8, 5), "Rejected")];

    private static readonly ImportedStep[] ApprovedInAugust =
        [Step(D(2019, 9, 13), "Refinement Process"), Step(D(2020, 6, 24), "Report Phase"), Step(D(2020, 7, 15), "Change Board"), Step(D(2020, 8, 5), "Approved, awaiting implementation")];

    private static readonly ImportedStep[] InRefinement = [Step(D(2020, 4, 8), "Refinement Process")];

    private static readonly ImportedStep[] InConsultation =
        [Step(D(2018, 11, 9), "Refinement Process"), Step(D(2020, 4, 17), "Report Phase"), Step(D(2020, 4, 20), "Modification Report Consultation")];

    [Fact]
    public async Task Scope_the_register_contradicts_on_its_date_is_refused_naming_the_actual_state_and_writes_nothing()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 10, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowWithHistoryAsync(RejectedInAugust, "SECMP0015");
        await desk.KnowWithHistoryAsync(ApprovedInAugust, "MP103");
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        await suite.SettledAsync();
        var before = await suite.EveryRowCountAsync();

        var rejectedAsApproved = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "SECMP0015", ScopeKind.Approved, D(2020, 8, 10)));
        var rejectedAsTargeted = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "SECMP15", ScopeKind.Targeted, D(2020, 8, 10)));
        var inItsReferralWindow = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "MP103", ScopeKind.Approved, D(2020, 7, 22)));
        var notYetRaised = await Assert.ThrowsAsync<RpcException>(() => desk.AddAsync(nov, "MP103", ScopeKind.Targeted, D(2016, 12, 7)));

        Assert.All(new[] { rejectedAsApproved, rejectedAsTargeted, inItsReferralWindow, notYetRaised }, e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
        Assert.Equal("SECMP0015 is Rejected (Rejected) on 10 August 2020 (since 5 August 2020); a release takes a modification in scope as approved only when "
            + "the register has it Approved, awaiting implementation on that date.", rejectedAsApproved.Status.Detail);
        Assert.Equal("SECMP0015 is Rejected (Rejected) on 10 August 2020 (since 5 August 2020); a release targets only a modification still to be decided "
            + "on that date, not one Rejected, Withdrawn or Implemented.", rejectedAsTargeted.Status.Detail);
        Assert.StartsWith("MP103 is Awaiting Change Board decision (Opine) on 22 July 2020 (since 15 July 2020); a release takes a modification in scope as approved only",
            inItsReferralWindow.Status.Detail);
        Assert.StartsWith("MP103 was not yet raised on 7 December 2016 (raised 9 January 2017)", notYetRaised.Status.Detail);
        Assert.Equal(before, await suite.EveryRowCountAsync());

        // What the register agrees with on the date is taken: targeted while undecided, approved once approved.
        var june = await desk.CreateAsync("June 2021 SEC Release", ReleaseType.Major, D(2021, 6, 24));
        await desk.AddAsync(nov, "MP103", ScopeKind.Targeted, D(2020, 7, 22));
        await desk.AddAsync(june, "MP103", ScopeKind.Approved, D(2020, 8, 5), part: 2);
        Assert.Equal(2, await Rows.CountAsync(desk.Store, "ScopeEntry WHERE Reference = 'MP103'"));

        // Scope recorded late, for a modification the register has since rejected, joins and leaves as the register has it.
        await desk.AddAsync(nov, "SECMP0015", ScopeKind.Targeted, D(2020, 7, 22));
        var scope = await ScopeAsync(desk, nov, "2020-08-10");
        Assert.Equal(["MP103"], scope.Entries.Select(e => e.Reference.Value));
        Assert.Equal(("SECMP0015", "Rejected on 5 August 2020"), (scope.Exits.Single().Reference.Value, scope.Exits.Single().Reason));
        Assert.Contains((await ScopeAsync(desk, nov, "2020-07-31")).Entries, e => e.Reference.Value == "SECMP0015");
    }

    [Fact]
    public async Task Implementation_is_refused_naming_each_approved_entry_the_register_contradicts_and_writes_nothing()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowWithHistoryAsync(InRefinement, "MP122");
        await desk.KnowWithHistoryAsync(InConsultation, "MP080");
        await desk.KnowApprovedAsync(D(2020, 7, 22), "MP135");
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        await desk.AddAsync(nov, "MP135", ScopeKind.Approved, D(2020, 7, 22));
        await desk.AddAsync(nov, "MP080", ScopeKind.Targeted, D(2020, 6, 1));
        await desk.AddAsync(nov, "MP122", ScopeKind.Targeted, D(2020, 8, 1));
        // Approvals the register refused (neither was submitted for decision) still reach the scope.
        await ApprovalsTheRegisterRefusedAsync(suite, desk, nov, ("MP080", new DateOnly(2020, 6, 24)), ("MP122", new DateOnly(2020, 8, 5)));
        await desk.GoAsync(nov, D(2020, 11, 20));
        await suite.SettledAsync();
        var before = await suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => desk.ImplementAsync(nov));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("November 2020 SEC Release cannot go live: the register does not have all of its approved scope approved on 29 November 2020. "
            + "MP080 is Modification Report Consultation (Opine) on 29 November 2020 (since 20 April 2020); MP122 is Refinement Process (Refine) on 29 November 2020 (since 8 April 2020). "
            + "Implementation needs each Approved, awaiting implementation on that date; take it out of scope, or put the register right, first.", refused.Status.Detail);
        Assert.Equal(before, await suite.EveryRowCountAsync());
        Assert.Equal(["MP080", "MP122"], await ReleaseDisagreementsAsync(suite));

        foreach (var mp in new[] { "MP080", "MP122" })
            await desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest { ReleaseId = nov, Reference = Ref(mp), Reason = "Not approved in the register", EffectiveOn = D(2020, 11, 27) });
        var implemented = await desk.ImplementAsync(nov);

        Assert.Equal(["MP135"], implemented.Implemented.Select(r => r.Value));
        // The implementation goes to the register and its new history comes back over the bus: only then do the two agree.
        await Eventually.UntilAsync(async () => (await ReleaseDisagreementsAsync(suite)).Count == 0, "Releases to hear the register has MP135 implemented");
    }

    [Fact]
    public async Task The_go_live_timer_implements_nothing_the_register_contradicts_and_the_release_stays_decided_go()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowWithHistoryAsync(InRefinement, "MP122");
        await desk.KnowApprovedAsync(D(2020, 7, 22), "MP135");
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        await desk.AddAsync(nov, "MP135", ScopeKind.Approved, D(2020, 7, 22));
        await desk.AddAsync(nov, "MP122", ScopeKind.Targeted, D(2020, 8, 1));
        await ApprovalsTheRegisterRefusedAsync(suite, desk, nov, ("MP122", new DateOnly(2020, 8, 5)));
        await desk.GoAsync(nov, D(2020, 11, 20));

        suite.Clock.UtcNow = new DateTimeOffset(2020, 11, 30, 9, 0, 0, TimeSpan.Zero);
        await Eventually.UntilAsync(async () => await Rows.CountAsync(desk.Store, "DurableTimer WHERE Kind = 'go-live' AND FiredAt IS NOT NULL") == 1, "the go-live timer to fire");
        await suite.SettledAsync();

        Assert.Equal(0, await Rows.CountAsync(desk.Store, "DurableTimer WHERE LastError IS NOT NULL"));
        Assert.Equal(0, await Rows.CountAsync(desk.Store, "OutboxMessage WHERE MessageType LIKE '%ModificationImplemented'"));
        Assert.Equal([ReleaseStatus.Go], await desk.UpcomingStatusesAsync("2020-11-01"));
        Assert.Empty(await desk.ImplementedInMonthAsync("2020-11"));
        Assert.Equal(["MP122"], await ReleaseDisagreementsAsync(suite));

        await desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest { ReleaseId = nov, Reference = Ref("MP122"), Reason = "Not approved in the register", EffectiveOn = D(2020, 11, 27) });
        var implemented = await desk.ImplementAsync(nov);

        Assert.Equal(["MP135"], implemented.Implemented.Select(r => r.Value));
    }

    [Fact]
    public async Task A_reopened_approval_leaves_every_scope_not_yet_live_and_a_reopened_rejection_moves_nothing()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 20, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowWithHistoryAsync(ApprovedInAugust, "MP103", "MP118");
        var standalone = await desk.CreateAsync("MP103 part 1 standalone SEC Release", ReleaseType.Standalone, D(2020, 8, 10));
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        var june = await desk.CreateAsync("June 2021 SEC Release", ReleaseType.Major, D(2021, 6, 24));
        await desk.AddAsync(standalone, "MP103", ScopeKind.Approved, D(2020, 8, 5), part: 1);
        await desk.AddAsync(nov, "MP103", ScopeKind.Approved, D(2020, 8, 5), part: 2);
        await desk.AddAsync(june, "MP103", ScopeKind.Approved, D(2020, 8, 5), part: 3);
        await desk.AddAsync(nov, "MP118", ScopeKind.Approved, D(2020, 8, 5));
        await desk.GoAsync(standalone, D(2020, 8, 7));
        await desk.ImplementAsync(standalone);

        var reopened = new ModificationDecisionReopened(Guid.NewGuid(), "MP103", new DateOnly(2020, 8, 12), DecisionOutcome.Approved, "Referred to the Panel inside its window");
        await suite.Harness.Bus.Publish(reopened);
        await suite.Harness.Bus.Publish(reopened, c => c.MessageId = Guid.NewGuid()); // told twice
        await suite.Harness.Bus.Publish(new ModificationDecisionReopened(Guid.NewGuid(), "MP118", new DateOnly(2020, 8, 12), DecisionOutcome.Rejected, "Referred"));
        await Eventually.UntilAsync(async () => (await ScopeAsync(desk, nov, "2020-08-20")).Exits.Count == 1, "MP103 to leave the November 2020 release");
        await suite.SettledAsync();

        var november = await ScopeAsync(desk, nov, "2020-08-20");
        var nextJune = await ScopeAsync(desk, june, "2020-08-20");
        var live = await ScopeAsync(desk, standalone, "2020-08-10");

        Assert.Equal(["MP118"], november.Entries.Select(e => e.Reference.Value));
        Assert.Equal(("MP103", 2, "Decision referred to the Panel on 12 August 2020"), (november.Exits.Single().Reference.Value, november.Exits.Single().Part, november.Exits.Single().Reason));
        Assert.Equal("Decision referred to the Panel on 12 August 2020", nextJune.Exits.Single().Reason);
        Assert.Empty(nextJune.Entries);
        Assert.Equal([("MP103", 1)], live.Entries.Select(e => (e.Reference.Value, e.Part)));
        Assert.Empty(live.Exits);
    }

    [Fact]
    public async Task A_reversed_withdrawal_brings_back_what_the_withdrawal_took_out_of_scope_and_nothing_else()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 20, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowWithHistoryAsync(InRefinement, "MP110", "MP112");
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        await desk.AddAsync(nov, "MP110", ScopeKind.Targeted, D(2020, 6, 1), cutOff: D(2020, 9, 30));
        await desk.AddAsync(nov, "MP112", ScopeKind.Targeted, D(2020, 6, 1));
        await suite.Harness.Bus.Publish(new ModificationWithdrawn(Guid.NewGuid(), "MP110", new DateOnly(2020, 8, 3), "MP110 title"));
        await desk.Client.RemoveFromScopeAsync(new RemoveFromScopeRequest { ReleaseId = nov, Reference = Ref("MP112"), Reason = "Moved to June 2021", EffectiveOn = D(2020, 8, 3) });
        await Eventually.UntilAsync(async () => (await ScopeAsync(desk, nov, "2020-08-20")).Exits.Count == 2, "MP110's withdrawal to reach the scope");

        var reversed = new ModificationWithdrawalReversed(Guid.NewGuid(), "MP110", new DateOnly(2020, 8, 14), new DateOnly(2020, 8, 3), "EDF Energy");
        await suite.Harness.Bus.Publish(reversed);
        await suite.Harness.Bus.Publish(reversed, c => c.MessageId = Guid.NewGuid()); // told twice
        await suite.Harness.Bus.Publish(new ModificationWithdrawalReversed(Guid.NewGuid(), "MP112", new DateOnly(2020, 8, 14), new DateOnly(2020, 8, 3), "EDF Energy"));
        await Eventually.UntilAsync(async () => (await ScopeAsync(desk, nov, "2020-08-20")).Exits.Count == 1, "MP110 to come back into scope");
        await suite.SettledAsync();

        var scope = await ScopeAsync(desk, nov, "2020-08-20");
        var entry = scope.Entries.Single();
        Assert.Equal(("MP110", ScopeKind.Targeted, D(2020, 9, 30)), (entry.Reference.Value, entry.Kind, entry.DecisionCutOff));
        Assert.Equal(("MP112", "Moved to June 2021"), (scope.Exits.Single().Reference.Value, scope.Exits.Single().Reason));
        Assert.Equal(1, await Rows.CountAsync(desk.Store, "ScopeEntry WHERE Reference = 'MP110'"));
    }

    [Fact]
    public async Task Every_scope_entry_claims_what_the_register_must_agree_with_and_the_check_finds_no_disagreement_when_it_does()
    {
        await using var suite = await SuiteFactory.StartAsync(new DateTimeOffset(2020, 8, 20, 9, 0, 0, TimeSpan.Zero));
        var desk = await new ReleaseDesk(suite).KnowApprovedAsync(D(2019, 7, 24), "SECMP0062");
        await desk.KnowApprovedAsync(D(2020, 7, 22), "MP135");
        await desk.KnowWithHistoryAsync(InRefinement, "MP110");
        var june = await desk.CreateAsync("June 2020 SEC Release", ReleaseType.Major, D(2020, 6, 25));
        var standalone = await desk.CreateAsync("MP135 standalone SEC Release", ReleaseType.Standalone, D(2020, 7, 23));
        var nov = await desk.CreateAsync("November 2020 SEC Release", ReleaseType.Major, D(2020, 11, 29));
        await desk.AddAsync(june, "SECMP0062", ScopeKind.Approved, D(2019, 7, 24), part: 1);
        await desk.AddAsync(nov, "SECMP0062", ScopeKind.Approved, D(2019, 7, 24), part: 2);
        await desk.AddAsync(standalone, "MP135", ScopeKind.Approved, D(2020, 7, 22));
        await desk.AddAsync(nov, "MP110", ScopeKind.Targeted, D(2020, 6, 1));
        foreach (var release in new[] { june, standalone })
        {
            await desk.GoAsync(release, D(2020, 6, 1));
            await desk.ImplementAsync(release);
        }
        await suite.SettledAsync();

        var claims = (await desk.Client.DescribeRegisterViewAsync(new DescribeRegisterViewRequest())).Claims;

        Assert.Equal(
        [
            "SECMP0062 part 1 went live in the June 2020 SEC Release on 25 June 2020, a later part to follow: AwaitingImplementation Implemented",
            "MP135 went live in the MP135 standalone SEC Release on 23 July 2020: Implemented",
            "SECMP0062 part 2 is approved scope of the November 2020 SEC Release (since 24 July 2019): AwaitingImplementation Implemented",
            "MP110 is targeted at the November 2020 SEC Release (since 1 June 2020): " + string.Join(' ', Enum.GetValues<Stage>().Except([Stage.Rejected, Stage.Withdrawn])),
        ], claims.Select(c => $"{c.Claim}: {string.Join(' ', c.CompatibleStages.Select(s => (Stage)s))}"));
        Assert.Empty(await ReleaseDisagreementsAsync(suite));

        // An approval the register refused, which the scope took all the same, is a disagreement the check names.
        await new Register(suite).ImportAsync("MP111", "MP111 title", D(2017, 1, 9), history: [Step(D(2020, 4, 8), "Refinement Process")]);
        await desk.KnowAsync("MP111");
        await desk.AddAsync(nov, "MP111", ScopeKind.Targeted, D(2020, 6, 1));
        await ApprovalsTheRegisterRefusedAsync(suite, desk, nov, ("MP111", new DateOnly(2020, 8, 12)));
        await suite.SettledAsync();

        var check = await new Register(suite).Client.CheckConsistencyAsync(new CheckConsistencyRequest());
        var found = check.Disagreements.Single(d => d.Context == "releases");
        Assert.Equal(("MP111", "MP111 is approved scope of the November 2020 SEC Release (since 12 August 2020)"), (found.Reference.Value, found.ContextSays));
        Assert.EndsWith("Refinement Process", found.RegisterSays);
    }

    /// <summary>The Change Board's approvals that the register refused, as they reach the scope all the same.</summary>
    private static async Task ApprovalsTheRegisterRefusedAsync(SuiteFactory suite, ReleaseDesk desk, string release, params (string Reference, DateOnly On)[] approvals)
    {
        foreach (var (reference, on) in approvals)
            await suite.Harness.Bus.Publish(new ModificationApproved(Guid.NewGuid(), reference, on, "Change Board"));
        await Eventually.UntilAsync(async () => (await ScopeAsync(desk, release, "2020-12-31")).Entries
            .Count(e => approvals.Any(a => a.Reference == e.Reference.Value) && e.Kind == ScopeKind.Approved) == approvals.Length, "the approvals to reach the scope");
    }

    private static async Task<GetScopeResponse> ScopeAsync(ReleaseDesk desk, string release, string asOf) =>
        await desk.Client.GetScopeAsync(new GetScopeRequest { ReleaseId = release, AsOf = asOf });

    /// <summary>The modifications the consistency check finds the Releases context disagreeing about.</summary>
    private static async Task<IReadOnlyList<string>> ReleaseDisagreementsAsync(SuiteFactory suite) =>
        (await new Register(suite).Client.CheckConsistencyAsync(new CheckConsistencyRequest())).Disagreements
            .Where(d => d.Context == "releases").Select(d => d.Reference.Value).Order().ToList();
}
