using Sec.Assessments.Storage;
using Sec.BuildingBlocks.Api;
using Sec.Calendar;
using Sec.ChangeBoard.Storage;
using Sec.Proposals.Domain;
using Sec.Proposals.Reporting;
using Sec.Proposals.Storage;
using Sec.Proposals.V1;
using Sec.RegisterGenerator;
using Sec.Releases.Storage;
using HistoryEntry = Sec.Proposals.Domain.HistoryEntry;
using Phase = Sec.Contracts.Phase;
using Proposal = Sec.Proposals.Domain.Proposal;
using Stage = Sec.Contracts.Stage;

namespace Sec.ServiceTests.Reporting;

/// <summary>A 200-modification synthetic register, generated once and hosted by the suite; the tests only read it.</summary>
public sealed class SyntheticRegisterFixture : IAsyncLifetime
{
    public static readonly RegisterShape Shape = new() { Modifications = 200, Seed = 2020 };
    private readonly string _data = SuiteFactory.NewDataDirectory();

    public GeneratedCounts Counts { get; private set; } = null!;
    public SuiteFactory Suite { get; private set; } = null!;
    public ProposalsService.ProposalsServiceClient Proposals { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Counts = await SyntheticRegister.GenerateAsync(Shape, _data);
        Suite = new SuiteFactory(_data);
        await Suite.StartHostAsync();
        Proposals = new ProposalsService.ProposalsServiceClient(Suite.Channel());
    }

    public async Task DisposeAsync()
    {
        await Suite.DisposeAsync();
        SuiteFactory.DeleteData(_data);
    }
}

/// <summary>
/// The benchmarks' synthetic register at a small size: the generator writes what it says it writes,
/// the report renders over it, and the report's register sections, read by date, agree with the
/// same sections worked out from every proposal's whole history.
/// </summary>
public sealed class SyntheticRegisterTests(SyntheticRegisterFixture register) : IClassFixture<SyntheticRegisterFixture>
{
    private readonly GeneratedCounts _counts = register.Counts;
    private readonly SuiteFactory _suite = register.Suite;
    private readonly ProposalsService.ProposalsServiceClient _proposals = register.Proposals;

