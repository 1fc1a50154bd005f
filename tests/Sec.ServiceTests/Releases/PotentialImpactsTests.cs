using Sec.BuildingBlocks.Storage;
using Sec.Identity;
using Sec.Proposals.V1;
using Sec.Releases.V1;
using ScopeKind = Sec.Releases.V1.ScopeKind;

namespace Sec.ServiceTests.Releases;

/// <summary>
/// The December 2016 paper's release section: per modification, the SEC documents and the systems it
/// may affect. SECAS records them on the scope entry; each record stands from its date, and the
/// earlier ones are kept, so the scope and the report as of a date show what stood then.
/// </summary>
public sealed class PotentialImpactsTests
{
    private static readonly DateTimeOffset Today = new(2016, 12, 9, 9, 0, 0, TimeSpan.Zero);

    private static string Impacts(Sec.Releases.V1.ScopeEntry e) =>
        $"{e.Reference.Value}: {string.Join(", ", e.PotentialDocumentImpacts)} / {string.Join(", ", e.PotentialSystemImpacts)}";

    /// <summary>The desk, once the Releases context has heard of the 2016 modifications from the register.</summary>
    private static async Task<ReleaseDesk> DeskAsync(SuiteFactory suite, params string[] references)
    {
        var register = new Register(suite);
        var desk = new ReleaseDesk(suite);
        foreach (var reference in references)
            await register.ImportAsync(reference, $"{reference} title", D(2016, 3, 1));
        foreach (var reference in references)
            await Eventually.GetAsync(() => desk.Client.GetKnownModificationAsync(new() { Reference = Ref(reference) }).ResponseAsync);
        return desk;
    }

