using System.Data.Common;
using System.Text.Json;
using Dapper;
using Sec.BuildingBlocks.ReadModels;

namespace Sec.RegisterGenerator;

/// <summary>
/// Writes the lived register into each context's store with that context's own INSERT statements
/// (so the rows are what the services write), one transaction per store. Nothing goes into the
/// outboxes or timers: the events these rows stand for have long been delivered.
/// </summary>
internal sealed class RegisterWriter(RegisterStores stores, Schedule schedule, IReadOnlyList<Member> members, RegisterShape shape)
{
    // The same settings the repositories serialise their JSON columns with.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GeneratedCounts> WriteAsync(IReadOnlyList<ModificationLife> lives, CancellationToken ct)
    {
        var proposals = await InTransactionAsync(stores.Proposals, (c, tx, s) => ProposalsAsync(c, tx, s, lives), ct);
        var assessments = await InTransactionAsync(stores.Assessments, (c, tx, s) => AssessmentsAsync(c, tx, s, lives), ct);
        var board = await InTransactionAsync(stores.ChangeBoard, (c, tx, s) => ChangeBoardAsync(c, tx, s, lives), ct);
        var releases = await InTransactionAsync(stores.Releases, (c, tx, s) => ReleasesAsync(c, tx, s, lives), ct);
        return proposals with
        {
            Assessments = assessments.Assessments, ClockStops = assessments.ClockStops,
            ChangeBoardMembers = board.ChangeBoardMembers, ChangeBoardMeetings = board.ChangeBoardMeetings, ChangeBoardItems = board.ChangeBoardItems, Votes = board.Votes,
            Releases = releases.Releases, ScopeEntries = releases.ScopeEntries,
        };
    }

    private static async Task<GeneratedCounts> InTransactionAsync(ContextStore store, Func<DbConnection, DbTransaction, string, Task<GeneratedCounts>> write, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var counts = await write(connection, tx, store.Schema);
        await tx.CommitAsync(ct);
        return counts;
    }

    private async Task<GeneratedCounts> ProposalsAsync(DbConnection c, DbTransaction tx, string schema, IReadOnlyList<ModificationLife> lives)
    {
        var modifications = await c.ExecuteAsync(ProposalRepository.InsertProposalSql(schema),
            lives.Select(l => ProposalRow.From(l.Proposal, l.Proposal.History[^1].RecordedAt)), tx);
        // In the order a live register appends them: by date across proposals, each proposal's own in order.
        var history = await c.ExecuteAsync(ProposalRepository.InsertHistorySql(schema),
            lives.SelectMany(l => l.Proposal.History.Select((e, i) => (l.Index, i, e.EffectiveOn, Row: HistoryRow.From(l.Proposal.Id, e))))
                .OrderBy(h => h.EffectiveOn).ThenBy(h => h.Index).ThenBy(h => h.i).Select(h => h.Row), tx);
        var numbers = lives.Select(l => l.Proposal.Reference).Where(r => r.Kind != Sec.BuildingBlocks.Domain.ReferenceKind.Legacy).Select(r => r.Number).DefaultIfEmpty(0).Max();
        if (numbers > 0)
            await c.ExecuteAsync(ProposalRepository.RaiseCounterSql(schema), new { Name = ProposalRepository.ProposalNumberCounter, Number = numbers }, tx);

        var groups = await c.ExecuteAsync(WorkingGroupRepository.InsertGroupSql(schema), schedule.Groups.Select(g => new { g.Name, g.Theme }), tx);
        var meetings = await c.ExecuteAsync(WorkingGroupRepository.InsertMeetingSql(schema), schedule.Groups.SelectMany(g => g.Meetings.Select((m, i) => new
        {
            Id = g.MeetingIds[i], WorkingGroup = g.Name, MeetingOn = m, Number = 1, Kind = (int)MeetingKind.Monthly, AgendaConfirmedOn = (DateOnly?)m.AddDays(-7),
            Outcome = (string?)null,
        })), tx);
        var agenda = await c.ExecuteAsync(WorkingGroupRepository.InsertAgendaItemSql(schema), lives.SelectMany(l => l.Agenda.Select(a => new
        {
            MeetingId = schedule.Groups[a.Group].MeetingIds[a.Meeting], ProposalId = l.Proposal.Id,
        })), tx);
        var consultations = await c.ExecuteAsync(ConsultationRepository.InsertSql(schema), lives.SelectMany(l => l.Consultations.Select(r => new
        {
            r.Id, ProposalId = l.Proposal.Id, Kind = (int)r.Kind, r.ExpectedWeekCommencing, r.IssuedOn, r.ClosesOn,
        })), tx);
        var responses = await c.ExecuteAsync(ConsultationRepository.InsertResponseSql(schema), lives.SelectMany(l => l.Consultations.SelectMany(r => r.Responses.Select(x => new
        {
            ConsultationId = r.Id, x.Respondent, x.Organisation, x.PartyCategory, x.ReceivedOn, Position = (int?)x.Position, Text = x.Text.Length == 0 ? null : x.Text,
        }))), tx);
        return new GeneratedCounts
        {
            Modifications = modifications, HistoryRows = history, WorkingGroups = groups, WorkingGroupMeetings = meetings,
            WorkingGroupAgendaItems = agenda, Consultations = consultations, ConsultationResponses = responses,
        };
    }