    [Fact]
    public async Task The_generator_writes_the_requested_modifications_with_fifty_history_rows_each_and_says_what_it_wrote()
    {
        Assert.Equal(200, _counts.Modifications);
        Assert.Equal(200 * 50, _counts.HistoryRows);
        var proposals = _suite.Get<ProposalsStore>();
        Assert.Equal(200, await Rows.CountAsync(proposals, "Proposal"));
        Assert.Equal(10_000, await Rows.CountAsync(proposals, "ProposalHistory"));
        Assert.Equal(_counts.WorkingGroupMeetings, await Rows.CountAsync(proposals, "WorkingGroupMeeting"));
        Assert.Equal(_counts.Consultations, await Rows.CountAsync(proposals, "Consultation"));
        Assert.Equal(_counts.Assessments, await Rows.CountAsync(_suite.Get<AssessmentsStore>(), "Assessment"));
        Assert.Equal(_counts.ChangeBoardItems, await Rows.CountAsync(_suite.Get<ChangeBoardStore>(), "AgendaItem"));
        Assert.Equal(_counts.Votes, await Rows.CountAsync(_suite.Get<ChangeBoardStore>(), "Vote"));
        Assert.Equal(_counts.ScopeEntries, await Rows.CountAsync(_suite.Get<ReleasesStore>(), "ScopeEntry"));
        Assert.All(new[] { _counts.Assessments, _counts.Consultations, _counts.ChangeBoardItems, _counts.Votes, _counts.ScopeEntries, _counts.WorkingGroupAgendaItems },
            n => Assert.True(n > 0));
        // Every context knows every modification, as the register's events would have told it.
        Assert.Equal(200, await Rows.CountAsync(_suite.Get<ReleasesStore>(), "KnownModification"));
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_register()
    {
        var again = SuiteFactory.NewDataDirectory();
        try
        {
            var counts = await SyntheticRegister.GenerateAsync(SyntheticRegisterFixture.Shape, again);
            Assert.Equal(_counts with { Took = default }, counts with { Took = default });
        }
        finally
        {
            SuiteFactory.DeleteData(again);
        }
    }

    [Fact]
    public async Task The_December_2020_report_renders_with_every_section_at_work()
    {
        var response = await _proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-12", AsOf = "2020-12-08" });
        var r = response.Report;

        Assert.Contains("# Change Status Report – December 2020", response.Markdown);
        Assert.StartsWith("<!DOCTYPE html>", response.Html);
        Assert.Contains("open-assessments.csv", response.Csv.Keys);
        Assert.True(r.Summary.Phases.Sum(p => p.Count) > 150);
        Assert.NotEmpty(r.Define.NewDraftProposals);
        Assert.NotEmpty(r.Refine.WorkingGroups);
        Assert.NotEmpty(r.Refine.AssessmentTimescales.Open);
        Assert.NotEmpty(r.Refine.AssessmentTimescales.Completed);
        Assert.True(r.Opine.Timescales.OpenCount > 0 && r.Opine.Timescales.ConcludedCount > 0);
        Assert.NotEmpty(r.Opine.ModificationReportConsultations);
        Assert.NotEmpty(r.Release.Implemented);
        Assert.NotEmpty(r.Release.Upcoming);
    }

    public static TheoryData<string, string?, string?> Months() => new()
    {
        { "2020-12", null, "2020-12-08" }, { "2020-04", "2020-03-31", "2020-04-08" }, { "2019-07", null, null },
        { "2018-11", "2018-10-31", "2018-11-30" }, { "2017-03", null, "2017-03-10" }, { "2021-02", null, null },
    };

    /// <summary>The register's sections as the report first worked them out: from every proposal's whole history, in memory.</summary>
    [Theory]
    [MemberData(nameof(Months))]
    public async Task The_register_sections_read_by_date_match_those_worked_out_from_whole_histories(string month, string? periodEnd, string? asOf)
    {
        var response = await _proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = month, PeriodEnd = periodEnd ?? "", AsOf = asOf ?? "" });
        var r = response.Report;
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (from, to, end, on) = ChangeStatusReporter.Dates(first, periodEnd is null ? null : DateOnly.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture),
            asOf is null ? null : DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));
        var monthEnd = first.AddMonths(1).AddDays(-1);
        var all = await _suite.Get<RegisterQueries>().AllWithHistoryAsync(CancellationToken.None);

        static ReportProposal Line(Proposal p, HistoryEntry e, string detail) => new()
        {
            Reference = new Sec.Common.V1.ModificationReference { Value = e.Reference },
            Title = p.Title,
            Proposer = new Sec.Proposals.V1.Proposer { Name = p.ProposerName, Organisation = p.ProposerOrganisation },
            On = e.EffectiveOn.ToProto(),
            Detail = detail,
            Link = ChangeStatusReporter.ModificationPage(e.Reference),
        };
        IEnumerable<ReportProposal> Moves(Stage moved, Stage into, DateOnly until) => all.SelectMany(p => p.History.Zip(p.History.Skip(1))
            .Where(pair => pair.Second.EffectiveOn >= first && pair.Second.EffectiveOn <= until && pair.Second.State.Stage == into
                && Lifecycle.PhaseOf(pair.First.State.Stage) == Lifecycle.PhaseOf(moved))
            .Select(pair => Line(p, pair.Second, pair.Second.Step)));

        // A CSC "ready" decision is presented once, to the Panel after it; a conversion is known from its date.
        Assert.Equal(all.Where(p => p.AsOf(on) is { State.Stage: Stage.ReadyForConversion } e && e.EffectiveOn >= from && e.EffectiveOn <= on)
                .Select(p => Line(p, p.AsOf(on)!, "Ready for conversion")),
            r.Summary.PresentedForConversion);
        Assert.Equal(Moves(Stage.Refinement, Stage.ReportPhase, monthEnd), r.Summary.ModificationReports);
        Assert.Equal(Moves(Stage.DraftRaised, Stage.Refinement, on).Concat(Moves(Stage.ReportPhase, Stage.Refinement, on)), r.Summary.RecommendedToRefinement);
        Assert.Equal(all.Where(p => p.RaisedOn >= from && p.RaisedOn <= to).Select(p =>
        {
            var line = Line(p, p.AsOf(on) ?? p.History[0], p.ProblemStatement);
            line.On = p.RaisedOn.ToProto();
            return line;
        }), r.Define.NewDraftProposals);
        Assert.Equal(all.SelectMany(p => p.History.Where(h => h.EffectiveOn >= from && h.EffectiveOn <= to && h.Step.StartsWith("Change Sub-Committee", StringComparison.Ordinal))
            .Select(h => Line(p, h, h.Step))), r.Define.CscDecisions);
        var counts = all.Select(p => p.AsOf(on)).OfType<HistoryEntry>().GroupBy(h => h.Phase).ToDictionary(g => g.Key, g => g.Count());
        // A modification split across upcoming releases counts once per part.
        counts[Phase.Release] = counts.GetValueOrDefault(Phase.Release) + r.Release.Upcoming.SelectMany(u => u.Scope)
            .Where(s => s.Part > 0 && s.Kind == Sec.Releases.V1.ScopeKind.Approved).GroupBy(s => s.Reference.Value).Sum(g => g.Select(s => s.Part).Distinct().Count() - 1);
        Assert.Equal(Enum.GetValues<Phase>().Select(p => counts.GetValueOrDefault(p)), r.Summary.Phases.Select(p => p.Count));
        // The definition over whole histories: open on the as-of date, or first concluded in the 12 months.
        var concluded = all.Select(p => (p.RaisedOn, Decided: p.History.FirstOrDefault(h => !ProposalTimescalesFigures.IsBeforeDecision(h.Phase))))
            .Where(c => c.Decided is not null && c.Decided.EffectiveOn >= end.AddMonths(-12).AddDays(1) && c.Decided.EffectiveOn <= end)
            .Select(c => (c.RaisedOn, c.Decided!.EffectiveOn));
        var figures = ProposalTimescalesFigures.Of(all.Where(p => p.AsOf(on) is { } now && ProposalTimescalesFigures.IsBeforeDecision(now.Phase)).Select(p => p.RaisedOn),
            concluded, on, new PublishedWeekdays());
        Assert.Equal((figures.OpenCount, figures.OpenAverage, figures.ConcludedCount, figures.ConcludedAverage),
            (r.Opine.Timescales.OpenCount, r.Opine.Timescales.OpenAverageWorkingDays, r.Opine.Timescales.ConcludedCount, r.Opine.Timescales.ConcludedAverageWorkingDays));
    }
}
