using System.Net;
using System.Net.Http.Json;
using Grpc.Net.Client;
using Sec.Identity;

namespace Sec.ServiceTests.Identity;

/// <summary>
/// What an outsider once did through the gateway with no credential, or with a credential that is
/// not theirs, each refused now with nothing written in any context.
/// </summary>
public sealed class OutsiderTests : SuiteTests
{
    private GrpcChannel Reader => Suite.Channel("Rita Reader", "A party", [SecRoles.Reader]);

    private async Task RefusedAndNothingWritten(StatusCode expected, params Func<Task>[] calls)
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        foreach (var call in calls)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(expected, refused.StatusCode);
        }
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_proposal_is_recorded_under_the_token_s_name_whatever_a_header_claims()
    {
        var headers = new Metadata { { "x-sec-actor", "Chair of the SEC Panel" }, { "x-sec-actor-organisation", "Ofgem" } };
        var raised = (await Proposals.RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), headers)).Proposal;

        var entry = Assert.Single(raised.History);
        Assert.Equal("Holly Burton", entry.Actor.Name);
        Assert.Equal("SECAS", entry.Actor.Organisation);
        await RefusedAndNothingWritten(StatusCode.Unauthenticated,
            () => new Sec.Proposals.V1.ProposalsService.ProposalsServiceClient(Suite.Channel(actor: null)).RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119(), headers).ResponseAsync);
    }

    [Fact]
    public async Task A_refusal_quotes_the_token_s_name_short_and_printable()
    {
        var channel = Suite.Channel(new string('n', 2_000) + "\u202E", "A party", [SecRoles.Reader]);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new Sec.Proposals.V1.ProposalsService.ProposalsServiceClient(channel).RaiseDraftProposalAsync(RaiseDraftProposalTests.Dp119()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.True(refused.Status.Detail.Length < 300, $"a refusal of {refused.Status.Detail.Length:N0} characters");
        Assert.DoesNotContain('\u202E', refused.Status.Detail);
        Assert.EndsWith("(2,001 characters) has reader.", refused.Status.Detail);
    }

    [Fact]
    public async Task Nobody_but_SECAS_withdraws_a_live_modification()
    {
        await Register.ImportAsync("MP088", "Live modification", D(2020, 1, 9));
        var withdraw = new Sec.Proposals.V1.WithdrawRequest { Reference = Ref("MP088"), EffectiveOn = D(2019, 1, 1), Reason = "back-dated" };

        await RefusedAndNothingWritten(StatusCode.PermissionDenied,
            () => new Sec.Proposals.V1.ProposalsService.ProposalsServiceClient(Reader).WithdrawAsync(withdraw).ResponseAsync);
        await RefusedAndNothingWritten(StatusCode.Unauthenticated,
            () => new Sec.Proposals.V1.ProposalsService.ProposalsServiceClient(Suite.Channel(actor: null)).WithdrawAsync(withdraw).ResponseAsync);
    }

    [Fact]
    public async Task Fake_members_votes_as_real_members_and_closing_the_vote_are_refused()
    {
        var board = await new ChangeBoard.Board(Suite).AwaitingAsync(D(2020, 7, 15), Sec.ChangeBoard.V1.DecisionPath.SelfGovernance, "MP105");
        var member = await board.MemberAsync("Real Member", Sec.ChangeBoard.V1.VotingGroup.LargeSupplier);
        var item = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 7, 22)), "MP105", Sec.ChangeBoard.V1.DecisionPath.SelfGovernance);
        var outsider = board.AsMember("Mallory", Sec.ChangeBoard.V1.VotingGroup.LargeSupplier);
        var reader = new Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient(Reader);

        await RefusedAndNothingWritten(StatusCode.PermissionDenied,
            () => reader.AddMemberAsync(new() { Name = "Fake", Organisation = "Nobody", VotingGroup = Sec.ChangeBoard.V1.VotingGroup.Consumer, From = D(2020, 1, 1) }).ResponseAsync,
            () => outsider.CastVoteAsync(new() { ItemId = item.ItemId, MemberId = member, Value = Sec.ChangeBoard.V1.VoteValue.Approve }).ResponseAsync,
            () => board.Member(member).CloseVoteAsync(new() { ItemId = item.ItemId }).ResponseAsync);
    }

    [Fact]
    public async Task Only_the_Authority_records_the_Authority_s_decision()
    {
        var board = await new ChangeBoard.Board(Suite).AwaitingAsync(D(2020, 7, 15), Sec.ChangeBoard.V1.DecisionPath.AuthorityDetermination, "MP088");
        var item = await board.VoteItemAsync(await board.MeetingAsync(D(2020, 7, 22)), "MP088", Sec.ChangeBoard.V1.DecisionPath.AuthorityDetermination);
        var secas = new Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient(Suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas, SecRoles.Panel]));

        await RefusedAndNothingWritten(StatusCode.PermissionDenied,
            () => secas.RecordAuthorityDecisionAsync(new() { ItemId = item.ItemId, Outcome = Sec.ChangeBoard.V1.Outcome.Approved, DecidedOn = D(2020, 9, 1) }).ResponseAsync);
    }

    [Fact]
    public async Task Only_the_DCC_posts_accepts_and_returns_and_never_without_a_token()
    {
        var dcc = await new Assessments.Dcc(Suite).KnowAsync("MP122");
        await dcc.RequestAsync("MP122", Sec.Assessments.V1.AssessmentKind.Preliminary, new DateOnly(2020, 4, 1));
        var secas = new Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient(Suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas]));
        var accept = new Sec.Assessments.V1.AcceptAssessmentRequest
        {
            IdempotencyKey = "outsider-1", AcceptedOn = D(2020, 4, 2),
            Assessment = new() { Reference = Ref("MP122"), Kind = Sec.Assessments.V1.AssessmentKind.Preliminary },
        };

        await RefusedAndNothingWritten(StatusCode.PermissionDenied, () => secas.AcceptAssessmentAsync(accept).ResponseAsync);
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        using var http = Suite.CreateClient();
        var posted = await http.PostAsJsonAsync("/v1/assessments/dcc/accept", new
        {
            idempotencyKey = "outsider-2", acceptedOn = new { year = 2020, month = 4, day = 2 },
            assessment = new { reference = new { value = "MP122" }, kind = "ASSESSMENT_KIND_PRELIMINARY" },
        });
        Assert.Equal(HttpStatusCode.Unauthorized, posted.StatusCode);
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_release_in_the_past_cannot_be_created_scoped_or_implemented_by_an_outsider()
    {
        var desk = await new Releases.ReleaseDesk(Suite).KnowAsync("MP080");
        var release = await desk.CreateAsync("June 2020 SEC Release", Sec.Releases.V1.ReleaseType.Major, D(2020, 6, 25));
        var dcc = new Sec.Releases.V1.ReleasesService.ReleasesServiceClient(Suite.Channel("DCC integration", "Data Communications Company", [SecRoles.Dcc, SecRoles.Reader]));

        await RefusedAndNothingWritten(StatusCode.PermissionDenied,
            () => dcc.CreateReleaseAsync(new() { Name = "Past release", Type = Sec.Releases.V1.ReleaseType.Standalone, ImplementationDate = D(2019, 1, 1) }).ResponseAsync,
            () => dcc.AddToScopeAsync(new() { ReleaseId = release, Reference = Ref("MP080"), Kind = Sec.Releases.V1.ScopeKind.Approved, EffectiveOn = D(2020, 5, 1) }).ResponseAsync,
            () => dcc.ImplementReleaseAsync(new() { ReleaseId = release }).ResponseAsync);
    }
}
