using System.Globalization;
using Grpc.Core;
using Sec.Assessments.V1;
using Sec.Calendar;
using Sec.ChangeBoard.V1;
using Sec.Proposals.V1;
using Sec.Releases.V1;
using ProposalPath = Sec.Proposals.V1.DecisionPath;
using BoardPath = Sec.ChangeBoard.V1.DecisionPath;

namespace Sec.Cli.Import;

/// <summary>How far an import has gone: the section, and items done of its total.</summary>
public sealed record ImportProgress(string Section, int Done, int Total);

/// <summary>What an import did in one section: items it added, and items it found already there.</summary>
public sealed record ImportedSection(string Section, int Added, int AlreadyThere);

/// <summary>
/// Who an import acts as: <paramref name="Clerk"/> for the register's own steps (SECAS, the Panel,
/// the Authority and the DCC's posts), and <paramref name="Member"/> (name, organisation, group) for
/// each Change Board member's own vote, since a member votes only as itself.
/// </summary>
public sealed record ImportCallers(CallInvoker Clerk, Func<string, string, VotingGroup, CallInvoker> Member);

/// <summary>
/// Loads a register file through the public APIs only, keeping every effective date. It is
/// idempotent: each item is looked up first and written only if it is missing, and DCC posts carry
/// fixed keys, so a second run (or a run after a failed one) adds only what is not there yet.
/// </summary>
public sealed partial class RegisterImporter(ImportCallers callers, IProgress<ImportProgress>? progress = null)
{
    private const string Key = "register-import";
    private static readonly PublishedWeekdays Published = new();
    private readonly ProposalsService.ProposalsServiceClient _proposals = new(callers.Clerk);
    private readonly AssessmentsService.AssessmentsServiceClient _assessments = new(callers.Clerk);
    private readonly ChangeBoardService.ChangeBoardServiceClient _board = new(callers.Clerk);
    private readonly ReleasesService.ReleasesServiceClient _releases = new(callers.Clerk);
    private readonly Dictionary<DateOnly, string> _meetings = [];
    private readonly Dictionary<VotingGroup, (string Id, string Name)> _members = [];
    private readonly List<ImportedSection> _sections = [];

