using Sec.Contracts;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Proposals;

public sealed class RaiseDraftProposalTests : SuiteTests
{
    public static RaiseDraftProposalRequest Dp119() => new()
    {
        Title = "CH Alert Storm Consolidation",
        ProblemStatement = "Device Alert Storms are already generating large numbers of alerts.",
        Proposer = new Proposer { Name = "Graeme Liggett", Organisation = "Data Communications Company" },
        RaisedOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 10 },
    };

    [Fact]
    public async Task Raised_draft_proposal_is_stored_with_its_history_and_attributed_to_the_caller()
    {
        var raised = (await Proposals.RaiseDraftProposalAsync(Dp119())).Proposal;

        Assert.Equal("DP001", raised.Reference.Value);
        var read = (await Proposals.GetProposalAsync(new GetProposalRequest { Reference = new ModificationReference { Value = "dp1" } })).Proposal;
        Assert.Equal("CH Alert Storm Consolidation", read.Title);
        Assert.Equal(Sec.Proposals.V1.Phase.Define, read.Phase);
        var entry = Assert.Single(read.History);
        Assert.Equal(new Google.Type.Date { Year = 2020, Month = 3, Day = 10 }, entry.EffectiveOn);
        Assert.Equal("Holly Burton", entry.Actor.Name);
        Assert.Equal("SECAS", entry.Actor.Organisation);
        Assert.NotNull(entry.RecordedAt);
    }

    [Fact]
    public async Task Raising_publishes_DraftProposalRaised_through_the_outbox_and_Releases_learns_of_it()
    {
        await Proposals.RaiseDraftProposalAsync(Dp119());

        await Eventually.PublishedAsync<DraftProposalRaised>(Suite.Harness, m => m.Context.Message.Reference == "DP001");
        var releases = new ReleasesService.ReleasesServiceClient(Suite.Channel());
        var known = await Eventually.GetAsync(() => releases.GetKnownModificationAsync(
            new GetKnownModificationRequest { Reference = new ModificationReference { Value = "DP001" } }).ResponseAsync);
        Assert.Equal("CH Alert Storm Consolidation", known.Modification.Title);
        var store = Suite.Get<ProposalsStore>();
        await Eventually.UntilAsync(async () => await Rows.CountAsync(store, "OutboxMessage WHERE SentAt IS NULL") == 0, "every outbox row to be marked sent");
        Assert.Equal(2, await Rows.CountAsync(store, "OutboxMessage")); // DraftProposalRaised and ProposalStatusChanged
    }

    public static TheoryData<string, Action<RaiseDraftProposalRequest>> BadRequests => new()
    {
        { "title", r => r.Title = "" },
        { "title", r => r.Title = "   " },
        { "title", r => r.Title = new string('x', 256) },
        { "proposer", r => r.Proposer = null },
        { "proposer.name", r => r.Proposer.Name = " " },
        { "raised_on", r => r.RaisedOn = new Google.Type.Date { Year = 2026, Month = 11, Day = 24 } },
        { "raised_on", r => r.RaisedOn = new Google.Type.Date { Year = 2020, Month = 2, Day = 30 } },
        { "raised_on", r => r.RaisedOn = null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_naming_the_field_and_writes_nothing(string field, Action<RaiseDraftProposalRequest> spoil)
    {
        var store = Suite.Get<ProposalsStore>();
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "Counter");
        var request = Dp119();
        spoil(request);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, ex.ViolatedFields());
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "Counter"));
    }

    [Fact]
    public async Task Fifty_parallel_raises_get_fifty_distinct_consecutive_numbers()
    {
        var raises = Enumerable.Range(0, 50).Select(_ => Proposals.RaiseDraftProposalAsync(Dp119()).ResponseAsync);

        var references = (await Task.WhenAll(raises)).Select(r => r.Proposal.Reference.Value).ToList();

        Assert.Equal(50, references.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"DP{n:000}").ToList(), references.Order().ToList());
    }

    [Fact]
    public async Task Once_the_last_number_is_given_a_raise_is_refused_and_every_proposal_stays_readable()
    {
        var store = Suite.Get<ProposalsStore>();
        var register = new Register(Proposals);
        // An import moves the numbering past its own number.
        await register.ImportAsync("DP99998", "Second to last", Register.D(2019, 1, 10));
        var last = (await Proposals.RaiseDraftProposalAsync(Dp119())).Proposal;
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "Counter", "AuditEntry");

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(Dp119()).ResponseAsync);
        var fastTrack = Dp119();
        fastTrack.FastTrack = true;
        var refusedFastTrack = await Assert.ThrowsAsync<RpcException>(() => Proposals.RaiseDraftProposalAsync(fastTrack).ResponseAsync);

        Assert.Equal("DP99999", last.Reference.Value);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("up to 99,999 has been given", refused.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, refusedFastTrack.StatusCode);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage", "Counter", "AuditEntry"));
        var listed = (await Proposals.SearchProposalsAsync(new SearchProposalsRequest())).Proposals.Select(p => p.Reference.Value).ToList();
        Assert.Equal(["DP99998", "DP99999"], listed.Order().ToList());
        foreach (var reference in listed)
            Assert.Equal(reference, (await register.GetAsync(reference)).Reference.Value);
    }

    [Fact]
    public async Task Unknown_reference_is_NotFound_and_a_malformed_one_is_InvalidArgument()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetProposalAsync(
            new GetProposalRequest { Reference = new ModificationReference { Value = "MP999" } }).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Proposals.GetProposalAsync(
            new GetProposalRequest { Reference = new ModificationReference { Value = "XY12" } }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("reference.value", malformed.ViolatedFields());
    }

    [Fact]
    public async Task Amending_with_a_stale_version_is_Aborted_and_writes_nothing()
    {
        var raised = (await Proposals.RaiseDraftProposalAsync(Dp119())).Proposal;
        var amend = new AmendProblemStatementRequest
        {
            Reference = raised.Reference,
            ProblemStatement = "Alert storms, restated.",
            ExpectedVersion = raised.Version,
            EffectiveOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 20 },
        };
        var amended = (await Proposals.AmendProblemStatementAsync(amend)).Proposal;
        var store = Suite.Get<ProposalsStore>();
        var before = await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage");

        var stale = await Assert.ThrowsAsync<RpcException>(() => Proposals.AmendProblemStatementAsync(amend).ResponseAsync);

        Assert.Equal(raised.Version + 1, amended.Version);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Contains("version 2", stale.Status.Detail);
        Assert.Equal(before, await Rows.SnapshotAsync(store, "Proposal", "ProposalHistory", "OutboxMessage"));
    }

    [Fact]
    public async Task Two_clerks_amending_the_same_version_at_once_never_both_win()
    {
        var raised = (await Proposals.RaiseDraftProposalAsync(Dp119())).Proposal;
        AmendProblemStatementRequest Amend(string text) => new()
        {
            Reference = raised.Reference,
            ProblemStatement = text,
            ExpectedVersion = raised.Version,
            EffectiveOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 20 },
        };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try { await Proposals.AmendProblemStatementAsync(Amend($"Clerk {i}'s wording")); return StatusCode.OK; }
            catch (RpcException ex) { return ex.StatusCode; }
        }));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o));
        var read = (await Proposals.GetProposalAsync(new GetProposalRequest { Reference = raised.Reference })).Proposal;
        Assert.Equal(2, read.Version);
        Assert.Equal(2, read.History.Count);
    }
}
