using Sec.ChangeBoard.V1;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.Hardening;

/// <summary>
/// Every input of the register and the Change Board has bounds: hidden characters, implausible
/// dates, copied history, oversized filters, pages and lists are refused with the field named, and
/// nothing is written.
/// </summary>
public sealed class InputBoundsTests : SuiteTests
{
    private ChangeBoardService.ChangeBoardServiceClient Board => new(Suite.Channel());

    private async Task<RpcException> RefusedAsync<T>(Func<AsyncUnaryCall<T>> call)
    {
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        await Suite.SettledAsync();
        Assert.Equal(before, await Suite.EveryRowCountAsync());
        return refused;
    }

    /// <summary>Titles with NUL, BEL, a right-to-left override, an isolate and a tab, and where each sits.</summary>
    public static TheoryData<string, int> HiddenCharacterTitles => new()
    {
        { "Correcting DUIS\0 Matrix", 16 }, { "Correcting DUIS\a Matrix", 16 }, { "Correcting \u202EsiuD Matrix", 12 },
        { "Correcting \u2066DUIS Matrix", 12 }, { "Correcting\tDUIS Matrix", 11 },
    };

    [Theory]
    [MemberData(nameof(HiddenCharacterTitles))]
    public async Task A_title_with_a_hidden_character_is_refused_naming_its_position(string title, int position)
    {
        var request = RaiseDraftProposalTests.Dp119();
        request.Title = title;

        var refused = await RefusedAsync(() => Proposals.RaiseDraftProposalAsync(request));

        Assert.Equal(["title"], refused.ViolatedFields());
        Assert.Contains($"position {position}", refused.Status.Detail);
        Assert.DoesNotContain(title[position - 1], refused.Status.Detail);
    }