    private async Task<GeneratedCounts> AssessmentsAsync(DbConnection c, DbTransaction tx, string schema, IReadOnlyList<ModificationLife> lives)
    {
        await KnownAsync(c, tx, schema, lives);
        var all = lives.SelectMany(l => l.Assessments).Select(a => a.Current).ToList();
        var assessments = await c.ExecuteAsync(AssessmentRepository.InsertSql(schema), all.Select(a => new
        {
            a.Id, a.Reference, Kind = (int)a.Kind, Status = (int)a.Status, a.RequestedOn, a.AcceptedOn, a.TargetWorkingDays, a.ReturnedOn, a.ClosedOn,
            ReRequests = (string?)null, Costs = a.Costs is null ? null : JsonSerializer.Serialize(a.Costs, Json), WithdrawalReason = (string?)null, CancelledFrom = (int?)null, a.Version, Now = Instant(a.ClosedOn ?? a.AcceptedOn ?? a.RequestedOn),
        }), tx);
        var stops = await c.ExecuteAsync(AssessmentRepository.InsertStopSql(schema), all.SelectMany(a => a.ClockStops.Select((s, i) => new
        {
            AssessmentId = a.Id, Sequence = i + 1, FromDate = s.From, ToDate = s.To, s.Reason,
        })), tx);
        return new GeneratedCounts { Assessments = assessments, ClockStops = stops };
    }

    private async Task<GeneratedCounts> ChangeBoardAsync(DbConnection c, DbTransaction tx, string schema, IReadOnlyList<ModificationLife> lives)
    {
        await KnownAsync(c, tx, schema, lives);
        var memberRows = await c.ExecuteAsync(ChangeBoardRepository.InsertMemberSql(schema), members.Select(m => new
        {
            m.Id, m.Name, m.Organisation, VotingGroup = (int)m.Group, FromDate = m.From, ToDate = m.To,
        }), tx);
        var meetings = await c.ExecuteAsync(ChangeBoardRepository.InsertMeetingSql(schema), schedule.ChangeBoard.Select((m, i) => new { Id = schedule.ChangeBoardIds[i], MeetingOn = m }), tx);
        var all = lives.SelectMany(l => l.BoardItems).Select(i => i.Current).OrderBy(i => i.MeetingOn).ToList();
        var items = await c.ExecuteAsync(ChangeBoardRepository.InsertItemSql(schema), all.Select(i => new
        {
            i.Id, i.MeetingId, i.Reference, Kind = (int)i.Kind, Path = (int)i.Path, Status = (int)i.Status, Outcome = (int)i.Outcome,
            Breakdown = i.Breakdown.Count == 0 ? null : JsonSerializer.Serialize(i.Breakdown, Json), i.CountingRule, i.ReferralWindowEndsOn,
            i.ReferredBy, i.ReferredOn, FinalOutcome = (int)i.FinalOutcome, i.FinalOn, CarriedTo = (string?)null, i.DecidedOn, i.Version,
        }), tx);
        var votes = await c.ExecuteAsync(ChangeBoardRepository.InsertVoteSql(schema), all.SelectMany(i => i.Votes.Select((v, n) => new
        {
            ItemId = i.Id, v.MemberId, v.MemberName, VotingGroup = (int)v.Group, Value = (int)v.Value, v.Superseded, CastAt = Instant(i.MeetingOn).AddMinutes(n), v.CastOn,
        })), tx);
        await c.ExecuteAsync(ChangeBoardRepository.UpsertReadySql(schema), lives.Where(l => l.ReadyForDecision is not null).Select(l => new
        {
            Reference = l.Proposal.Reference.Value, l.ReadyForDecision!.Value.Path, ReadyOn = l.ReadyForDecision!.Value.On,
        }), tx);
        return new GeneratedCounts { ChangeBoardMembers = memberRows, ChangeBoardMeetings = meetings, ChangeBoardItems = items, Votes = votes };
    }

    private async Task<GeneratedCounts> ReleasesAsync(DbConnection c, DbTransaction tx, string schema, IReadOnlyList<ModificationLife> lives)
    {
        await KnownAsync(c, tx, schema, lives);
        var releases = await c.ExecuteAsync(ReleaseRepository.InsertReleaseSql(schema), schedule.Releases.Select(r =>
        {
            var live = r.ImplementationDate <= shape.RegisterDate;
            return new
            {
                r.Id, r.Name, Type = (int)r.Type, r.ImplementationDate, Status = (int)(live ? ReleaseStatus.Implemented : ReleaseStatus.Planned),
                GoNoGo = live ? $"go on {r.ImplementationDate.AddDays(-7):d MMMM yyyy}" : null, Version = live ? 3 : 1,
            };
        }), tx);
        var scope = await c.ExecuteAsync(ReleaseRepository.InsertScopeSql(schema), lives.SelectMany(l => l.Scope).OrderBy(s => s.AddedOn).Select(s => new
        {
            ReleaseId = s.Release.Id, s.Reference, Part = 0, AddedAs = (int)s.AddedAs, s.DecisionCutOff, s.AddedOn, s.ApprovedOn, s.LeftOn, s.LeftReason,
        }), tx);
        await c.ExecuteAsync(ReleaseRepository.UpsertDccCostSql(schema), lives.Where(l => l.DccCost is not null).Select(l => new
        {
            Reference = l.Proposal.Reference.Value, l.DccCost!.LowPence, l.DccCost.HighPence, l.DccCost.Source, l.DccCost.ReturnedOn,
        }), tx);
        return new GeneratedCounts { Releases = releases, ScopeEntries = scope };
    }

    /// <summary>Each context's read model of the register, as its projection of the Proposals context's events leaves it.</summary>
    private static Task<int> KnownAsync(DbConnection c, DbTransaction tx, string schema, IReadOnlyList<ModificationLife> lives) =>
        c.ExecuteAsync(KnownModifications.UpsertSql(schema), lives.Select(l => new
        {
            Reference = l.Proposal.Reference.Value, l.Proposal.Title, l.Proposal.RaisedOn, Now = l.Proposal.History[^1].RecordedAt,
        }), tx);

    private static DateTimeOffset Instant(DateOnly on) => new(on.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}
