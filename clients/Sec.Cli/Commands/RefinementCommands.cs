using Sec.Proposals.V1;

namespace Sec.Cli.Commands;

/// <summary>
/// Refinement: <c>sec wg create|meeting|outcome|meetings|schedule</c> for Working Groups, their
/// meetings, agendas and outcomes, and <c>sec consultation record|cancel|respond|list</c> for the
/// Refinement and Modification Report Consultations. A meeting is named by group and date (and its
/// number when the group met more than once that day), never by an id.
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
        var outcome = new Option<string?>("--outcome") { Description = "What the meeting concluded, when recording one already held." };
        var meeting = new Command("meeting", "Schedule (or record) a Working Group meeting with its agenda; a second meeting the same day is another meeting.") { name, on, kind, agenda, confirmed, outcome };
        meeting.SetAction((p, ct) => cli.Guard(async () =>
        {
            var request = new ScheduleWorkingGroupMeetingRequest
            {
                WorkingGroup = p.GetValue(name)!,
                MeetingOn = Date(p.GetValue(on)),
                Kind = p.GetValue(kind) == "ad-hoc" ? MeetingKind.AdHoc : MeetingKind.Monthly,
                AgendaConfirmedOn = Date(p.GetValue(confirmed)),
                Outcome = p.GetValue(outcome) ?? "",
            };
            request.Agenda.AddRange((p.GetValue(agenda) ?? []).Select(Reference));
            var scheduled = (await cli.Proposals(p).ScheduleWorkingGroupMeetingAsync(request, cancellationToken: ct)).Meeting;
            await cli.PrintAsync(p, scheduled, $"{scheduled.WorkingGroup} meets on {Show(scheduled.MeetingOn)}{(scheduled.Number > 1 ? $" (meeting {scheduled.Number} that day)" : "")} ({Kind(scheduled.Kind)}): {Agenda(scheduled)}");
        }));

        var heldOn = new Option<DateOnly>("--on") { Description = "The meeting date (yyyy-mm-dd).", Required = true };
        var number = new Option<int?>("--number") { Description = "Which meeting that day (1, 2, ...), when the group met more than once." };
        var text = new Option<string>("--text") { Description = "What the meeting concluded.", Required = true };
        var recordOutcome = new Command("outcome", "Record what a Working Group meeting concluded, once it has been held.") { name, heldOn, number, text };
        recordOutcome.SetAction((p, ct) => cli.Guard(async () =>
        {
            var recorded = (await cli.Proposals(p).RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
            {
                WorkingGroup = p.GetValue(name)!, MeetingOn = Date(p.GetValue(heldOn)), Number = p.GetValue(number) ?? 0, Outcome = p.GetValue(text)!,
            }, cancellationToken: ct)).Meeting;
            await cli.PrintAsync(p, recorded, MeetingLine(recorded));
        }));

        var group = new Argument<string?>("name") { Description = "The Working Group's name; every group's meetings if left out.", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<DateOnly?>("--from") { Description = "The first date (yyyy-mm-dd)." };
        var to = new Option<DateOnly?>("--to") { Description = "The last date (yyyy-mm-dd)." };
        var meetings = new Command("meetings", "List Working Group meetings by date, each with its agenda and outcome.") { group, from, to };
        meetings.SetAction((p, ct) => cli.Guard(async () =>
        {
            var answer = await cli.Proposals(p).ListWorkingGroupMeetingsAsync(new ListWorkingGroupMeetingsRequest
            {
                WorkingGroup = p.GetValue(group) ?? "", From = Iso(p.GetValue(from)), To = Iso(p.GetValue(to)),
            }, cancellationToken: ct);
            await cli.PrintAsync(p, answer, answer.Meetings.Count == 0
                ? $"No Working Group meetings{(p.GetValue(group) is { } g ? $" of {g}" : "")}{(p.GetValue(from) is null && p.GetValue(to) is null ? "" : " in those dates")}."
                : string.Join(Environment.NewLine, answer.Meetings.Select(MeetingLine)));
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

        return new Command("wg", "Working Groups: create one, schedule its meetings and agendas, record outcomes, list meetings, see the schedule.")
            { create, meeting, recordOutcome, meetings, schedule };
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

        var cancelledOn = new Option<DateOnly>("--on") { Description = "The date of the cancellation (yyyy-mm-dd).", Required = true };
        var cancelReason = new Option<string>("--reason") { Description = "Why it will not be issued.", Required = true };
        var cancel = new Command("cancel", "Cancel an expected consultation that will not be issued; it no longer shows as late.") { reference, kind, cancelledOn, cancelReason };
        cancel.SetAction((p, ct) => cli.Guard(async () =>
        {
            var cancelled = (await cli.Proposals(p).CancelConsultationAsync(new CancelConsultationRequest
            {
                Reference = Reference(p.GetValue(reference)!), Kind = KindOf(p.GetValue(kind)), CancelledOn = Date(p.GetValue(cancelledOn)), Reason = p.GetValue(cancelReason)!,
            }, cancellationToken: ct)).Consultation;
            await cli.PrintAsync(p, cancelled, Line(cancelled));
        }));

        var respondent = new Option<string>("--respondent") { Description = "Who responded.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The respondent's organisation.", Required = true };
        var category = new Option<string>("--category") { Description = "The respondent's party category, for example \"Large Supplier\".", Required = true };
        var received = new Option<DateOnly>("--received-on") { Description = "When the response arrived (yyyy-mm-dd).", Required = true };
        var position = OneOf("--position", "The respondent's position: support, oppose or neutral.", "support", "oppose", "neutral");
        var text = new Option<string?>("--text") { Description = "What the response says." };
        var respond = new Command("respond", "Add a response to an issued consultation; a respondent responds once.") { reference, kind, respondent, organisation, category, received, position, text };
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
                Position = p.GetValue(position) switch { "support" => ResponsePosition.Support, "oppose" => ResponsePosition.Oppose, _ => ResponsePosition.Neutral },
                Text = p.GetValue(text) ?? "",
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

        return new Command("consultation", "Refinement and Modification Report Consultations: record, cancel, add responses, list.") { record, cancel, respond, list };
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    private static ConsultationKind KindOf(string? kind) => kind == "report" ? ConsultationKind.ModificationReport : ConsultationKind.Refinement;

    private static string Kind(MeetingKind kind) => kind == MeetingKind.AdHoc ? "ad hoc" : "monthly";

    private static string Agenda(WorkingGroupMeeting m) => m.Agenda.Count == 0 ? "no modifications on the agenda" : string.Join(", ", m.Agenda.Select(r => r.Value));

    private static string MeetingLine(WorkingGroupMeeting m) =>
        $"{m.WorkingGroup} {Show(m.MeetingOn)}{(m.Number > 1 ? $" (meeting {m.Number})" : "")} {Kind(m.Kind)}: {Agenda(m)}{(m.Outcome.Length == 0 ? "" : $"; outcome: {m.Outcome}")}";

    private static string Line(Consultation c)
    {
        var what = c.Kind == ConsultationKind.ModificationReport ? "Modification Report Consultation" : "Refinement Consultation";
        var when = c.IssuedOn is null
            ? $"expected w/c {Show(c.ExpectedWeekCommencing)}"
            : $"issued {Show(c.IssuedOn)}{(c.ClosesOn is null ? "" : $", closes {Show(c.ClosesOn)}")}";
        var flags = (c.Open ? ", open" : "") + (c.Late ? ", late" : "") + (c.CancelledOn is null ? "" : $", cancelled {Show(c.CancelledOn)}: {c.CancellationReason}");
        return $"{c.Reference.Value} {what}: {when}{flags}; {c.Responses.Count} response{(c.Responses.Count == 1 ? "" : "s")}";
    }
}