    [Fact]
    public async Task Names_reasons_and_keys_refuse_control_characters_but_a_problem_statement_keeps_its_line_breaks()
    {
        var import = ImportRequest("MP118", "Refund of the \u202Eecnalab", D(2020, 3, 10), proposer: "Graeme\0Liggett", organisation: "DCC\u0007");
        import.IdempotencyKey = "papers:\u0000MP118";
        import.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 1), Stage = "Refinement Process", Reason = "Panel\u0000approved" });

        var refused = await RefusedAsync(() => Proposals.ImportModificationAsync(import));

        Assert.Equal(["idempotency_key", "title", "proposer.name", "proposer.organisation", "history[0].reason"], refused.ViolatedFields());

        var multiline = RaiseDraftProposalTests.Dp119();
        multiline.ProblemStatement = "The matrix was not updated.\r\n\tSRV7.7 is missing.";
        Assert.Equal("DP001", (await Proposals.RaiseDraftProposalAsync(multiline)).Proposal.Reference.Value);

        var member = await Assert.ThrowsAsync<RpcException>(() => Board.AddMemberAsync(new AddMemberRequest
        {
            Name = "Large\u202ESupplier", Organisation = "Large Supplier's party", VotingGroup = VotingGroup.LargeSupplier, From = D(2018, 1, 1),
        }).ResponseAsync);
        Assert.Equal(["name"], member.ViolatedFields());
    }

    [Theory]
    [InlineData(1900, 1, 1)]
    [InlineData(1989, 12, 31)]
    [InlineData(2101, 1, 1)]
    [InlineData(9999, 12, 31)]
    public async Task A_date_outside_1990_to_2100_is_refused_with_the_field_named(int year, int month, int day)
    {
        var request = RaiseDraftProposalTests.Dp119();
        request.RaisedOn = D(year, month, day);

        var refused = await RefusedAsync(() => Proposals.RaiseDraftProposalAsync(request));

        Assert.Equal(["raised_on"], refused.ViolatedFields());
        Assert.Contains("1990-01-01 to 2100-12-31", refused.Status.Detail);
        var meeting = await Assert.ThrowsAsync<RpcException>(() => Board.ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = D(year, month, day) }).ResponseAsync);
        Assert.Equal(["meeting_on"], meeting.ViolatedFields());
        var votes = await Assert.ThrowsAsync<RpcException>(() => Board.ListVotesAsync(new ListVotesRequest { From = $"{year:0000}-{month:00}-{day:00}", To = "2020-07-31" }).ResponseAsync);
        Assert.Equal(["from"], votes.ViolatedFields());
    }

    [Fact]
    public async Task The_first_and_last_business_dates_are_accepted()
    {
        var request = RaiseDraftProposalTests.Dp119();
        request.RaisedOn = D(1990, 1, 1);
        Assert.Equal("DP001", (await Proposals.RaiseDraftProposalAsync(request)).Proposal.Reference.Value);
        Assert.NotEmpty((await Board.ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = D(2100, 12, 31) })).MeetingId);
    }

    [Fact]
    public async Task A_thousand_and_one_identical_history_steps_are_refused()
    {
        var import = ImportRequest("MP118", "Refund of the debt balance", D(2020, 3, 10));
        for (var i = 0; i < 1_001; i++)
            import.History.Add(Step(D(2020, 4, 1), "Refinement Process"));

        var refused = await RefusedAsync(() => Proposals.ImportModificationAsync(import));

        Assert.Equal(["history"], refused.ViolatedFields());
        Assert.Contains("at most 500 steps (it has 1,001)", refused.Status.Detail);
    }

    [Fact]
    public async Task A_step_repeated_with_the_same_date_stage_and_reason_is_refused_naming_its_index()
    {
        var import = ImportRequest("MP118", "Refund of the debt balance", D(2020, 3, 10));
        import.History.Add(Step(D(2020, 4, 1), "Refinement Process"));
        import.History.Add(Step(D(2020, 5, 1), "On hold"));
        import.History.Add(Step(D(2020, 5, 1), "on hold "));

        var refused = await RefusedAsync(() => Proposals.ImportModificationAsync(import));

        Assert.Equal(["history[2]"], refused.ViolatedFields());
        Assert.Contains("repeats history[1]", refused.Status.Detail);

        // The same stage on the same day for another reason is a different step.
        import.History[2].Reason = "The proposer asked again";
        Assert.Equal(3, (await Proposals.ImportModificationAsync(import)).Proposal.History.Count - 1);
    }

    [Fact]
    public async Task Five_hundred_history_steps_are_accepted()
    {
        var import = ImportRequest("MP118", "Refund of the debt balance", D(2020, 3, 10));
        for (var i = 0; i < 500; i++)
            import.History.Add(new ImportedStep { EffectiveOn = D(2020, 4, 1), Stage = i % 2 == 0 ? "On hold" : "Resumed", Reason = $"Step {i}" });

        Assert.Equal(501, (await Proposals.ImportModificationAsync(import)).Proposal.History.Count);
    }

    [Fact]
    public async Task Every_search_text_filter_over_200_characters_is_refused_naming_each()
    {
        var huge = new string('x', 20_000);
        var request = new SearchProposalsRequest { Text = huge, Status = huge, ProposerOrganisation = huge, WorkingGroup = huge, TargetRelease = new string('x', 201) };

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.SearchProposalsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["text", "status", "proposer_organisation", "working_group", "target_release"], refused.ViolatedFields());
        Assert.True(refused.Status.Detail.Length < 1_000, $"the message has {refused.Status.Detail.Length} characters");
        var streamed = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Proposals.StreamProposals(request);
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.InvalidArgument, streamed.StatusCode);
        Assert.Empty((await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Text = new string('x', 200) })).Proposals);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(501)]
    public async Task A_page_size_outside_0_to_500_is_refused(int size)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.SearchProposalsAsync(new SearchProposalsRequest { Page = new() { PageSize = size } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["page.page_size"], refused.ViolatedFields());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public async Task A_page_size_of_0_or_up_to_500_is_served(int size)
    {
        await Register.ImportAsync("MP118", "Refund of the debt balance", D(2020, 3, 10));
        var page = await Proposals.SearchProposalsAsync(new SearchProposalsRequest { Page = new() { PageSize = size } });
        Assert.Equal(1, page.Page.TotalSize);
    }

    [Fact]
    public async Task Search_phases_and_a_Working_Group_agenda_have_a_maximum_count()
    {
        var search = new SearchProposalsRequest();
        search.Phases.AddRange(Enumerable.Repeat(Phase.Refine, 11));
        var phases = await Assert.ThrowsAsync<RpcException>(() => Proposals.SearchProposalsAsync(search).ResponseAsync);
        Assert.Equal(["phases"], phases.ViolatedFields());

        await Proposals.CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = "TABASC", Theme = "Technical architecture" });
        var meeting = new ScheduleWorkingGroupMeetingRequest { WorkingGroup = "TABASC", MeetingOn = D(2020, 7, 1), Kind = MeetingKind.Monthly };
        meeting.Agenda.AddRange(Enumerable.Range(1, 101).Select(i => Ref($"MP{i:000}")));

        var refused = await RefusedAsync(() => Proposals.ScheduleWorkingGroupMeetingAsync(meeting));

        Assert.Equal(["agenda"], refused.ViolatedFields());
        Assert.Contains("at most 100 modifications (it lists 101)", refused.Status.Detail);
    }

    [Fact]
    public async Task An_item_id_beyond_the_ids_the_board_gives_out_is_refused()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Board.GetAgendaItemAsync(new GetAgendaItemRequest { ItemId = new string('a', 10_000) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["item_id"], refused.ViolatedFields());
    }
}
