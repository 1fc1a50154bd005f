using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Sec.Benchmarks;

/// <summary>
/// A short job (a few warm-ups, ten measured iterations, one launch) so all four sizes finish in a
/// few minutes; allocations too. Server GC, as the all-in-one host runs with it (a Web SDK default).
/// </summary>
public sealed class ReportBenchmarkConfig : ManualConfig
{
    public ReportBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithUnrollFactor(1).WithGcServer(true).WithId("ShortReport"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
