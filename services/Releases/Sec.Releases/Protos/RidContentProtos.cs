using Proto = Sec.Releases.V1;
using Reference = Sec.Common.V1.ModificationReference;

namespace Sec.Releases.Protos;

/// <summary>
/// The RID content's proto form, both ways, with nothing lost: the Api's requests and answers carry
/// it, and Storage keeps a version's content in it (proto JSON), as it always has.
/// </summary>
public static class RidContentProtos
{
    /// <summary>Reads the content; <paramref name="readDate"/> reads each date with its field's name (by default refusing a date that is not one).</summary>
    public static RidContent ToDomain(Proto.RidContent content, Func<Google.Type.Date?, string, DateOnly>? readDate = null)
    {
        readDate ??= (date, field) => date.ToDateOnly(field);
        return new RidContent(
            content.ParticipantImpacts.Select(ToDomain).ToList(),
            content.DocumentImpacts.Select(ToDomain).ToList(),
            content.ImpactSummaries.Select(s => new ImpactSummary(s.Participant, s.Impacts.ToList())).ToList(),
            content.OtherCodes.ToList(),
            content.Timeline.Select((t, i) => new TimelineEvent(readDate(t.On, $"content.timeline[{i}].on"), t.Event, t.Notes)).ToList(),
            content.TestPhases.Select((p, i) => new TestPhase(p.Phase, readDate(p.StartsOn, $"content.test_phases[{i}].starts_on"),
                readDate(p.EndsOn, $"content.test_phases[{i}].ends_on"), p.CompletionReport)).ToList(),
            content.EnteredDccCosts.Select(l => new DccCostLine(Canonical(l.Reference?.Value), l.Activity, ToDomain(l.Cost))).ToList(),
            ToDomain(content.OperationalOneOff),
            ToDomain(content.OperationalOngoing),
            content.SecasEffort.Select(e => new SecasEffort(e.Purpose, e.Days, e.Cost?.Pence)).ToList(),
            content.AcceptanceCriteria.Select(a => new AcceptanceCriterion(a.Text, a.Met, a.Evidence)).ToList());
    }

    public static Proto.RidContent ToProto(RidContent content) => new()
    {
        ParticipantImpacts = { content.ParticipantImpacts.Select(ToProto) },
        DocumentImpacts = { content.DocumentImpacts.Select(ToProto) },
        ImpactSummaries = { content.ImpactSummaries.Select(s => new Proto.ImpactSummary { Participant = s.Participant, Impacts = { s.Impacts } }) },
        OtherCodes = { content.OtherCodes },
        Timeline = { content.Timeline.Select(t => new Proto.TimelineEvent { On = t.On.ToProto(), Event = t.Event, Notes = t.Notes }) },
        TestPhases =
        {
            content.TestPhases.Select(p => new Proto.TestPhase { Phase = p.Phase, StartsOn = p.StartsOn.ToProto(), EndsOn = p.EndsOn.ToProto(), CompletionReport = p.CompletionReport }),
        },
        EnteredDccCosts =
        {
            content.EnteredDccCosts.Select(l => new Proto.DccCostLine
            {
                Reference = l.Reference is null ? null : new Reference { Value = l.Reference }, Activity = l.Activity, Cost = ToProto(l.Cost),
            }),
        },
        OperationalOneOff = ToProto(content.OperationalOneOff),
        OperationalOngoing = ToProto(content.OperationalOngoing),
        SecasEffort =
        {
            content.SecasEffort.Select(e => new Proto.SecasEffort
            {
                Purpose = e.Purpose, Days = e.Days, Cost = e.CostPence is { } pence ? new Sec.Common.V1.Money { Pence = pence } : null,
            }),
        },
        AcceptanceCriteria = { content.AcceptanceCriteria.Select(a => new Proto.AcceptanceCriterion { Text = a.Text, Met = a.Met, Evidence = a.Evidence }) },
    };

    public static Sec.Common.V1.MoneyRange? ToProto(MoneyRange? range) =>
        range is null ? null : new Sec.Common.V1.MoneyRange { LowPence = range.LowPence, HighPence = range.HighPence };

    private static MoneyRange? ToDomain(Sec.Common.V1.MoneyRange? range) => range is null ? null : new MoneyRange(range.LowPence, range.HighPence);

    private static ImpactRow ToDomain(Proto.ImpactRow row) => new(row.Subject, row.References.Select(r => Canonical(r.Value)!).ToList());

    /// <summary>A reference as the register writes it (dp-1 is DP001), so the RID's lines match the scope's; anything else as sent, for the rules to refuse.</summary>
    private static string? Canonical(string? reference) => ModificationReference.TryParse(reference, out var parsed) ? parsed.Value : reference;

    private static Proto.ImpactRow ToProto(ImpactRow row) => new() { Subject = row.Subject, References = { row.References.Select(r => new Reference { Value = r }) } };
}
