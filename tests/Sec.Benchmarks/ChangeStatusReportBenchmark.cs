using BenchmarkDotNet.Attributes;
using Sec.Proposals.V1;

namespace Sec.Benchmarks;

/// <summary>
/// The monthly Change Status Report end to end: one <c>GetChangeStatusReport</c> call over gRPC to
/// the all-in-one host, which asks Assessments, ChangeBoard and Releases for their sections over
/// gRPC in turn, on registers of 1,000 to 10,000 modifications (about 50 history rows each).
/// </summary>
[Config(typeof(ReportBenchmarkConfig))]
public class ChangeStatusReportBenchmark
{
    /// <summary>December 2020's report: November's activity, as of 8 December, near the register's end.</summary>
    public static readonly GetChangeStatusReportRequest December2020 = new() { Month = "2020-12", AsOf = "2020-12-08" };

    private ReportSuite _suite = null!;
    private ProposalsService.ProposalsServiceClient _proposals = null!;

    [Params(1_000, 2_500, 5_000, 10_000)]
    public int Modifications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _suite = new ReportSuite(Registers.EnsureAsync(Modifications).GetAwaiter().GetResult());
        _proposals = _suite.Proposals;
        // Migrations, JIT and the gRPC connections are paid for here, outside the measurement.
        _proposals.GetChangeStatusReport(December2020);
    }

    [Benchmark]
    public async Task<int> ChangeStatusReport()
    {
        var response = await _proposals.GetChangeStatusReportAsync(December2020);
        return response.Markdown.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _suite.Dispose();
}
