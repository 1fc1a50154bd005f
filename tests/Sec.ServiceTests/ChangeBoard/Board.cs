using Sec.ChangeBoard.V1;
using Sec.Identity;

namespace Sec.ServiceTests.ChangeBoard;

/// <summary>Builds Change Board data through the public API.</summary>
public sealed class Board(SuiteFactory suite) : ContextDriver<Board>(suite, D(2019, 1, 7))
{
    public ChangeBoardService.ChangeBoardServiceClient Client { get; } = new(suite.Channel());

    protected override async Task<IMessage> GetKnownAsync(ModificationReference reference) =>
        await Client.GetKnownModificationAsync(new() { Reference = reference });

    private readonly Dictionary<string, ChangeBoardService.ChangeBoardServiceClient> _members = [];

    /// <summary>The day the modifications this driver puts in the register were raised (and went to refinement).</summary>
    public static readonly Google.Type.Date RaisedOn = D(2019, 1, 7);

    /// <summary>
    /// Puts modifications in the register awaiting the Change Board's decision since a date, on a
    /// path, as papers record them (raised, refined, submitted), and waits until the board has heard
    /// their history; returns the driver for the test to go on with.
    /// </summary>
    public async Task<Board> AwaitingAsync(Google.Type.Date since, DecisionPath path, params string[] references)
    {
        var register = new Register(Suite);
        foreach (var reference in references)
            await register.ImportAsync(reference, $"{reference} title", RaisedOn, path: (Sec.Proposals.V1.DecisionPath)(int)path,
                history: [Register.Step(RaisedOn, "Refinement Process"), Register.Step(since, "Change Board")]);
        foreach (var reference in references)
            await Eventually.GetAsync(() => GetKnownAsync(Register.Ref(reference)));
        return this;
    }

    /// <summary>Waits until the board's view of the register has the modification at a stage (the register's events travel by the bus).</summary>
    public Task RegisterSaysAsync(string reference, Sec.Contracts.Stage stage) =>
        Eventually.UntilAsync(async () => (await Client.DescribeRegisterViewAsync(new())).Modifications
            .Any(m => m.Reference.Value == reference && m.Stage == (int)stage), $"the board to hear {reference} is {stage}");

    public async Task<string> MemberAsync(string name, VotingGroup group, Google.Type.Date? from = null, Google.Type.Date? to = null)
    {
        var id = (await Client.AddMemberAsync(new AddMemberRequest { Name = name, Organisation = $"{name}'s party", VotingGroup = group, From = from ?? D(2018, 1, 1), To = to })).Member.MemberId;
        _members[id] = AsMember(name, group);
        return id;
    }

    /// <summary>The member's own client: a member votes only as itself, in its own voting group.</summary>
    public ChangeBoardService.ChangeBoardServiceClient AsMember(string name, VotingGroup group) =>
        new(Suite.Channel(name, $"{name}'s party", [SecRoles.ChangeBoardMember], SecClaims.VotingGroupOf(group.ToString())));

    /// <summary>The client a member added by this driver votes with.</summary>
    public ChangeBoardService.ChangeBoardServiceClient Member(string memberId) => _members[memberId];

    /// <summary>One member in each voting group.</summary>
    public async Task<Dictionary<VotingGroup, string>> OneMemberPerGroupAsync() =>
        new()
        {
            [VotingGroup.LargeSupplier] = await MemberAsync("Large Supplier member", VotingGroup.LargeSupplier),
            [VotingGroup.SmallSupplier] = await MemberAsync("Small Supplier member", VotingGroup.SmallSupplier),
            [VotingGroup.ElectricityNetwork] = await MemberAsync("Electricity Network member", VotingGroup.ElectricityNetwork),
            [VotingGroup.GasNetwork] = await MemberAsync("Gas Network member", VotingGroup.GasNetwork),
            [VotingGroup.OtherSecParties] = await MemberAsync("Other SEC Parties member", VotingGroup.OtherSecParties),
            [VotingGroup.Consumer] = await MemberAsync("Consumer member", VotingGroup.Consumer),
        };

    public async Task<string> MeetingAsync(Google.Type.Date on) => (await Client.ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = on })).MeetingId;

    public async Task<AgendaItem> VoteItemAsync(string meetingId, string reference, DecisionPath path) =>
        (await Client.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = meetingId, Reference = Ref(reference), Kind = AgendaItemKind.ModificationVote, Path = path })).Item;

    public async Task VoteAsync(AgendaItem item, IEnumerable<string> members, VoteValue value)
    {
        foreach (var member in members)
            await Member(member).CastVoteAsync(new CastVoteRequest { ItemId = item.ItemId, MemberId = member, Value = value });
    }

    public async Task<AgendaItem> CloseAsync(AgendaItem item) => (await Client.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId })).Item;

    /// <summary>A vote item at a new meeting, one member of each group voting the same way, closed.</summary>
    public async Task<AgendaItem> DecideByEveryGroupAsync(Google.Type.Date meetingOn, string reference, DecisionPath path, VoteValue value) =>
        await CloseAsync(await VotedByEveryGroupAsync(meetingOn, reference, path, value));

    /// <summary>A vote item at a new meeting, one member of each group voting the same way, left open to be closed.</summary>
    public async Task<AgendaItem> VotedByEveryGroupAsync(Google.Type.Date meetingOn, string reference, DecisionPath path, VoteValue value)
    {
        var item = await VoteItemAsync(await MeetingAsync(meetingOn), reference, path);
        await VoteAsync(item, (await OneMemberPerGroupAsync()).Values, value);
        return item;
    }

    /// <summary>A vote item on the meeting, every member voting the same way, closed.</summary>
    public async Task<AgendaItem> DecideAsync(string meetingId, string reference, DecisionPath path, IEnumerable<string> members, VoteValue value)
    {
        var item = await VoteItemAsync(meetingId, reference, path);
        await VoteAsync(item, members, value);
        return await CloseAsync(item);
    }
}