    /// <summary>How long to wait for another context to hear of a change (events travel through the broker).</summary>
    public TimeSpan Propagation { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ImportedSection>> RunAsync(RegisterFile file, CancellationToken ct)
    {
        await SectionAsync("Working Groups", file.WorkingGroups, WorkingGroupAsync, ct);
        await SectionAsync("Modifications", file.Modifications, ModificationAsync, ct);
        await SectionAsync("Known to every context", file.Modifications, KnownEverywhereAsync, ct);
        // A group may meet more than once a day: the n-th record of a group's day is its meeting number n.
        var meetings = file.WorkingGroupMeetings.Select((m, i) => (Meeting: m, Number: file.WorkingGroupMeetings.Take(i).Count(o => o.WorkingGroup == m.WorkingGroup && o.On == m.On) + 1)).ToList();
        await SectionAsync("Working Group meetings", meetings, m => WorkingGroupMeetingAsync(m.Meeting, m.Number, ct), ct);
        await SectionAsync("Consultations", file.Consultations, ConsultationAsync, ct);
        await SectionAsync("Change Board meetings", file.ChangeBoard.Meetings, MeetingAsync, ct);
        var byModification = AssessmentHistories(file).ToList();
        await SectionAsync("DCC assessments", byModification, AssessmentHistoryAsync, ct);
        var votes = file.ChangeBoard.Meetings.SelectMany(m => m.Items.Where(i => i.IsVote).Select(i => (m.On, Item: i))).ToList();
        await SectionAsync("Change Board votes", votes, v => VoteAsync(file.ChangeBoard.Members, v.On, v.Item, ct), ct);
        await SectionAsync("SEC Releases", file.Releases, ReleaseAsync, ct);
        await SectionAsync("Documents", file.Documents, DocumentAsync, ct);
        await SectionAsync("Plans", file.Plans, PlanAsync, ct);
        return _sections;
    }

    private async Task SectionAsync<T>(string name, IReadOnlyList<T> items, Func<T, CancellationToken, Task<bool>> import, CancellationToken ct)
    {
        int added = 0, there = 0;
        progress?.Report(new ImportProgress(name, 0, items.Count));
        foreach (var item in items)
        {
            if (await import(item, ct))
                added++;
            else
                there++;
            progress?.Report(new ImportProgress(name, added + there, items.Count));
        }
        _sections.Add(new ImportedSection(name, added, there));
    }

    private Task SectionAsync<T>(string name, IReadOnlyList<T> items, Func<T, Task<bool>> import, CancellationToken ct) =>
        SectionAsync(name, items, (item, _) => import(item), ct);

    private async Task<bool> WorkingGroupAsync(WorkingGroupRecord group, CancellationToken ct)
    {
        try
        {
            await _proposals.CreateWorkingGroupAsync(new CreateWorkingGroupRequest { Name = group.Name, Theme = group.Theme }, cancellationToken: ct);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            return false;
        }
    }

    private async Task<bool> ModificationAsync(ModificationRecord m, CancellationToken ct)
    {
        if (await ExistsAsync(() => _proposals.GetProposalAsync(new GetProposalRequest { Reference = Reference(m.Reference) }, cancellationToken: ct).ResponseAsync))
            return false;
        var request = new ImportModificationRequest
        {
            IdempotencyKey = $"{Key}:{m.Reference}",
            Reference = Reference(m.Reference),
            Title = m.Title,
            ProblemStatement = m.Summary,
            Proposer = new Proposer { Name = m.Proposer.Name, Organisation = m.Proposer.Organisation },
            RaisedOn = Date(m.RaisedOn),
            Path = m.Path switch
            {
                "authority-led" => ProposalPath.AuthorityLed,
                "authority-determination" => ProposalPath.AuthorityDetermination,
                "self-governance" => ProposalPath.SelfGovernance,
                "fast-track" => ProposalPath.FastTrackSelfGovernance,
                _ => ProposalPath.Unspecified,
            },
            Urgent = m.Urgent,
            TargetRelease = m.TargetRelease ?? "",
        };
        request.History.AddRange(m.History.Select(h =>
        {
            var step = new ImportedStep { EffectiveOn = Date(h.On), Stage = h.Stage ?? "", Reason = h.Reason };
            if (h.Title is not null)
                step.Title = h.Title;
            return step;
        }));
        await _proposals.ImportModificationAsync(request, cancellationToken: ct);
        return true;
    }

    /// <summary>Assessments, the Change Board and Releases learn of modifications from the register's events; later sections need them.</summary>
    private async Task<bool> KnownEverywhereAsync(ModificationRecord m, CancellationToken ct)
    {
        var reference = Reference(m.Reference);
        await UntilAsync(async () =>
            await ExistsAsync(() => _assessments.GetKnownModificationAsync(new() { Reference = reference }, cancellationToken: ct).ResponseAsync)
            && await ExistsAsync(() => _board.GetKnownModificationAsync(new() { Reference = reference }, cancellationToken: ct).ResponseAsync)
            && await ExistsAsync(() => _releases.GetKnownModificationAsync(new() { Reference = reference }, cancellationToken: ct).ResponseAsync),
            $"Assessments, the Change Board and Releases to hear of {m.Reference}", ct);
        return false;
    }

    private static bool Same(Google.Type.Date? a, DateOnly? b) =>
        b is { } d ? a is not null && a.Year == d.Year && a.Month == d.Month && a.Day == d.Day : a is null || a.Year == 0;

    private async Task<bool> WorkingGroupMeetingAsync(WorkingGroupMeetingRecord meeting, int number, CancellationToken ct)
    {
        var thatDay = (await _proposals.ListWorkingGroupMeetingsAsync(new ListWorkingGroupMeetingsRequest
        {
            WorkingGroup = meeting.WorkingGroup, From = Iso(meeting.On), To = Iso(meeting.On),
        }, cancellationToken: ct)).Meetings;
        var held = thatDay.FirstOrDefault(m => m.Number == number);
        var added = false;
        if (held is null)
        {
            var request = new ScheduleWorkingGroupMeetingRequest
            {
                WorkingGroup = meeting.WorkingGroup,
                MeetingOn = Date(meeting.On),
                Kind = meeting.Kind == "ad-hoc" ? MeetingKind.AdHoc : MeetingKind.Monthly,
                AgendaConfirmedOn = Date(meeting.AgendaConfirmedOn),
                Outcome = meeting.Outcome ?? "",
            };
            request.Agenda.AddRange(meeting.Agenda.Select(Reference));
            held = (await _proposals.ScheduleWorkingGroupMeetingAsync(request, cancellationToken: ct)).Meeting;
            added = true;
        }
        if (meeting.Outcome is { } outcome && held.Outcome != outcome)
        {
            await _proposals.RecordWorkingGroupMeetingOutcomeAsync(new RecordWorkingGroupMeetingOutcomeRequest
            {
                WorkingGroup = meeting.WorkingGroup, MeetingOn = Date(meeting.On), Number = held.Number, Outcome = outcome,
            }, cancellationToken: ct);
            added = true;
        }
        return added;
    }

    private async Task<bool> ConsultationAsync(ConsultationRecord c, CancellationToken ct)
    {
        var kind = c.Kind == "refinement" ? ConsultationKind.Refinement : ConsultationKind.ModificationReport;
        var canonical = (await _proposals.GetProposalAsync(new GetProposalRequest { Reference = Reference(c.Reference) }, cancellationToken: ct)).Proposal.Reference.Value;
        var all = await _proposals.ListConsultationsAsync(new ListConsultationsRequest { AsOf = Iso(DateOnly.FromDateTime(DateTime.Today)) }, cancellationToken: ct);
        var existing = all.Consultations.FirstOrDefault(x => x.Reference.Value == canonical && x.Kind == kind && Same(x.ExpectedWeekCommencing, c.ExpectedWeekCommencing)
            && Same(x.IssuedOn, c.IssuedOn) && Same(x.ClosesOn, c.ClosesOn));
        var added = false;
        if (existing is null)
        {
            existing = (await _proposals.RecordConsultationAsync(new RecordConsultationRequest
            {
                Reference = Reference(c.Reference),
                Kind = kind,
                ExpectedWeekCommencing = Date(c.ExpectedWeekCommencing),
                IssuedOn = Date(c.IssuedOn),
                ClosesOn = Date(c.ClosesOn),
            }, cancellationToken: ct)).Consultation;
            added = true;
        }
        if (c.CancelledOn is { } cancelledOn && existing.CancelledOn is null)
        {
            await _proposals.CancelConsultationAsync(new CancelConsultationRequest
            {
                Reference = Reference(c.Reference), Kind = kind, CancelledOn = Date(cancelledOn),
                Reason = c.CancellationReason ?? throw new CliInputException($"{c.Reference} {c.Kind} consultation: a cancellation needs its cancellationReason"),
            }, cancellationToken: ct);
            added = true;
        }
        return added;
    }

    private async Task<bool> MeetingAsync(BoardMeetingRecord meeting, CancellationToken ct)
    {
        if (await FindMeetingAsync(meeting.On, ct) is { } existing)
        {
            _meetings[meeting.On] = existing.MeetingId;
            return false;
        }
        _meetings[meeting.On] = (await _board.ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = Date(meeting.On) }, cancellationToken: ct)).MeetingId;
        return true;
    }

    private async Task<GetNextMeetingResponse?> FindMeetingAsync(DateOnly on, CancellationToken ct)
    {
        try
        {
            var next = await _board.GetNextMeetingAsync(new GetNextMeetingRequest { AsOf = Iso(on.AddDays(-1)) }, cancellationToken: ct);
            return next.MeetingOn is { } d && d.Year == on.Year && d.Month == on.Month && d.Day == on.Day ? next : null;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<AgendaItem?> FindItemAsync(DateOnly meetingOn, string reference, AgendaItemKind kind, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(meetingOn, ct);
        var canonical = (await _board.GetKnownModificationAsync(new() { Reference = Reference(reference) }, cancellationToken: ct)).Modification.Reference.Value;
        return meeting?.Agenda.FirstOrDefault(i => i.Kind == kind && i.Reference.Value == canonical);
    }

    /// <summary>One modification's assessments and Impact Assessment requests, in the order they happened.</summary>
    private sealed record AssessmentStep(AssessmentKind Kind, DateOnly RequestedOn, AssessmentRecord? Dcc, (DateOnly MeetingOn, BoardItemRecord Item)? Request);

    private sealed record AssessmentHistory(string Reference, IReadOnlyList<AssessmentStep> Steps);

    private static IEnumerable<AssessmentHistory> AssessmentHistories(RegisterFile file)
    {
        var requests = file.ChangeBoard.Meetings
            .SelectMany(m => m.Items.Where(i => !i.IsVote).Select(i => (MeetingOn: m.On, Item: i)))
            .ToLookup(r => r.Item.Reference);
        foreach (var reference in file.Assessments.Select(a => a.Reference).Concat(requests.Select(g => g.Key)).Distinct())
        {
            var steps = new List<AssessmentStep>();
            foreach (var pa in file.Assessments.Where(a => a.Reference == reference && a.Kind == "PA"))
                steps.Add(new AssessmentStep(AssessmentKind.Preliminary, StartOf(pa), pa, null));
            var impact = file.Assessments.Where(a => a.Reference == reference && a.Kind == "IA").OrderBy(StartOf).ToList();
            var asked = requests[reference].OrderBy(r => r.MeetingOn).ToList();
            for (var i = 0; i < asked.Count; i++)
            {
                // An approved request is the one the DCC then assessed; rejected or deferred ones end there.
                var dcc = asked[i].Item.Outcome == "approve" && impact.Count > 0 ? impact[0] : null;
                if (dcc is not null)
                    impact.RemoveAt(0);
                var on = asked[i].Item.RequestedOn ?? Min(asked[i].MeetingOn, dcc is null ? asked[i].MeetingOn : StartOf(dcc));
                steps.Add(new AssessmentStep(AssessmentKind.Impact, on, dcc, asked[i]));
            }
            if (impact.Count > 0)
                throw new CliInputException($"{reference}: an Impact Assessment on {StartOf(impact[0]):yyyy-MM-dd} has no Change Board approval of its request in the file");
            yield return new AssessmentHistory(reference, steps.OrderBy(s => s.RequestedOn).ToList());
        }
    }

    /// <summary>The accepted date as printed, or derived from the returned date and actual duration by the published convention.</summary>
    public static DateOnly StartOf(AssessmentRecord a) =>
        a.AcceptedOn ?? (a.ReturnedOn is { } returned && a.ActualWorkingDays is { } actual
            ? Published.StartFor(returned, actual)
            : throw new CliInputException($"{a.Reference} {a.Kind}: give acceptedOn, or returnedOn with actualWorkingDays"));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private async Task<bool> AssessmentHistoryAsync(AssessmentHistory history, CancellationToken ct)
    {
        var reference = Reference(history.Reference);
        var existing = (await _assessments.ListAssessmentsAsync(new ListAssessmentsRequest { Reference = reference }, cancellationToken: ct)).Assessments
            .OrderBy(a => a.RequestedOn.Year).ThenBy(a => a.RequestedOn.Month).ThenBy(a => a.RequestedOn.Day).ToList();
        var added = false;
        foreach (var group in history.Steps.GroupBy(s => s.Kind))
        {
            var ofKind = existing.Where(a => a.Kind == group.Key).ToList();
            var ordinal = 0;
            foreach (var step in group)
            {
                var assessment = ordinal < ofKind.Count ? ofKind[ordinal] : null;
                if (assessment is null)
                {
                    added = true;
                    var previous = ordinal > 0 ? ofKind[ordinal - 1] : null;
                    assessment = previous is null
                        ? (await _assessments.RequestAssessmentAsync(new RequestAssessmentRequest { Reference = reference, Kind = step.Kind, RequestedOn = Date(step.RequestedOn) }, cancellationToken: ct)).Assessment
                        : (await _assessments.ReRequestAssessmentAsync(new ReRequestAssessmentRequest { AssessmentId = previous.AssessmentId, RequestedOn = Date(step.RequestedOn) }, cancellationToken: ct)).Assessment;
                    ofKind.Add(assessment);
                }
                if (step.Request is { } request && assessment.Status == AssessmentStatus.AwaitingApproval)
                {
                    added = true;
                    assessment = await DecideRequestAsync(assessment, request.MeetingOn, request.Item, ct);
                }
                if (step.Dcc is { } dcc)
                    added |= await DccPostsAsync(assessment, dcc, ordinal, ct);
                ordinal++;
            }
        }
        return added;
    }

    private async Task<Assessment> DecideRequestAsync(Assessment assessment, DateOnly meetingOn, BoardItemRecord request, CancellationToken ct)
    {
        var item = await FindItemAsync(meetingOn, request.Reference, AgendaItemKind.ImpactAssessmentRequest, ct)
            ?? (await _board.AddAgendaItemAsync(new AddAgendaItemRequest { MeetingId = _meetings[meetingOn], Reference = Reference(request.Reference), Kind = AgendaItemKind.ImpactAssessmentRequest }, cancellationToken: ct)).Item;
        if (item.Status == AgendaItemStatus.Open)
            await _board.DecideImpactAssessmentRequestAsync(new DecideImpactAssessmentRequestRequest
            {
                ItemId = item.ItemId,
                Outcome = request.Outcome switch { "approve" => Outcome.Approved, "reject" => Outcome.Rejected, _ => Outcome.Deferred },
            }, cancellationToken: ct);
        Assessment? decided = null;
        await UntilAsync(async () =>
        {
            decided = (await _assessments.GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = assessment.AssessmentId }, cancellationToken: ct)).Assessment;
            return decided.Status != AssessmentStatus.AwaitingApproval;
        }, $"Assessments to hear the Change Board's decision on the {request.Reference} Impact Assessment request", ct);
        return decided!;
    }

    /// <summary>The DCC's accept and return posts, under fixed keys so a repeat is answered from the DCC door's record.</summary>
    private async Task<bool> DccPostsAsync(Assessment assessment, AssessmentRecord dcc, int ordinal, CancellationToken ct)
    {
        var posted = false;
        var key = new DccAssessmentKey { Reference = assessment.Reference, Kind = assessment.Kind };
        var label = $"{Key}:{dcc.Reference}:{dcc.Kind}:{ordinal + 1}";
        if (assessment.Status is AssessmentStatus.Requested or AssessmentStatus.Approved)
        {
            assessment = (await _assessments.AcceptAssessmentAsync(new AcceptAssessmentRequest
            {
                IdempotencyKey = $"{label}:accept", Assessment = key, AcceptedOn = Date(StartOf(dcc)), TargetWorkingDays = dcc.TargetWorkingDays,
            }, cancellationToken: ct)).Assessment;
            posted = true;
        }
        var afresh = dcc.AcceptedAfresh ?? [];
        for (var i = assessment.PastAcceptances.Count; i < afresh.Count && assessment.Status == AssessmentStatus.Accepted; i++)
        {
            var fresh = new AcceptAssessmentAfreshRequest
            {
                IdempotencyKey = $"{label}:afresh:{i + 1}", Assessment = key, AcceptedOn = Date(afresh[i].AcceptedOn), MadeOn = Date(afresh[i].MadeOn), Reason = afresh[i].Reason,
            };
            if (afresh[i].TargetWorkingDays is { } target)
                fresh.TargetWorkingDays = target;
            assessment = (await _assessments.AcceptAssessmentAfreshAsync(fresh, cancellationToken: ct)).Assessment;
            posted = true;
        }
        if (dcc.ReturnedOn is { } returned && assessment.Status == AssessmentStatus.Accepted)
        {
            await _assessments.ReturnAssessmentAsync(new ReturnAssessmentRequest
            {
                IdempotencyKey = $"{label}:return", Assessment = key, ReturnedOn = Date(returned), Costs = CostsOf(dcc),
            }, cancellationToken: ct);
            posted = true;
        }
        return posted;
    }

    private static AssessmentCosts CostsOf(AssessmentRecord dcc)
    {
        try
        {
            return dcc.Costs is { } costs ? Google.Protobuf.JsonParser.Default.Parse<AssessmentCosts>(costs.GetRawText()) : new AssessmentCosts();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new CliInputException($"{dcc.Reference} {dcc.Kind}: costs: {ex.Message}");
        }
    }

    private async Task<bool> VoteAsync(IReadOnlyList<MemberRecord> members, DateOnly meetingOn, BoardItemRecord vote, CancellationToken ct)
    {
        var added = false;
        var item = await FindItemAsync(meetingOn, vote.Reference, AgendaItemKind.ModificationVote, ct);
        if (item is null)
        {
            item = (await _board.AddAgendaItemAsync(new AddAgendaItemRequest
            {
                MeetingId = _meetings[meetingOn], Reference = Reference(vote.Reference), Kind = AgendaItemKind.ModificationVote,
                Path = vote.Path switch { "authority-led" => BoardPath.AuthorityLed, "authority-determination" => BoardPath.AuthorityDetermination, _ => BoardPath.SelfGovernance },
            }, cancellationToken: ct)).Item;
            added = true;
        }
        if (vote.Outcome is null)
            return added;
        if (item.Status == AgendaItemStatus.Open)
        {
            var value = vote.Outcome == "approve" ? VoteValue.Approve : VoteValue.Reject;
            foreach (var member in members)
            {
                var (id, name, group) = await MemberAsync(member, ct);
                if (!item.Votes.Any(v => v.MemberId == id && !v.Superseded))
                    await new ChangeBoardService.ChangeBoardServiceClient(callers.Member(name, member.Organisation, group))
                        .CastVoteAsync(new CastVoteRequest { ItemId = item.ItemId, MemberId = id, Value = value }, cancellationToken: ct);
            }
            item = (await _board.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId }, cancellationToken: ct)).Item;
            added = true;
        }
        // A referral is judged by its date: inside the window it stands even if the window's timer made the decision final first.
        if (vote.Referral is { } referral && item.ReferredBy.Length == 0 && item.Status is AgendaItemStatus.Decided or AgendaItemStatus.Final)
        {
            await _board.ReferDecisionAsync(new ReferDecisionRequest { ItemId = item.ItemId, ReferredBy = referral.By, ReferredOn = Date(referral.On) }, cancellationToken: ct);
            added = true;
        }
        if (vote.Authority is { } authority && item.Status == AgendaItemStatus.WithAuthority)
        {
            await _board.RecordAuthorityDecisionAsync(new RecordAuthorityDecisionRequest
            {
                ItemId = item.ItemId, DecidedOn = Date(authority.On),
                Outcome = authority.Outcome switch { "approve" => Outcome.Approved, "reject" => Outcome.Rejected, _ => Outcome.SentBack },
            }, cancellationToken: ct);
            added = true;
        }
        return added;
    }

    /// <summary>The seat for a voting group, with the name its member votes as: found among votes already cast, or added once.</summary>
    private async Task<(string Id, string Name, VotingGroup Group)> MemberAsync(MemberRecord member, CancellationToken ct)
    {
        if (!Commands.ChangeBoardCommands.Groups.TryGetValue(member.VotingGroup, out var group))
            throw new CliInputException($"'{member.VotingGroup}' is not a voting group");
        if (_members.Count == 0)
            foreach (var on in _meetings.Keys.Order())
                foreach (var v in (await FindMeetingAsync(on, ct))?.Agenda.SelectMany(i => i.Votes) ?? [])
                    _members.TryAdd(v.VotingGroup, (v.MemberId, v.MemberName));
        if (!_members.TryGetValue(group, out var seat))
        {
            var added = (await _board.AddMemberAsync(new AddMemberRequest { Name = member.Name, Organisation = member.Organisation, VotingGroup = group, From = Date(new DateOnly(2016, 1, 1)) }, cancellationToken: ct)).Member;
            _members[group] = seat = (added.MemberId, added.Name);
        }
        return (seat.Id, seat.Name, group);
    }

    private async Task<bool> ReleaseAsync(ReleaseRecord r, CancellationToken ct)
    {
        var added = false;
        var all = (await _releases.ListReleasesAsync(new ListReleasesRequest(), cancellationToken: ct)).Releases;
        var release = all.FirstOrDefault(c => c.Name == r.Name);
        if (release is null)
        {
            release = (await _releases.CreateReleaseAsync(new CreateReleaseRequest
            {
                Name = r.Name, ImplementationDate = Date(r.ImplementationDate),
                Type = Commands.ReleaseCommands.TypeOf(r.Type),
            }, cancellationToken: ct)).Release;
            added = true;
        }
        foreach (var move in r.Moves.Skip(release.Moves.Count))
        {
            release = (await _releases.RescheduleReleaseAsync(new RescheduleReleaseRequest
            {
                ReleaseId = release.ReleaseId, ImplementationDate = Date(move.To), DecidedOn = Date(move.On), Reason = move.Reason,
            }, cancellationToken: ct)).Release;
            added = true;
        }
        foreach (var change in r.Scope)
        {
            var scope = await _releases.GetScopeAsync(new GetScopeRequest { ReleaseId = release.ReleaseId, AsOf = Iso(change.On) }, cancellationToken: ct);
            var canonical = (await _releases.GetKnownModificationAsync(new() { Reference = Reference(change.Reference) }, cancellationToken: ct)).Modification.Reference.Value;
            var inScope = scope.Entries.Any(e => e.Reference.Value == canonical && e.Part == change.Part);
            if (change.Remove && inScope)
                await _releases.RemoveFromScopeAsync(new RemoveFromScopeRequest
                {
                    ReleaseId = release.ReleaseId, Reference = Reference(change.Reference), Part = change.Part, EffectiveOn = Date(change.On),
                    Reason = "Taken out of this release's scope, as the papers record",
                }, cancellationToken: ct);
            else if (!change.Remove && !inScope)
                await _releases.AddToScopeAsync(new AddToScopeRequest
                {
                    ReleaseId = release.ReleaseId, Reference = Reference(change.Reference), Part = change.Part, EffectiveOn = Date(change.On),
                    Kind = change.Kind == "targeted" ? ScopeKind.Targeted : ScopeKind.Approved, DecisionCutOff = Date(change.CutOff),
                }, cancellationToken: ct);
            else
                continue;
            added = true;
        }
        // Potential impacts once the scope is in; recorded only where what stands on their date differs.
        foreach (var change in r.Scope.Where(c => c.Impacts is not null))
        {
            var impacts = change.Impacts!;
            var canonical = (await _releases.GetKnownModificationAsync(new() { Reference = Reference(change.Reference) }, cancellationToken: ct)).Modification.Reference.Value;
            var standing = (await _releases.GetScopeAsync(new GetScopeRequest { ReleaseId = release.ReleaseId, AsOf = Iso(impacts.On) }, cancellationToken: ct))
                .Entries.FirstOrDefault(e => e.Reference.Value == canonical && e.Part == change.Part);
            if (standing is not null && standing.PotentialDocumentImpacts.SequenceEqual(impacts.Documents) && standing.PotentialSystemImpacts.SequenceEqual(impacts.Systems))
                continue;
            await _releases.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
            {
                ReleaseId = release.ReleaseId, Reference = Reference(change.Reference), Part = change.Part, EffectiveOn = Date(impacts.On),
                PotentialDocumentImpacts = { impacts.Documents }, PotentialSystemImpacts = { impacts.Systems },
            }, cancellationToken: ct);
            added = true;
        }
        added |= await RidAsync(release, r, ct);
        if (r.GoLive is { } goLive && release.Status != ReleaseStatus.Implemented)
        {
            if (release.Status != ReleaseStatus.Go)
                await _releases.DecideGoNoGoAsync(new DecideGoNoGoRequest
                {
                    ReleaseId = release.ReleaseId, Go = true, DecidedOn = Date(goLive.DecidedOn), OverrideReason = goLive.OverrideReason ?? "",
                }, cancellationToken: ct);
            await _releases.ImplementReleaseAsync(new ImplementReleaseRequest { ReleaseId = release.ReleaseId }, cancellationToken: ct);
            added = true;
        }
        return added;
    }

    /// <summary>The RID's versions in order: each started, its content written, and baselined where the file says so.</summary>
    private async Task<bool> RidAsync(Release release, ReleaseRecord r, CancellationToken ct)
    {
        if (r.Rid.Count == 0)
            return false;
        var added = false;
        Rid? rid;
        try
        {
            rid = (await _releases.GetRidAsync(new GetRidRequest { ReleaseId = release.ReleaseId }, cancellationToken: ct)).Rid;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            rid = null;
        }
        var versions = rid is null ? [] : rid.History.Select(v => v.Version).Append(rid.Version?.Version).ToHashSet();
        RidContent? content = null;
        foreach (var version in r.Rid)
        {
            if (version.Content is { } json)
                content = ParseRid(json, r.Name, version.Version);
            if (versions.Contains(version.Version))
                continue;
            await _releases.StartRidVersionAsync(new StartRidVersionRequest { ReleaseId = release.ReleaseId, Version = version.Version, Dated = Date(version.Dated), Changes = version.Changes }, cancellationToken: ct);
            if (content is not null)
                await _releases.EditRidAsync(new EditRidRequest { ReleaseId = release.ReleaseId, Content = content }, cancellationToken: ct);
            if (version.BaselinedOn is { } on)
                await _releases.BaselineRidAsync(new BaselineRidRequest { ReleaseId = release.ReleaseId, BaselinedOn = Date(on) }, cancellationToken: ct);
            added = true;
        }
        return added;
    }

    private static RidContent ParseRid(System.Text.Json.JsonElement json, string release, string version)
    {
        try
        {
            return Google.Protobuf.JsonParser.Default.Parse<RidContent>(json.GetRawText());
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new CliInputException($"{release} RID {version}: content: {ex.Message}");
        }
    }

    private static async Task<bool> ExistsAsync<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Waits for an effect another context applies from an event; gives up with a clear message.</summary>
    private async Task UntilAsync(Func<Task<bool>> done, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Propagation;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new CliInputException($"gave up after {Propagation.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s waiting for {what}; is the message broker up?");
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }
}
