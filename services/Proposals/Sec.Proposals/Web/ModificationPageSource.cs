using System.Globalization;
using Sec.Proposals.Api;
using Sec.Proposals.Feeds;
using AssessmentsClient = Sec.Assessments.V1.AssessmentsService.AssessmentsServiceClient;
using ChangeBoardClient = Sec.ChangeBoard.V1.ChangeBoardService.ChangeBoardServiceClient;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Web;

/// <summary>Everything the modification page shows, gathered from the four contexts.</summary>
public sealed record ModificationPage(
    Proto.Proposal Proposal,
    IReadOnlyList<Domain.WorkingGroupMeeting> WorkingGroupMeetings,
    IReadOnlyList<Domain.Consultation> Consultations,
    IReadOnlyList<Sec.Assessments.V1.Assessment> Assessments,
    IReadOnlyList<Sec.ChangeBoard.V1.AgendaItem> ChangeBoardItems,
    IReadOnlyList<Sec.Releases.V1.ReleaseContents> Releases);

/// <summary>
/// Composes one modification's page: the register's own record from this context, and each other
/// context's part over gRPC with the caller's token, as the report does. When the register answers
/// for the whole modification in one call, only this class changes.
/// </summary>
public sealed class ModificationPageSource(
    ProposalQueries register,
    WorkingGroupUseCases workingGroups,
    ConsultationUseCases consultations,
    AssessmentsClient assessments,
    ChangeBoardClient changeBoard,
    ReleasesClient releases)
{
    public async Task<ModificationPage> GetAsync(ModificationReference reference, CancellationToken ct)
    {
        var view = await register.GetAsync(reference, ct);
        var current = ModificationReference.Parse(view.Proposal.Reference.Value, "reference");
        var asked = new Common.V1.ModificationReference { Value = current.Value };
        var assessmentsCall = assessments.ListAssessmentsAsync(new() { Reference = asked }, cancellationToken: ct).ResponseAsync;
        var meetingsCall = changeBoard.ListMeetingsAsync(new() { From = "1990-01-01", To = "2100-12-31" }, cancellationToken: ct).ResponseAsync;
        var releasesCall = releases.ListReleasesWithModificationAsync(new() { Reference = asked }, cancellationToken: ct).ResponseAsync;
        var groups = (await workingGroups.ListMeetingsAsync(null, null, null, ct)).Where(m => m.Agenda.Any(a => CalendarFeed.Same(a, current))).OrderBy(m => m.MeetingOn).ToList();
        var consulted = (await consultations.AllAsync(ct)).Where(c => CalendarFeed.Same(c.Reference, current)).ToList();
        var items = (await meetingsCall).Meetings.SelectMany(m => m.Agenda).Where(i => CalendarFeed.Same(i.Reference.Value, current)).ToList();
        return new ModificationPage(ProposalsMapping.ToProto(view), groups, consulted, (await assessmentsCall).Assessments.ToList(), items, (await releasesCall).Releases.ToList());
    }

    /// <summary>The references in scope of releases going live between two dates: the list's planned implementation filter.</summary>
    public async Task<IReadOnlySet<string>> PlannedBetweenAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var since = (from ?? new DateOnly(1990, 1, 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var upcoming = await releases.ListUpcomingReleasesAsync(new() { AsOf = since }, cancellationToken: ct);
        return upcoming.Releases
            .Where(r => to is null || r.Release.ImplementationDate.ToDateOnly("implementation_date") <= to)
            .SelectMany(r => r.Scope.Select(s => ModificationReference.TryParse(s.Reference.Value, out var parsed) ? parsed.Value : s.Reference.Value))
            .ToHashSet();
    }
}
