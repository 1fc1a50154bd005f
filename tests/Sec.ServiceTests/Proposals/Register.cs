using Sec.Proposals.V1;

namespace Sec.ServiceTests.Proposals;

/// <summary>Builds register data through the public API, as a SECAS analyst would.</summary>
public sealed class Register(ProposalsService.ProposalsServiceClient client)
{
    public Register(SuiteFactory suite) : this(new ProposalsService.ProposalsServiceClient(suite.Channel()))
    {
    }

    public ProposalsService.ProposalsServiceClient Client => client;

    public static Google.Type.Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    public static ModificationReference Ref(string value) => new() { Value = value };

    /// <summary>Imports a modification with no steps after raising, so its number is the paper's.</summary>
    public async Task<Proposal> ImportAsync(string reference, string title, Google.Type.Date raisedOn, string proposer = "Graeme Liggett",
        string organisation = "Data Communications Company", DecisionPath path = DecisionPath.Unspecified, params ImportedStep[] history)
    {
        var request = ImportRequest(reference, title, raisedOn, proposer, organisation);
        request.Path = path;
        request.History.AddRange(history);
        return (await client.ImportModificationAsync(request)).Proposal;
    }

    /// <summary>An import with no steps after raising, for tests that send it themselves.</summary>
    public static ImportModificationRequest ImportRequest(string reference, string title, Google.Type.Date raisedOn, string proposer = "Graeme Liggett",
        string organisation = "Data Communications Company") => new()
    {
        IdempotencyKey = $"test:{reference}",
        Reference = Ref(reference),
        Title = title,
        ProblemStatement = $"The problem {reference} solves.",
        Proposer = new Proposer { Name = proposer, Organisation = organisation },
        RaisedOn = raisedOn,
    };

    public async Task<Proposal> GetAsync(string reference) =>
        (await client.GetProposalAsync(new GetProposalRequest { Reference = Ref(reference) })).Proposal;

    public async Task<Proposal> CscReadyAsync(string reference, Google.Type.Date on) =>
        (await client.RecordCscDecisionAsync(new RecordCscDecisionRequest { Reference = Ref(reference), EffectiveOn = on, Outcome = CscOutcome.ReadyForConversion })).Proposal;

    public async Task<Proposal> ConvertAsync(string reference, Google.Type.Date on, ConversionRoute route = ConversionRoute.RefinementProcess, DecisionPath path = DecisionPath.SelfGovernance) =>
        (await client.ConvertToModificationProposalAsync(new ConvertToModificationProposalRequest { Reference = Ref(reference), EffectiveOn = on, Route = route, Path = path })).Proposal;

    public async Task<Proposal> WithdrawAsync(string reference, Google.Type.Date on) =>
        (await client.WithdrawAsync(new WithdrawRequest { Reference = Ref(reference), EffectiveOn = on, Reason = "The proposer no longer needs it" })).Proposal;

    public async Task<Proposal> AdoptAsync(string reference, Google.Type.Date on, string adopter, string organisation) =>
        (await client.AdoptAsync(new AdoptRequest { Reference = Ref(reference), EffectiveOn = on, Adopter = new Proposer { Name = adopter, Organisation = organisation } })).Proposal;

    public static ImportedStep Step(Google.Type.Date on, string stage) => new() { EffectiveOn = on, Stage = stage, Reason = stage };
}
