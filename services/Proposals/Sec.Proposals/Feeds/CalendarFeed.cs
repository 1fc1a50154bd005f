using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Feeds;

/// <summary>What a dated entry in the feed is.</summary>
public enum FeedEntryKind
{
    WorkingGroupMeeting,
    ChangeBoardMeeting,
    ConsultationCloses,
    ReferralWindowEnds,
    DccAssessmentDue,
    ReleaseGoLive,
}

/// <summary>One all-day entry of the calendar: what happens, on which day, and to which modifications.</summary>
public sealed record FeedEntry(string Uid, FeedEntryKind Kind, DateOnly On, string Summary, string Description, IReadOnlyList<string> References);

/// <summary>
/// The calendar of what is coming, composed as the report is: the register's own Working Group
/// meetings and consultations from this context, and each other context's dates over gRPC with the
/// caller's token. By default it spans a year back and two years ahead of today, so a subscriber sees
/// what has just happened and what is planned; a caller may ask for any other span.
/// </summary>
public sealed class CalendarFeed(
    WorkingGroupUseCases workingGroups,
    ConsultationUseCases consultations,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases,
    IClock clock)
{
    /// <summary>The feed's product identifier, as RFC 5545 asks every calendar to name its maker.</summary>
    public const string ProductId = "-//SECAS//SEC change management//EN";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The default span around today.</summary>
    public (DateOnly From, DateOnly To) DefaultSpan => (clock.Today.AddYears(-1), clock.Today.AddYears(2));

    public async Task<IReadOnlyList<FeedEntry>> EntriesAsync(ModificationReference? only, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = clock.Today;
        bool Wanted(string reference) => only is null || Same(reference, only);
        bool WantedAny(IEnumerable<string> references) => only is null || references.Any(Wanted);
        var entries = new List<FeedEntry>();

        var boardCall = changeBoard.ListMeetingsAsync(new() { From = Iso(from), To = Iso(to) }, cancellationToken: ct).ResponseAsync;
        var releasesCall = only is null
            ? releases.ListUpcomingReleasesAsync(new() { AsOf = Iso(from) }, cancellationToken: ct).ResponseAsync.ContinueWith(t => t.Result.Releases.ToList(), ct)
            : releases.ListReleasesWithModificationAsync(new() { Reference = new Common.V1.ModificationReference { Value = only.Value } }, cancellationToken: ct).ResponseAsync.ContinueWith(t => t.Result.Releases.ToList(), ct);

        foreach (var meeting in await workingGroups.ListMeetingsAsync(null, from, to, ct))
        {
            if (!WantedAny(meeting.Agenda))
                continue;
            var agenda = meeting.Agenda.Count == 0 ? "no modification on its agenda yet" : "agenda: " + string.Join(", ", meeting.Agenda);
            entries.Add(new($"wg-{Slug(meeting.WorkingGroup)}-{Iso(meeting.MeetingOn)}-{meeting.Number}", FeedEntryKind.WorkingGroupMeeting, meeting.MeetingOn,
                $"{meeting.WorkingGroup} Working Group meeting", $"{meeting.WorkingGroup} meets on {Long(meeting.MeetingOn)}; {agenda}.", meeting.Agenda));
        }

        foreach (var consultation in await consultations.AllAsync(ct))
        {
            if (consultation.ClosesOn is not { } closes || closes < from || closes > to || consultation.CancelledOn is not null || !Wanted(consultation.Reference))
                continue;
            var kind = consultation.Kind == Domain.ConsultationKind.Refinement ? "Refinement Consultation" : "Modification Report Consultation";
            entries.Add(new($"consultation-{consultation.Reference}-{consultation.Kind}", FeedEntryKind.ConsultationCloses, closes,
                $"{consultation.Reference} {kind} closes", $"The {kind} on {consultation.Reference} ({consultation.Title}) closes on {Long(closes)}.", [consultation.Reference]));
        }

        foreach (var meeting in (await boardCall).Meetings)
        {
            var on = meeting.MeetingOn.ToDateOnly("meeting_on");
            var agenda = meeting.Agenda.Select(a => a.Reference.Value).Distinct().ToList();
            if (WantedAny(agenda))
                entries.Add(new($"changeboard-{Iso(on)}", FeedEntryKind.ChangeBoardMeeting, on, "Change Board meeting",
                    $"The Change Board meets on {Long(on)}; {(agenda.Count == 0 ? "no agenda yet" : "agenda: " + string.Join(", ", agenda))}.", agenda));
            foreach (var item in meeting.Agenda.Where(i => i.ReferralWindowEndsOn is not null && Wanted(i.Reference.Value)))
            {
                var ends = item.ReferralWindowEndsOn.ToDateOnly("referral_window_ends_on");
                if (ends > to)
                    continue;
                entries.Add(new($"referral-window-{item.ItemId}", FeedEntryKind.ReferralWindowEnds, ends, $"{item.Reference.Value} referral window ends",
                    $"The window to refer the Change Board's Self-Governance decision of {Long(on)} on {item.Reference.Value} to the Panel ends on {Long(ends)}.", [item.Reference.Value]));
            }
        }

        foreach (var assessment in await OpenAssessmentsAsync(only, today, ct))
        {
            if (assessment.DueOn.ToDateOnly("due_on") < from || assessment.DueOn.ToDateOnly("due_on") > to)
                continue;
            var due = assessment.DueOn.ToDateOnly("due_on");
            var kind = assessment.Kind == Sec.Assessments.V1.AssessmentKind.Impact ? "Impact Assessment" : "Preliminary Assessment";
            entries.Add(new($"dcc-due-{assessment.AssessmentId}", FeedEntryKind.DccAssessmentDue, due, $"{assessment.Reference.Value} {kind} due from the DCC",
                $"The DCC's {kind} of {assessment.Reference.Value} is due on {Long(due)} ({assessment.TargetWorkingDays} working days, clock stops added).", [assessment.Reference.Value]));
        }

        foreach (var release in await releasesCall)
        {
            var on = release.Release.ImplementationDate.ToDateOnly("implementation_date");
            if (on < from || on > to)
                continue;
            var scope = release.Scope.Select(s => s.Reference.Value).Distinct().ToList();
            entries.Add(new($"release-{release.Release.ReleaseId}", FeedEntryKind.ReleaseGoLive, on, $"{release.Release.Name} goes live",
                $"The {release.Release.Name} goes live on {Long(on)}; {(scope.Count == 0 ? "nothing in scope yet" : "scope: " + string.Join(", ", scope))}.", scope));
        }
        return entries.OrderBy(e => e.On).ThenBy(e => e.Kind).ThenBy(e => e.Uid, StringComparer.Ordinal).ToList();
    }

    /// <summary>The calendar in RFC 5545 text: one all-day event an entry, stamped with today's clock so the same register gives the same feed.</summary>
    public string Render(IEnumerable<FeedEntry> entries, string name)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId };
        calendar.AddProperty("X-WR-CALNAME", name);
        var stamp = new CalDateTime(clock.UtcNow.UtcDateTime, "UTC");
        foreach (var entry in entries)
        {
            var e = new CalendarEvent
            {
                Uid = entry.Uid + "@sec-change-management",
                Summary = entry.Summary,
                Description = entry.Description,
                DtStart = new CalDateTime(entry.On),
                DtEnd = new CalDateTime(entry.On.AddDays(1)),
                DtStamp = stamp,
                Categories = [entry.Kind.ToString()],
            };
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>Each open assessment with its due date: the modification's own, or those open today, asked for by modification.</summary>
    private async Task<IReadOnlyList<Sec.Assessments.V1.Assessment>> OpenAssessmentsAsync(ModificationReference? only, DateOnly today, CancellationToken ct)
    {
        IEnumerable<string> references = only is not null
            ? [only.Value]
            : (await assessments.GetTimescalesAsync(new() { PeriodEnd = Iso(today), AsOf = Iso(today) }, cancellationToken: ct)).Open.Select(o => o.Reference.Value).Distinct();
        var open = new List<Sec.Assessments.V1.Assessment>();
        foreach (var reference in references)
        {
            var listed = await assessments.ListAssessmentsAsync(new() { Reference = new Common.V1.ModificationReference { Value = reference } }, cancellationToken: ct);
            open.AddRange(listed.Assessments.Where(a => a.DueOn is not null && a.ReturnedOn is null && a.WithdrawnOn is null));
        }
        return open;
    }

    /// <summary>Whether a reference written by any context names the modification: DP119 and MP119 are one modification.</summary>
    public static bool Same(string written, ModificationReference wanted) =>
        ModificationReference.TryParse(written, out var r)
        && (r.Value == wanted.Value || r.Kind != ReferenceKind.Legacy && wanted.Kind != ReferenceKind.Legacy && r.Number == wanted.Number && r.Alternate == wanted.Alternate);

    private static string Slug(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
