using Sec.Assessments.V1;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.DemoRegister;

/// <summary>
/// The demo register loaded from the four papers through <c>sec import</c>, and the April and
/// August 2020 reports it gives, row by row where the papers' figures are consistent.
/// docs/demo-register.md explains every row that differs.
/// </summary>
public sealed class DemoRegisterTests(DemoRegisterFixture demo) : IClassFixture<DemoRegisterFixture>
{
    private Task<GetChangeStatusReportResponse> AprilAsync() =>
        demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" }).ResponseAsync;

    private Task<GetChangeStatusReportResponse> AugustAsync() =>
        demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-08", PeriodEnd = "2020-07-31", AsOf = "2020-07-31" }).ResponseAsync;

    private Task<GetChangeStatusReportResponse> December2016Async() =>
        demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-12", AsOf = "2016-12-07" }).ResponseAsync;

    private static string[] Refs(IEnumerable<ReportProposal> lines) => lines.Select(l => l.Reference.Value).ToArray();

    private static string Day(Google.Type.Date d) => $"{d.Year}-{d.Month:00}-{d.Day:00}";

    private static string[] Meetings(IEnumerable<ReportMeeting> meetings) =>
        meetings.Select(m => $"{Day(m.MeetingOn)} {m.Kind} {string.Join(' ', m.Agenda.Select(a => a.Reference.Value))}".TrimEnd()).ToArray();

    private static Dictionary<Phase, int> Phases(ChangeStatusReport r) => r.Summary.Phases.ToDictionary(p => p.Phase, p => p.Count);

    [Fact]
    public void The_first_import_loads_every_section_of_the_file()
    {
        Assert.True(demo.FirstImport.Exit == 0, demo.FirstImport.Error);
        Assert.Contains("Modifications              75 added,    0 already there", demo.FirstImport.Output);
        Assert.Contains("Change Board votes         14 added", demo.FirstImport.Output);
        Assert.Contains("SEC Releases                9 added", demo.FirstImport.Output);
    }

    [Fact]
    public async Task The_register_names_the_import_as_who_made_its_entries()
    {
        var mp122 = (await demo.Proposals.GetProposalAsync(new GetProposalRequest { Reference = new() { Value = "MP122" } })).Proposal;

        Assert.Equal("Register import", mp122.History[0].Actor.Name);
    }

    [Fact]
    public async Task Importing_the_file_again_changes_nothing()
    {
        var before = await demo.EveryRowCountAsync();
        var report = (await AprilAsync()).Markdown;

        var again = await demo.SecAsync("import", DemoRegisterFixture.File);
        await demo.SettledAsync();

        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains("Nothing to do: the register already holds this file.", again.Output);
        Assert.Equal(before, await demo.EveryRowCountAsync());
        Assert.Equal(report, (await AprilAsync()).Markdown);
    }

