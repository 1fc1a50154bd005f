using Sec.Releases.Storage;
using Sec.Releases.V1;

namespace Sec.ServiceTests.Releases;

/// <summary>Builds releases through the public API.</summary>
public sealed class ReleaseDesk(SuiteFactory suite) : ContextDriver<ReleaseDesk>(suite, RaisedOn)
{
    /// <summary>When the desk's modifications were raised.</summary>
    private static readonly Google.Type.Date RaisedOn = D(2017, 1, 9);

    public ReleasesService.ReleasesServiceClient Client { get; } = new(suite.Channel());

    /// <summary>The Releases context's own store, for counting what a call wrote.</summary>
    public ReleasesStore Store => Suite.Get<ReleasesStore>();

    /// <summary>Known with its history: scope is checked against the register's history, which may arrive after the modification itself.</summary>
    protected override async Task<IMessage> GetKnownAsync(ModificationReference reference)
    {
        var known = await Client.GetKnownModificationAsync(new() { Reference = reference });
        var views = await Client.DescribeRegisterViewAsync(new DescribeRegisterViewRequest());
        if (!views.Modifications.Any(m => m.Reference.Value == known.Modification.Reference.Value && m.RegisterVersion > 0))
            throw new RpcException(new Status(StatusCode.NotFound, $"Releases has not yet heard {reference.Value}'s history."));
        return known;
    }

    /// <summary>Puts modifications in the register approved on a date (awaiting implementation), and waits until this context has heard their history.</summary>
    public Task<ReleaseDesk> KnowApprovedAsync(Google.Type.Date approvedOn, params string[] references) =>
        KnowWithHistoryAsync([Step(approvedOn, "Approved, awaiting implementation")], references);

    /// <summary>Puts modifications in the register with the given history, and waits until this context has heard it.</summary>
    public async Task<ReleaseDesk> KnowWithHistoryAsync(Sec.Proposals.V1.ImportedStep[] history, params string[] references)
    {
        var register = new Register(Suite);
        foreach (var reference in references)
            await register.ImportAsync(reference, $"{reference} title", RaisedOn, path: Sec.Proposals.V1.DecisionPath.SelfGovernance, history: history);
        foreach (var reference in references)
            await Eventually.GetAsync(() => GetKnownAsync(Ref(reference)));
        return this;
    }

    public async Task<string> CreateAsync(string name, ReleaseType type, Google.Type.Date on) =>
        (await Client.CreateReleaseAsync(new CreateReleaseRequest { Name = name, Type = type, ImplementationDate = on })).Release.ReleaseId;

    /// <summary>Records the Panel's go decision, which go-live needs.</summary>
    public Task GoAsync(string release, Google.Type.Date on) =>
        Client.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = release, Go = true, DecidedOn = on }).ResponseAsync;

    public Task AddAsync(string release, string reference, ScopeKind kind, Google.Type.Date on, int part = 0, Google.Type.Date? cutOff = null) =>
        Client.AddToScopeAsync(new AddToScopeRequest { ReleaseId = release, Reference = Ref(reference), Kind = kind, EffectiveOn = on, Part = part, DecisionCutOff = cutOff }).ResponseAsync;

    /// <summary>A first RID version, baselined: the release is then Baselined.</summary>
    public async Task BaselineAsync(string release, Google.Type.Date dated, Google.Type.Date on)
    {
        await Client.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = release, Version = "1.0", Dated = dated, Changes = "First baseline" });
        await Client.BaselineRidAsync(new BaselineRidRequest { ReleaseId = release, BaselinedOn = on });
    }

    public Task<ImplementReleaseResponse> ImplementAsync(string release) =>
        Client.ImplementReleaseAsync(new ImplementReleaseRequest { ReleaseId = release }).ResponseAsync;

    public async Task<IEnumerable<ReleaseStatus>> UpcomingStatusesAsync(string asOf) =>
        (await Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = asOf })).Releases.Select(r => r.Release.Status);

    public async Task<IReadOnlyList<ReleaseContents>> ImplementedInMonthAsync(string month) =>
        (await Client.ListImplementedInMonthAsync(new ListImplementedInMonthRequest { Month = month })).Releases;
}