    [Fact]
    public async Task Recorded_impacts_stand_from_their_date_keep_their_history_and_print_in_the_reports_release_section()
    {
        await using var suite = new SuiteFactory(null, Today);
        var desk = await DeskAsync(suite, "SECMP0004", "SECMP0008");
        var secas = new ReleasesService.ReleasesServiceClient(suite.Channel("Holly Burton", "SECAS", [SecRoles.Secas]));
        var february = await desk.CreateAsync("February 2018 SEC Release", ReleaseType.Minor, D(2018, 2, 22));
        await desk.AddAsync(february, "SECMP0004", ScopeKind.Targeted, D(2016, 10, 14));
        await desk.AddAsync(february, "SECMP0008", ScopeKind.Targeted, D(2016, 10, 14));

        var first = await secas.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
        {
            ReleaseId = february, Reference = Ref("SECMP0004"), PotentialDocumentImpacts = { "SMETS2", "GBCS" }, PotentialSystemImpacts = { "TBC" }, EffectiveOn = D(2016, 11, 1),
        });
        await secas.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
        {
            ReleaseId = february, Reference = Ref("SECMP0004"), PotentialDocumentImpacts = { " SMETS2", "GBCS", "DUIS " }, PotentialSystemImpacts = { "DCC" }, EffectiveOn = D(2016, 12, 7),
        });

        Assert.Equal("SECMP0004: SMETS2, GBCS / TBC", Impacts(first.Entry));
        Assert.Equal("SECMP0004 title", first.Entry.Title);
        async Task<string[]> ScopeOn(string asOf) =>
            (await desk.Client.GetScopeAsync(new GetScopeRequest { ReleaseId = february, AsOf = asOf })).Entries.Select(Impacts).ToArray();
        Assert.Equal(["SECMP0004:  / ", "SECMP0008:  / "], await ScopeOn("2016-10-31"));
        Assert.Equal(["SECMP0004: SMETS2, GBCS / TBC", "SECMP0008:  / "], await ScopeOn("2016-11-30"));
        Assert.Equal(["SECMP0004: SMETS2, GBCS, DUIS / DCC", "SECMP0008:  / "], await ScopeOn("2016-12-07"));
        var upcoming = (await desk.Client.ListUpcomingReleasesAsync(new ListUpcomingReleasesRequest { AsOf = "2016-11-30" })).Releases.Single();
        Assert.Equal("SECMP0004: SMETS2, GBCS / TBC", Impacts(upcoming.Scope[0]));

        // The report's release section: the paper's table, in Markdown and HTML, and two CSV columns.
        var proposals = new ProposalsService.ProposalsServiceClient(suite.Channel());
        var report = await proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2016-12", AsOf = "2016-12-07" });
        Assert.Contains("| Modification | Status | Potential impacts: SEC documents | Potential impacts: systems |", report.Markdown);
        Assert.Contains("| [SECMP0004](/register/SECMP0004) ‘SECMP0004 title’ | targeted | SMETS2, GBCS, DUIS | DCC |", report.Markdown);
        Assert.Contains("| [SECMP0008](/register/SECMP0008) ‘SECMP0008 title’ | targeted |  |  |", report.Markdown);
        Assert.Contains("<td><a href=\"/register/SECMP0004\">SECMP0004</a> ‘SECMP0004 title’</td><td>targeted</td><td>SMETS2, GBCS, DUIS</td><td>DCC</td>", report.Html);
        var csv = report.Csv["upcoming-releases.csv"].TrimEnd('\n').Split('\n');
        Assert.EndsWith(",potential_document_impacts,potential_system_impacts", csv[0]);
        Assert.EndsWith(",/register/SECMP0004,SMETS2; GBCS; DUIS,DCC", csv[1]);

        // Each record is attributed with its business date.
        var audit = await desk.Store.ReadAsync(c => c.QueryAsync<AuditEntry>(
            $"SELECT Operation, Subject, Reference, EffectiveOn, RecordedAt, ActorName, ActorOrganisation, Roles FROM {desk.Store.Schema}.AuditEntry WHERE Operation = 'RecordPotentialImpacts' ORDER BY Sequence"));
        Assert.Equal([new DateOnly(2016, 11, 1), new DateOnly(2016, 12, 7)], audit.Select(a => a.EffectiveOn));
        Assert.All(audit, a => Assert.Equal(("Holly Burton", "SECMP0004", february), (a.ActorName, a.Reference, a.Subject)));
    }

    [Fact]
    public async Task Impacts_for_an_entry_not_in_scope_or_with_bad_lists_are_refused_naming_the_field_and_nothing_is_written()
    {
        await using var suite = new SuiteFactory(null, Today);
        var desk = await DeskAsync(suite, "SECMP0004", "SECMP0011");
        var june = await desk.CreateAsync("June 2018 SEC Release", ReleaseType.Major, D(2018, 6, 28));
        await desk.AddAsync(june, "SECMP0004", ScopeKind.Targeted, D(2016, 10, 14));
        await suite.SettledAsync();
        var before = await suite.EveryRowCountAsync();

        var notInScope = await Assert.ThrowsAsync<RpcException>(() => desk.Client.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
        {
            ReleaseId = june, Reference = Ref("SECMP0011"), PotentialDocumentImpacts = { "DUIS" }, EffectiveOn = D(2016, 12, 7),
        }).ResponseAsync);
        var notYet = await Assert.ThrowsAsync<RpcException>(() => desk.Client.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
        {
            ReleaseId = june, Reference = Ref("SECMP0004"), PotentialDocumentImpacts = { "DUIS" }, EffectiveOn = D(2016, 10, 13),
        }).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => desk.Client.RecordPotentialImpactsAsync(new RecordPotentialImpactsRequest
        {
            ReleaseId = june, Reference = Ref("SECMP0004"), PotentialDocumentImpacts = { "SMETS2", " ", "smets2" }, PotentialSystemImpacts = { new string('s', 101) }, EffectiveOn = D(2016, 12, 7),
        }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound, StatusCode.InvalidArgument), (notInScope.StatusCode, notYet.StatusCode, bad.StatusCode));
        Assert.Contains("SECMP0011 is not in this release's scope on 2016-12-07", notInScope.Status.Detail);
        Assert.Equal(["potential_document_impacts", "potential_document_impacts[1]", "potential_system_impacts[0]"], bad.ViolatedFields().Order());
        Assert.Equal(before, await suite.EveryRowCountAsync());
    }
}