    [Fact]
    public async Task An_unreadable_file_is_refused_with_its_place()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sec-register-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"modifications\": [ { \"reference\": \"MP001\", \"raisedOn\": \"10 March\" } ] }");
        try
        {
            var refused = await demo.SecAsync("import", path);
            var missing = await demo.SecAsync("import", path + ".missing");

            Assert.Equal(2, refused.Exit);
            Assert.Contains("not a register file ($.modifications[0].raisedOn", refused.Error);
            Assert.Equal(2, missing.Exit);
            Assert.Contains("no such file", missing.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_April_2020_report_reproduces_the_papers_lists()
    {
        var r = (await AprilAsync()).Report;

        // The paper's 14/35/5/4; Refine holds one more (docs/demo-register.md).
        var phases = Phases(r);
        Assert.Equal((14, 36, 5, 4), (phases[Phase.Define], phases[Phase.Refine], phases[Phase.Opine], phases[Phase.Release]));
        Assert.Equal(["DP100", "DP116", "DP117", "DP118", "DP119", "DP120", "DP122", "DP123"], Refs(r.Summary.PresentedForConversion));
        Assert.Equal(["SECMP0067", "MP080"], Refs(r.Summary.ModificationReports));
        // Converted on 10 April, after the as-of date: on 8 April they are still Draft Proposals for conversion.
        Assert.Empty(r.Summary.RecommendedToRefinement);
        Assert.Empty(r.Summary.Decisions);
        Assert.Equal(["DP119 Graeme Liggett Data Communications Company 2020-03-10", "DP120 Gemma Slaney Western Power Distribution 2020-03-10",
            "DP121 Paul Saker EDF Energy 2020-03-24", "DP122 Gemma Slaney Western Power Distribution 2020-03-24", "DP123 Alistair Cobb Landis & Gyr 2020-03-27"],
            r.Define.NewDraftProposals.Select(p => $"{p.Reference.Value} {p.Proposer.Name} {p.Proposer.Organisation} {p.On.Year}-{p.On.Month:00}-{p.On.Day:00}"));
        Assert.Equal(["DP094", "DP096", "DP100", "DP108", "DP111", "DP121"], Refs(r.Define.NeedingFurtherDevelopment));
        // The paper's seven, and DP120, which it presents for conversion without listing its decision.
        Assert.Equal(["DP100", "DP116", "DP117", "DP118", "DP119", "DP120", "DP122", "DP123"], Refs(r.Define.ReadyForConversion));
        Assert.Equal("Service Response Traffic Management", r.Define.ReadyForConversion[0].Title);
        // DP123 carried two titles: decided on 31 March under its first, amended on 3 April (assumed).
        Assert.Equal("IVP and MVP realignment of SMETS2 v2.0", r.Define.CscDecisions.Single(p => p.Reference.Value == "DP123").Title);
        Assert.Equal("IVP realignment of SMETS2 v2.0 and v3.1", r.Define.NewDraftProposals.Single(p => p.Reference.Value == "DP123").Title);

        // Every meeting from 1 March to 8 April, the agenda named as on its date (DP109, not yet MP109), and the next monthly one.
        Assert.Equal(["2020-03-16 AdHoc SECMP0067", "2020-04-01 Monthly MP077 MP095 MP098 MP099 MP102 MP103 DP109"], Meetings(r.Refine.MeetingsHeld));
        Assert.Equal(["2020-05-06 Monthly"], Meetings(r.Refine.MeetingsPlanned));
        Assert.Equal("2020-04-29", Day(r.Refine.MeetingsPlanned[0].AgendaConfirmedOn));
        Assert.Equal("ADT and Exit Quarantine file delivery mechanism", r.Refine.MeetingsHeld[1].Agenda.Single(a => a.Reference.Value == "DP109").Title);
        Assert.Equal(["MP098 expected"], r.Refine.RefinementConsultations.Select(c => $"{c.Reference.Value} {(c.Open ? "open" : "expected")}"));
        Assert.Equal(["MP078 Rejected"], r.Refine.ImpactAssessmentRequests.Select(d => $"{d.Reference.Value} {d.Outcome}"));

        var t = r.Refine.AssessmentTimescales;
        Assert.Equal((13, 68, 3, 38, 3, 205), (t.Summary[0].CompletedCount, t.Summary[0].CompletedAverageWorkingDays, t.Summary[1].CompletedCount,
            t.Summary[1].CompletedAverageWorkingDays, t.Summary[1].OpenCount, t.Summary[1].OpenAverageWorkingDays));
        Assert.Equal(["SECMP0007 PA 201", "SECMP0024 PA 193", "SECMP0046 PA 31", "SECMP0053 PA 87", "SECMP0053 IA 35", "SECMP0056 PA 65", "SECMP0062 IA 77",
            "SECMP0063 PA 18", "SECMP0067 PA 24", "MP077 PA 40", "MP078 PA 66", "MP080 PA 41", "MP090 PA 58", "MP093 PA 37", "MP093 IA 2", "MP099 PA 27"],
            t.Completed.Select(c => $"{c.Reference.Value} {(c.Kind == AssessmentKind.Preliminary ? "PA" : "IA")} {c.ActualWorkingDays}"));

        Assert.Equal(["MP080 expected", "MP093 open", "MP115 expected", "MP123 expected", "SECMP0067 expected"],
            r.Opine.ModificationReportConsultations.Select(c => $"{c.Reference.Value} {(c.Open ? "open" : "expected")}").Order());
        Assert.Empty(r.Opine.ChangeBoardVotes);
        Assert.Empty(r.Opine.AuthorityDecisions);
        Assert.Empty(r.Release.Implemented);
        // The November 2020 release as it stood in April 2020: 5 November; the register moves it to 29 November in June.
        Assert.Equal(["June 2020 SEC Release on 25 June: SECMP0062/1 SECMP0053/0", "November 2020 SEC Release on 5 November: SECMP0062/2 MP081/0"],
            r.Release.Upcoming.Select(u => $"{u.Release.Name} on {u.Release.ImplementationDate.Day} {System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(u.Release.ImplementationDate.Month)}: "
                + string.Join(' ', u.Scope.Select(s => $"{s.Reference.Value}/{s.Part}"))));

        var md = (await AprilAsync()).Markdown;
        Assert.Contains("There are currently no modifications approved for implementation as standalone releases.", md);
        Assert.Contains("- [MP098](/register/MP098) ‘Incorporation of multiple Issue Resolution Proposals into the SEC – Batch 3’: expected to be issued in the week commencing 20 Apr 2020", md);
        Assert.Contains("- [MP093](/register/MP093) ‘Implementing IRP511 and CRP535 to support GBCS v3.2 devices’: out for consultation", md);
        Assert.Contains("### Proposal timescales", md);
    }

    [Fact]
    public async Task sec_report_writes_the_April_2020_open_assessments_as_the_paper_prints_them_and_a_page_to_read()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sec-report-{Guid.NewGuid():N}");
        try
        {
            var csv = await demo.SecAsync("report", "--month", "2020-04", "--period-end", "2020-03-31", "--as-of", "2020-04-08", "--format", "csv", "--out", folder);
            var html = await demo.SecAsync("report", "--month", "2020-04", "--as-of", "2020-04-08", "--format", "html", "--out", Path.Combine(folder, "april.html"));

            Assert.Equal((0, 0), (csv.Exit, html.Exit));
            Assert.Equal("""
                reference,kind,accepted,target_wd,current_wd,title,link
                SECMP0007,IA,2019-07-30,40,182,Firmware updates to IHDs and PPMIDs,/register/SECMP0007
                SECMP0015,IA,2019-04-25,40,250,GPF timestamp for reading instantaneous Gas values,/register/SECMP0015
                SECMP0056,IA,2019-07-02,40,202,{0},/register/SECMP0056
                SECMP0066,PA,2019-06-13,15,215,{1},/register/SECMP0066
                MP078,PA,2020-03-26,15,10,Incorporation of multiple Issue Resolution Proposals into the SEC – Part 2,/register/MP078
                MP092,PA,2019-12-02,15,93,New Planned Maintenance methodology,/register/MP092

                """.Replace("{0}", await TitleAsync("SECMP0056"), StringComparison.Ordinal).Replace("{1}", await TitleAsync("SECMP0066"), StringComparison.Ordinal),
                (await File.ReadAllTextAsync(Path.Combine(folder, "open-assessments.csv"))).ReplaceLineEndings("\n"));
            // Every section has its file.
            Assert.Superset(new HashSet<string> { "phase-counts.csv", "presented-for-conversion.csv", "recommended-to-refinement.csv", "modification-reports.csv", "decisions.csv",
                "referred.csv", "withdrawn.csv", "new-draft-proposals.csv", "csc-decisions.csv", "working-group-meetings.csv", "refinement-consultations.csv",
                "impact-assessment-requests.csv", "assessment-summary.csv", "open-assessments.csv", "completed-assessments.csv", "modification-report-consultations.csv",
                "change-board-votes.csv", "authority-decisions.csv", "with-the-authority.csv", "proposal-timescales.csv", "implemented.csv", "upcoming-releases.csv" },
                Directory.GetFiles(folder, "*.csv").Select(Path.GetFileName).ToHashSet()!);
            Assert.Contains("Working Group,2020-04-01,monthly,held,,DP109,ADT and Exit Quarantine file delivery mechanism,/register/DP109,",
                await File.ReadAllTextAsync(Path.Combine(folder, "working-group-meetings.csv")));
            Assert.Contains("DP121,Commissioning non-commissioned Devices after CoS,Paul Saker,EDF Energy,2020-03-24,\"Where WAN connectivity arrives after",
                await File.ReadAllTextAsync(Path.Combine(folder, "new-draft-proposals.csv")));
            var page = await File.ReadAllTextAsync(Path.Combine(folder, "april.html"));
            Assert.Contains("<svg class=\"chart\"", page);
            Assert.Contains("<h3>Draft Proposals for conversion</h3>", page);
            Assert.Contains("<td><a href=\"/register/SECMP0015\">SECMP0015</a></td>", page);
            // The cover, and a link from every reference the page names.
            Assert.Contains("<h2>Purpose</h2>", page);
            Assert.Contains("<p>The Panel is requested to NOTE the contents of this report.</p>", page);
            Assert.DoesNotMatch(@"\[[A-Z]+[0-9]+\]\(", page);

            // The page as a browser builds it: headless Chromium's DOM has the cover and the links.
            var dom = await DomAsync(Path.Combine(folder, "april.html"));
            Assert.Contains("<h2>Purpose</h2>", dom);
            Assert.Contains("<h2>Recommendations</h2>", dom);
            Assert.Contains("<a href=\"/register/DP109\">DP109</a>", dom);
            Assert.Contains("<a href=\"/register/SECMP0067\">SECMP0067</a>", dom);
            Assert.True(System.Text.RegularExpressions.Regex.Count(dom, "<a href=\"/register/") >= 60, "every reference is a link");
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The DOM headless Chromium builds from a page (a real browser process).</summary>
    private static async Task<string> DomAsync(string file)
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .First(File.Exists);
        var start = new System.Diagnostics.ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", new Uri(file).AbsoluteUri },
        };
        using var browser = System.Diagnostics.Process.Start(start)!;
        var dom = browser.StandardOutput.ReadToEndAsync();
        _ = browser.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await browser.WaitForExitAsync(timeout.Token);
        return await dom;
    }

    private async Task<string> TitleAsync(string reference) =>
        (await demo.Proposals.GetProposalAsync(new GetProposalRequest { Reference = new() { Value = reference } })).Proposal.Title;

    [Fact]
    public async Task The_August_2020_report_reproduces_the_papers_lists()
    {
        var r = (await AugustAsync()).Report;

        Assert.Equal(["MP103 Approved", "MP118 Approved", "MP124 Approved", "MP135 Approved", "SECMP0015 Rejected"],
            r.Opine.ChangeBoardVotes.Select(v => $"{v.Reference.Value} {v.Outcome}").Order());
        Assert.All(r.Opine.ChangeBoardVotes, v => Assert.Equal((2020, 7, 22), (v.MeetingOn.Year, v.MeetingOn.Month, v.MeetingOn.Day)));
        // The paper's four approvals; SECMP0015's rejection, referred to the Panel, is listed as referred.
        Assert.Equal(["MP103 Approved", "MP118 Approved", "MP124 Approved", "MP135 Approved"], r.Summary.Decisions.Select(d => $"{d.Reference.Value} {d.Outcome}").Order());
        Assert.Equal(["SECMP0015"], r.Summary.Referred.Select(d => d.Reference.Value));
        // SECMP0067 went back to refinement in June and comes to the Report Phase again with the other two.
        Assert.Equal(["SECMP0007", "SECMP0067", "MP102A"], Refs(r.Summary.ModificationReports));
        // DP100 and DP116 were found ready in March 2020 and had their Panel in April: not presented again.
        Assert.Empty(r.Summary.PresentedForConversion);
        Assert.Empty(r.Summary.RecommendedToRefinement);
        Assert.Equal(["2020-07-08 AdHoc MP122", "2020-07-09 AdHoc SECMP0067", "2020-07-28 AdHoc SECMP0007"], Meetings(r.Refine.MeetingsHeld));
        Assert.Equal(["2020-08-05 Monthly MP094 MP107 MP117 MP125 MP128"], Meetings(r.Refine.MeetingsPlanned));
        var md = (await AugustAsync()).Markdown;
        Assert.Contains("- [MP103](/register/MP103) ‘DCC SOC2 Assessments’ was approved under Self-Governance on 22 Jul 2020 for implementation in the November 2020 SEC Release", md);
        Assert.Contains("- [MP135](/register/MP135) ‘Correcting equivalence in Security Standards’ was approved under Self-Governance on 22 Jul 2020 for implementation on 23 Jul 2020 as a standalone release", md);
        Assert.Contains("- [SECMP0015](/register/SECMP0015) ‘GPF timestamp for reading instantaneous Gas values’ was rejected under Self-Governance on 22 Jul 2020. This decision has since been referred to the Panel", md);
        Assert.Contains("- [MP088](/register/MP088) ‘Power to raise modifications’ is currently with the Authority for decision", md);
        Assert.Contains("- [MP135](/register/MP135) ‘Correcting equivalence in Security Standards’ was implemented on 23 Jul 2020 as a standalone release", md);
        Assert.Equal(["MP135 Gordon Hextall", "DP136 Tom Woolley", "DP137 Ralph Baxter", "DP138 Richard Collard"],
            r.Define.NewDraftProposals.Select(p => $"{p.Reference.Value} {p.Proposer.Name}"));
        Assert.Empty(r.Define.CscDecisions);
        Assert.Equal(["MP092 Deferred", "MP106 Approved", "MP122 Approved"], r.Refine.ImpactAssessmentRequests.Select(d => $"{d.Reference.Value} {d.Outcome}").Order());
        Assert.Equal(["MP107", "MP117", "MP128"], r.Refine.RefinementConsultations.Where(c => !c.Open && !c.Late).Select(c => c.Reference.Value).Order());
        Assert.Equal(["MP102A", "SECMP0007"], r.Opine.ModificationReportConsultations.Where(c => !c.Open && !c.Late).Select(c => c.Reference.Value).Order());
        Assert.Equal(["MP088"], r.Opine.WithTheAuthority.Select(w => w.Reference.Value));

        var t = r.Refine.AssessmentTimescales;
        Assert.Equal((6, 5), (t.Summary[0].OpenCount, t.Summary[1].OpenCount));
        var open = t.Open.ToDictionary(o => $"{o.Reference.Value} {(o.Kind == AssessmentKind.Preliminary ? "PA" : "IA")}", o => o.CurrentWorkingDays);
        // Every open row the scan prints with both dates consistent: accepted date and current duration.
        Assert.Equal((284, 75, 64, 14, 13), (open["SECMP0056 IA"], open["MP107 PA"], open["MP099 IA"], open["MP119 PA"], open["MP105 PA"]));
        Assert.Equal((12, 9, 3), (open["MP122 IA"], open["MP085 PA"], open["MP090 IA"]));
        // The two assessments the DCC accepted afresh, as the August paper prints them.
        var afresh = t.Open.Where(o => o.Reference.Value is "SECMP0007" or "MP078")
            .Select(o => $"{o.Reference.Value} {(o.Kind == AssessmentKind.Preliminary ? "PA" : "IA")} {o.AcceptedOn.Year}-{o.AcceptedOn.Month:00}-{o.AcceptedOn.Day:00} {o.CurrentWorkingDays}");
        Assert.Equal(["SECMP0007 IA 2020-02-06 127", "MP078 PA 2020-04-17 76"], afresh);
        // With the paper's dates the Impact Assessments' open average is the paper's 98; the Preliminary ones give 39 (the paper prints 36).
        Assert.Equal((39, 98), (t.Summary[0].OpenAverageWorkingDays, t.Summary[1].OpenAverageWorkingDays));
        // SECMP0067's consultation expected in April 2020 was cancelled: it went back to refinement.
        Assert.DoesNotContain(r.Opine.ModificationReportConsultations, c => c.Reference.Value == "SECMP0067");
        var completed = t.Completed.ToDictionary(c => $"{c.Reference.Value} {c.ReturnedOn.Year}-{c.ReturnedOn.Month:00}", c => c.ActualWorkingDays);
        Assert.Equal((18, 31), (completed["SECMP0063 2019-08"], completed["SECMP0046 2019-09"]));

        Assert.Equal(["MP135"], r.Release.Implemented.SelectMany(i => i.Scope).Select(s => s.Reference.Value));
        var november = r.Release.Upcoming.Single();
        Assert.Equal(("November 2020 SEC Release", 29), (november.Release.Name, november.Release.ImplementationDate.Day));
        Assert.Equal(["MP080", "MP081", "MP093", "MP098", "MP101", "MP103", "MP110", "MP112", "MP115", "MP118", "MP120", "MP124", "SECMP0062"],
            november.Scope.Select(s => s.Reference.Value).Order());
    }

    [Fact]
    public async Task The_November_2019_release_carries_its_RID_with_the_DCC_costs_it_prints()
    {
        var releases = new Sec.Releases.V1.ReleasesService.ReleasesServiceClient(demo.Suite.Channel());
        var november = (await releases.ListReleasesWithModificationAsync(new() { Reference = new() { Value = "SECMP0023" } })).Releases
            .Single(r => r.Release.Name == "November 2019 SEC Release");
        var rid = (await releases.GetRidAsync(new() { ReleaseId = november.Release.ReleaseId })).Rid;
        var costs = rid.Costs;
        var scope = (await releases.GetScopeAsync(new() { ReleaseId = november.Release.ReleaseId, AsOf = "2019-11-07" })).Entries;

        Assert.Equal(Sec.Releases.V1.ReleaseStatus.Implemented, november.Release.Status);
        // SECMP0055 stayed targeted past its cut-off; SECMP0053 and SECMP0062 part 1 left the scope.
        Assert.Equal(["SECMP0018", "SECMP0023", "SECMP0025", "SECMP0039", "SECMP0055", "SECMP0060"], scope.Select(s => s.Reference.Value).Order());
        Assert.Equal((1_073_269_00, 1_073_269_00), (costs.ApprovedTotal.LowPence, costs.ApprovedTotal.HighPence));
        Assert.Equal((22, 13_200_00), (costs.SecasDays, costs.SecasCost.Pence));
        Assert.Equal(["0.1", "1.0", "1.1"], rid.History.Select(v => v.Version).Append(rid.Version.Version).Distinct());
        Assert.Equal((6, 9, 5), (rid.Content.AcceptanceCriteria.Count, rid.Content.DocumentImpacts.Count, rid.Content.ParticipantImpacts.Count));
        Assert.StartsWith("go on 11 October 2019 (override:", rid.GoNoGo);
    }

    [Fact]
    public async Task The_December_2016_report_counts_under_the_2016_stage_names()
    {
        var r = (await December2016Async()).Report;

        // The paper: 1, 17, 1, 0, 2 (not named, so not in the register), 0 of 21. SECMP0020 and SECMP0022,
        // approved on 23 November and implemented on 14 December, are pending implementation here.
        Assert.Equal(["Initial Modification Report 1", "Refinement 17", "Modification Report 1", "Change Board 0", "Awaiting Authority Decision 0", "Pending Implementation 2"],
            r.Summary.LegacyStages.Select(s => $"{s.Stage} {s.Count}"));
        Assert.Equal(["SECMP0003"], Refs(r.Summary.Withdrawn));
        // The paper breaks Refinement down as 13 further refinement, 3 awaiting a DCC PA, 1 awaiting an IA,
        // but names only SECMP0010's PA (being prepared, due 2 December) and dates none of them, so the
        // register holds no 2016 assessment and all 17 are in further refinement.
        var b = r.Summary.RefinementBreakdown;
        Assert.Equal((17, 0, 0), (b.FurtherRefinement, b.AwaitingPreliminaryAssessment, b.AwaitingImpactAssessment));
        Assert.Equal(["2016-11-28 Monthly SECMP0005 SECMP0006 SECMP0023", "2016-11-29 Monthly SECMP0004 SECMP0008 SECMP0011", "2016-11-30 Monthly SECMP0021"],
            Meetings(r.Refine.MeetingsHeld));
        Assert.StartsWith("The Working Group asked the Security Sub-Committee for advice", r.Refine.MeetingsHeld[0].Outcome);
        // The 2020 Working Group's first meeting, years later, is nobody's "next" in 2016.
        Assert.Empty(r.Refine.MeetingsPlanned);
        Assert.Contains(r.Release.Upcoming, u => u.Release.Name == "June 2017 SEC Release" && u.Scope.Count == 0);
        Assert.Contains(r.Release.Upcoming, u => u.Release.Name == "November 2017 SEC Release" && u.Scope.Count == 0);
        // Each targeted modification with the potential impacts the paper's Release Contents list for it.
        static string Impacts(Sec.Releases.V1.ScopeEntry e) => $"{e.Reference.Value}: {string.Join(", ", e.PotentialDocumentImpacts)} / {string.Join(", ", e.PotentialSystemImpacts)}";
        Assert.Equal(["SECMP0004: SMETS2, GBCS, DUIS / DCC", "SECMP0008: DUIS, TADP / DCC", "SECMP0011: DUIS / DCC"],
            r.Release.Upcoming.Single(u => u.Release.Name == "February 2018 SEC Release").Scope.Select(Impacts));
        var june2018 = r.Release.Upcoming.Single(u => u.Release.Name == "June 2018 SEC Release").Scope.ToDictionary(e => e.Reference.Value, Impacts);
        Assert.Equal((12, "SECMP0012: SMETS2, GBCS, DUIS, CHTS, MMC, DUGIS / TBC", "SECMP0018: GBCS / ", "SECMP0019: DUIS / DCC, DCC Users"),
            (june2018.Count, june2018["SECMP0012"], june2018["SECMP0018"], june2018["SECMP0019"]));
        Assert.Contains("| [SECMP0008](/register/SECMP0008) ‘", (await December2016Async()).Markdown);
        Assert.Contains("| targeted | DUIS, TADP | DCC |", (await December2016Async()).Markdown);
        // Asked for the phases, the same report counts no 2016 stages; the 2020 reports never do.
        var phases = (await demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-12", AsOf = "2016-12-07", StageNames = ReportStageNames.Phases })).Report;
        Assert.Empty(phases.Summary.LegacyStages);
        Assert.Empty((await AprilAsync()).Report.Summary.LegacyStages);
        Assert.Contains("| Number of open modifications | 21 |", (await December2016Async()).Markdown);
    }

    [Fact]
    public async Task The_register_on_7_December_2016_holds_the_seventeen_modifications_in_refinement()
    {
        var counts = (await demo.Proposals.GetPhaseCountsAsync(new GetPhaseCountsRequest { AsOf = "2016-12-07" })).Counts.ToDictionary(c => c.Phase, c => c.Count);

        // SECMP0025 new this month, seventeen in refinement, SECMP0016 out for Modification Report Consultation.
        Assert.Equal((1, 17, 1), (counts[Phase.Define], counts[Phase.Refine], counts[Phase.Opine]));
        Assert.Equal(1, counts[Phase.Withdrawn]); // SECMP0003, withdrawn on 11 November 2016
    }

    [Fact]
    public async Task MP122s_page_shows_its_assessments_IA_request_meetings_and_the_SECAS_page_the_papers_cite()
    {
        var view = (await demo.Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = new() { Value = "MP122" }, AsOf = "2020-07-31" })).View;

        var pa = view.Assessments.Single(a => a.Kind == AssessmentKind.Preliminary);
        var ia = view.Assessments.Single(a => a.Kind == AssessmentKind.Impact);
        var request = view.ChangeBoardItems.Single(i => i.Kind == Sec.ChangeBoard.V1.AgendaItemKind.ImpactAssessmentRequest);
        Assert.Equal(new Google.Type.Date { Year = 2020, Month = 5, Day = 28 }, pa.ReturnedOn);
        Assert.Equal(new Google.Type.Date { Year = 2020, Month = 7, Day = 16 }, ia.AcceptedOn);
        Assert.Equal((new Google.Type.Date { Year = 2020, Month = 7, Day = 22 }, Sec.ChangeBoard.V1.Outcome.Approved), (request.MeetingOn, request.FinalOutcome));
        Assert.Equal(["2020-07-08", "2020-08-13"], view.WorkingGroupMeetings.Select(m => $"{m.MeetingOn.Year:0000}-{m.MeetingOn.Month:00}-{m.MeetingOn.Day:00}"));
        var page = Assert.Single(view.Documents);
        Assert.Equal(("https://smartenergycodecompany.co.uk/modifications/operational-metrics/", Sec.Proposals.V1.DocumentKind.WebPage), (page.Url, page.Kind));
    }

    [Fact]
    public async Task Every_SECAS_page_the_papers_cite_is_linked_from_its_modification_and_SECMP0016_has_its_plan()
    {
        var mp123 = (await demo.Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = new() { Value = "MP123" } })).View;
        var secmp0016 = (await demo.Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = new() { Value = "SECMP0016" }, AsOf = "2016-12-31" })).View;

        Assert.Contains($"{"Documents",-24} {36,4} added", demo.FirstImport.Output);
        Assert.Equal(2, mp123.Documents.Count); // its page, and DP123's under the title it was raised with
        var cb = secmp0016.Plan.Milestones.Single();
        Assert.Equal((Sec.Proposals.V1.Milestone.ChangeBoard, 21), (cb.Milestone, cb.PlannedOn.Day));
    }
}
