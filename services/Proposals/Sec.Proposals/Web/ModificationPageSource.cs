using System.Globalization;
using Sec.Proposals.Api;
using Sec.Proposals.Feeds;
using ReleasesClient = Sec.Releases.V1.ReleasesService.ReleasesServiceClient;

namespace Sec.Proposals.Web;

/// <summary>Everything the modification page shows, gathered from the four contexts.</summary>
public sealed record ModificationPage(
    Proto.Proposal Proposal,
    IReadOnlyList<Domain.WorkingGroupMeeting> WorkingGroupMeetings,
    IReadOnlyList<Domain.Consultation> Consultations,
    IReadOnlyList<Sec.Assessments.V1.Assessment> Assessments,
    IReadOnlyList<Sec.ChangeBoard.V1.AgendaItem> ChangeBoardItems,
    IReadOnlyList<Sec.Releases.V1.ReleaseContents> Releases)
{
    /// <summary>The page as GetModificationView composes it: documents, plan, priority and alternates come from it.</summary>
    public Proto.ModificationView? View { get; init; }
}

/// <summary>
/// Composes one modification's page: the other contexts' parts, the documents, plan, priority and
/// alternates come from <see cref="Sec.Proposals.ModificationPage.ModificationViewComposer"/> (GetModificationView,
/// over gRPC with the caller's token); the register's meetings and consultations as this page shows them.
/// </summary>
public sealed class ModificationPageSource(
    ProposalQueries register,
    WorkingGroupUseCases workingGroups,
    ConsultationUseCases consultations,
    Sec.Proposals.ModificationPage.ModificationViewComposer composer,
    ReleasesClient releases,
    IClock clock)
{
    public async Task<ModificationPage> GetAsync(ModificationReference reference, CancellationToken ct)
    {
        var view = await register.GetAsync(reference, ct);
        var current = ModificationReference.Parse(view.Proposal.Reference.Value, "reference");
        var composed = await composer.ComposeAsync(current, clock.Today, ct);
        var groups = (await workingGroups.ListMeetingsAsync(null, null, null, ct)).Where(m => m.Agenda.Any(a => CalendarFeed.Same(a, current))).OrderBy(m => m.MeetingOn).ToList();
        var consulted = (await consultations.AllAsync(ct)).Where(c => CalendarFeed.Same(c.Reference, current)).ToList();
        return new ModificationPage(composed.Proposal, groups, consulted, composed.Assessments.ToList(), composed.ChangeBoardItems.ToList(), composed.Releases.ToList())
        {
            View = composed,
        };
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
