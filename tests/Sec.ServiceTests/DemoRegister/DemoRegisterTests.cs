using Sec.Proposals.V1;

namespace Sec.ServiceTests.DemoRegister;

/// <summary>The demo register loaded from the papers, and the April and August 2020 reports it gives.</summary>
public sealed class DemoRegisterTests(DemoRegisterFixture demo) : IClassFixture<DemoRegisterFixture>
{
    [Fact]
    public async Task Print_the_reports()
    {
        Assert.True(demo.FirstImport.Exit == 0, demo.FirstImport.Error + demo.FirstImport.Output);
        var april = await demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });
        var august = await demo.Proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-08", PeriodEnd = "2020-07-31", AsOf = "2020-07-31" });
        await File.WriteAllTextAsync("/tmp/demo/april.md", april.Markdown);
        await File.WriteAllTextAsync("/tmp/demo/august.md", august.Markdown);
        await File.WriteAllTextAsync("/tmp/demo/import.txt", demo.FirstImport.Output);
    }
}
