using Sec.Releases.V1;
using Sec.ServiceTests.Proposals;
using static Sec.ServiceTests.Proposals.Register;
using ProposalsService = Sec.Proposals.V1.ProposalsService;

namespace Sec.ServiceTests.Releases;

/// <summary>Builds releases through the public API.</summary>
public sealed class ReleaseDesk(SuiteFactory suite)
{
    public ReleasesService.ReleasesServiceClient Client { get; } = new(suite.Channel());

    /// <summary>Puts modifications in the register and waits until Releases has heard of them.</summary>
    public async Task KnowAsync(params string[] references)
    {
        var register = new Register(new ProposalsService.ProposalsServiceClient(suite.Channel()));
        foreach (var reference in references)
            await register.ImportAsync(reference, $"{reference} title", D(2017, 1, 9));
        foreach (var reference in references)
            await Eventually.GetAsync(() => Client.GetKnownModificationAsync(new() { Reference = Ref(reference) }).ResponseAsync);
    }

    public async Task<string> CreateAsync(string name, ReleaseType type, Google.Type.Date on) =>
        (await Client.CreateReleaseAsync(new CreateReleaseRequest { Name = name, Type = type, ImplementationDate = on })).Release.ReleaseId;

    /// <summary>Records the Panel's go decision, which go-live needs.</summary>
    public Task GoAsync(string release, Google.Type.Date on) =>
        Client.DecideGoNoGoAsync(new DecideGoNoGoRequest { ReleaseId = release, Go = true, DecidedOn = on }).ResponseAsync;

    public Task AddAsync(string release, string reference, ScopeKind kind, Google.Type.Date on, int part = 0, Google.Type.Date? cutOff = null) =>
        Client.AddToScopeAsync(new AddToScopeRequest { ReleaseId = release, Reference = Ref(reference), Kind = kind, EffectiveOn = on, Part = part, DecisionCutOff = cutOff }).ResponseAsync;
}
