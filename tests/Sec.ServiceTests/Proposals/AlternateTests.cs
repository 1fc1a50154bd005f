using Sec.Contracts;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using DecisionPath = Sec.Proposals.V1.DecisionPath;
using Phase = Sec.Proposals.V1.Phase;

namespace Sec.ServiceTests.Proposals;

/// <summary>Issue 15: an alternate (MP102A) raised beside its original, linked both ways, and joining the process where the original is.</summary>
public sealed class AlternateTests() : SuiteTests(new DateTimeOffset(2020, 8, 20, 9, 0, 0, TimeSpan.Zero))
{
    private Task<RaiseAlternateResponse> RaiseAsync(string original, Google.Type.Date on, string title = "Power Outage Alerts: suppress them at the device") =>
        Proposals.RaiseAlternateAsync(new RaiseAlternateRequest
        {
            Original = Ref(original), Title = title, ProblemStatement = "Suppress the alerts at the device instead of at the DCC.",
            Proposer = new Proposer { Name = "Rachel Moss", Organisation = "Large Supplier A" }, RaisedOn = on,
        }).ResponseAsync;


    [Fact]
    public async Task MP102A_is_raised_beside_MP102_in_its_stage_and_on_its_path_and_each_names_the_other()
    {
        await Register.ImportAsync("MP102", "Power Outage Alerts triggered by an OTA firmware upgrade", D(2019, 8, 5), path: DecisionPath.SelfGovernance,
            history: [Step(D(2019, 9, 13), "Refinement Process")]);

        var first = (await RaiseAsync("mp102", D(2020, 7, 8))).Proposal;
        var second = (await RaiseAsync("MP102", D(2020, 8, 19), "Power Outage Alerts: a firmware flag")).Proposal;

        Assert.Equal(("MP102A", "MP102", Phase.Refine, DecisionPath.SelfGovernance), (first.Reference.Value, first.AlternateOf.Value, first.Phase, first.Path));
        Assert.Equal(("MP102B", "MP102"), (second.Reference.Value, second.AlternateOf.Value));
        Assert.Equal("Raised by Rachel Moss (Large Supplier A) as an alternate solution to MP102", Assert.Single(first.History).Reason);
        var original = (await Proposals.GetProposalAsync(new GetProposalRequest { Reference = Ref("MP102") })).Proposal;
        Assert.Equal(["MP102A Power Outage Alerts: suppress them at the device", "MP102B Power Outage Alerts: a firmware flag"],
            original.Alternates.Select(a => $"{a.Reference.Value} {a.Title}"));
        Assert.Null(original.AlternateOf);
        // The other contexts hear of the alternate as of any modification, so it can be assessed, voted on and released.
        await Eventually.PublishedAsync<ProposalStatusChanged>(Suite.Harness, m => m.Context.Message.Reference == "MP102A" && m.Context.Message.Status == "Refinement Process");
        Assert.Equal(1, await Rows.CountAsync(Suite.Get<ProposalsStore>(), "AuditEntry WHERE Operation = 'RaiseAlternate' AND Subject = 'MP102' AND Reference = 'MP102A' AND EffectiveOn = '2020-07-08'"));
    }

    [Fact]
    public async Task An_alternate_of_a_draft_of_an_alternate_or_of_a_modification_not_in_refinement_on_the_day_is_refused_naming_why()
    {
        await Register.ImportAsync("DP130", "A draft", D(2020, 6, 1));
        await Register.ImportAsync("MP131", "Decided long ago", D(2019, 1, 7), path: DecisionPath.SelfGovernance,
            history: [Step(D(2019, 2, 1), "Refinement Process"), Step(D(2019, 6, 1), "Approved, awaiting implementation")]);
        await Register.ImportAsync("MP132", "In refinement", D(2020, 6, 1), path: DecisionPath.SelfGovernance, history: [Step(D(2020, 7, 1), "Refinement Process")]);
        await RaiseAsync("MP132", D(2020, 7, 15));

        var draft = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => RaiseAsync("DP130", D(2020, 8, 1)));
        var decided = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => RaiseAsync("MP131", D(2020, 8, 1)));
        var before = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => RaiseAsync("MP132", D(2020, 6, 15)));
        var ofAlternate = await RefusedWritingNothingAsync(StatusCode.FailedPrecondition, () => RaiseAsync("MP132A", D(2020, 8, 1)));
        var missing = await RefusedWritingNothingAsync(StatusCode.NotFound, () => RaiseAsync("MP199", D(2020, 8, 1)));

        Assert.Contains("DP130 is a Draft Proposal", draft.Status.Detail);
        Assert.Contains("MP131 is Approved, awaiting implementation", decided.Status.Detail);
        Assert.Contains("MP132 is Draft Proposal raised (Define) on 15 June 2020", before.Status.Detail);
        Assert.Contains("MP132A is itself an alternate of MP132", ofAlternate.Status.Detail);
        Assert.Contains("MP199 is not in the register", missing.Status.Detail);
    }
}
