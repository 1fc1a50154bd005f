using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// Refinement: <c>sec wg create|meeting|schedule</c> for Working Groups and their agendas, and
/// <c>sec consultation record|respond|list</c> for the Refinement and Modification Report Consultations.
/// </summary>
internal static class RefinementCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        yield return WorkingGroups(cli);
        yield return Consultations(cli);
    }

    private static Command WorkingGroups(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The Working Group's name." };

        var theme = new Option<string>("--theme") { Description = "What the group works on.", Required = true };
        var create = new Command("create", "Create a Working Group.") { name, theme };
        create.SetAction((p, ct) => cli.Guard(async () =>
        {
            var created = await cli.Proposals(p).CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = p.GetValue(name)!, Theme = p.GetValue(theme)! }, cancellationToken: ct);
            await cli.PrintAsync(p, created, $"Working Group '{created.Name}' created");
        }));

        var on = new Option<DateOnly>("--on") { Description = "The meeting date (yyyy-mm-dd).", Required = true };
        var kind = new Option<string>("--kind") { Description = "monthly or ad-hoc.", DefaultValueFactory = _ => "monthly" };
        kind.AcceptOnlyFromAmong("monthly", "ad-hoc");
        var agenda = new Option<string[]>("--agenda") { Description = "A modification on the agenda; repeat for each." };
        var confirmed = new Option<DateOnly?>("--agenda-confirmed-on") { Description = "When the agenda was confirmed (yyyy-mm-dd)." };
        var meeting = new Command("meeting", "Schedule (or record) a Working Group meeting with its agenda of modifications.") { name, on, kind, agenda, confirmed };
        meeting.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new ScheduleWorkingGroupMeetingRequest
            {
                WorkingGroup = p.GetValue(name)!,
                MeetingOn = Date(p.GetValue(on)),
                Kind = p.GetValue(kind) == "ad-hoc" ? MeetingKind.AdHoc : MeetingKind.Monthly,
                AgendaConfirmedOn = Date(p.GetValue(confirmed)),
            };
            request.Agenda.AddRange((p.GetValue(agenda) ?? []).Select(Reference));
            var scheduled = (await cli.Proposals(p).ScheduleWorkingGroupMeetingAsync(request, cancellationToken: ct)).Meeting;
            await cli.PrintAsync(p, scheduled, $"{scheduled.WorkingGroup} meets on {Show(scheduled.MeetingOn)} ({Kind(scheduled.Kind)}): {Agenda(scheduled)}");
        }));

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date (yyyy-mm-dd); today if left out." };
        var schedule = new Command("schedule", "Each Working Group's last meeting held and next meeting, as of a date.") { asOf };
        schedule.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).GetWorkingGroupScheduleAsync(new GetWorkingGroupScheduleRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Groups.Count == 0 ? "No Working Groups."
                : string.Join(Environment.NewLine, answer.Groups.Select(g =>
                    $"{g.WorkingGroup}: last {(g.LastHeld is null ? "none" : Show(g.LastHeld.MeetingOn))}, next {(g.Next is null ? "none" : $"{Show(g.Next.MeetingOn)} ({Agenda(g.Next)})")}")));
        }));

        return new Command("wg", "Working Groups: create one, schedule its meetings and agendas, see the schedule.") { create, meeting, schedule };
    }

    private static Command Consultations(CliContext cli)
    {
        var reference = ReferenceArgument();
        var kind = OneOf("--kind", "refinement or report (the Modification Report Consultation).", "refinement", "report");

        var week = new Option<DateOnly?>("--expected-week") { Description = "The Monday of the week it is expected to be issued (yyyy-mm-dd)." };
        var issued = new Option<DateOnly?>("--issued-on") { Description = "When it was issued (yyyy-mm-dd)." };
        var closes = new Option<DateOnly?>("--closes-on") { Description = "When it closes (yyyy-mm-dd)." };
        var record = new Command("record", "Record a consultation: its expected week, or its issue and closing dates.") { reference, kind, week, issued, closes };
        record.SetAction((p, ct) => cli.Guard(async () =>
        {
            var recorded = (await cli.Proposals(p).RecordConsultationAsync(new RecordConsultationRequest
            {
                Reference = Reference(p.GetValue(reference)!),
                Kind = KindOf(p.GetValue(kind)),
                ExpectedWeekCommencing = Date(p.GetValue(week)),
                IssuedOn = Date(p.GetValue(issued)),
                ClosesOn = Date(p.GetValue(closes)),
            }, cancellationToken: ct)).Consultation;
            await cli.PrintAsync(p, recorded, Line(recorded));
        }));

        var respondent = new Option<string>("--respondent") { Description = "Who responded.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The respondent's organisation.", Required = true };
        var category = new Option<string>("--category") { Description = "The respondent's party category, for example \"Large Supplier\".", Required = true };
        var received = new Option<DateOnly>("--received-on") { Description = "When the response arrived (yyyy-mm-dd).", Required = true };
        var respond = new Command("respond", "Add a response to an issued consultation.") { reference, kind, respondent, organisation, category, received };
        respond.SetAction((p, ct) => cli.Guard(async () =>
        {
            var after = (await cli.Proposals(p).AddConsultationResponseAsync(new AddConsultationResponseRequest
            {
                Reference = Reference(p.GetValue(reference)!),
                Kind = KindOf(p.GetValue(kind)),
                Respondent = p.GetValue(respondent)!,
                Organisation = p.GetValue(organisation)!,
                PartyCategory = p.GetValue(category)!,
                ReceivedOn = Date(p.GetValue(received)),
            }, cancellationToken: ct)).Consultation;
            await cli.PrintAsync(p, after, Line(after));
        }));

        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date the open and late flags are worked out on (yyyy-mm-dd); today if left out." };
        var list = new Command("list", "Every consultation, with its open and late flags on a date.") { asOf };
        list.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).ListConsultationsAsync(new ListConsultationsRequest { AsOf = Iso(p.GetValue(asOf) ?? Today) }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Consultations.Count == 0 ? "No consultations." : string.Join(Environment.NewLine, answer.Consultations.Select(Line)));
        }));

        return new Command("consultation", "Refinement and Modification Report Consultations: record, add responses, list.") { record, respond, list };
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    private static ConsultationKind KindOf(string? kind) => kind == "report" ? ConsultationKind.ModificationReport : ConsultationKind.Refinement;

    private static string Kind(MeetingKind kind) => kind == MeetingKind.AdHoc ? "ad hoc" : "monthly";

    private static string Agenda(WorkingGroupMeeting m) => m.Agenda.Count == 0 ? "no modifications on the agenda" : string.Join(", ", m.Agenda.Select(r => r.Value));

    private static string Line(Consultation c)
    {
        var what = c.Kind == ConsultationKind.ModificationReport ? "Modification Report Consultation" : "Refinement Consultation";
        var when = c.IssuedOn is null
            ? $"expected w/c {Show(c.ExpectedWeekCommencing)}"
            : $"issued {Show(c.IssuedOn)}{(c.ClosesOn is null ? "" : $", closes {Show(c.ClosesOn)}")}";
        var flags = (c.Open ? ", open" : "") + (c.Late ? ", late" : "");
        return $"{c.Reference.Value} {what}: {when}{flags}; {c.Responses.Count} response{(c.Responses.Count == 1 ? "" : "s")}";
    }
}
