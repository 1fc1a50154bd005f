using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.V1;

namespace Sec.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Sec.Benchmarks -- --filter '*'</c> runs the benchmarks;
/// <c>... -- quick 10000 [calls] [cold]</c> times a few report calls on one size without BenchmarkDotNet: the first
/// call once the host has warmed up (or at once, with <c>cold</c>), the same request again, and new as-of dates.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["quick", ..])
        {
            var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
            var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            await QuickAsync(size, calls, coldStart: args.Contains("cold"));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance);
        return 0;
    }

    private static async Task QuickAsync(int modifications, int calls, bool coldStart)
    {
        var register = await Registers.EnsureAsync(modifications);
        var started = Stopwatch.StartNew();
        using var suite = new ReportSuite(register);
        Console.WriteLine($"started in {started.ElapsedMilliseconds} ms");
        var proposals = suite.Proposals;
        if (!coldStart)
        {
            // The host warms up in the background once started (never delaying readiness); the first call
            // comes after that, as a report is asked for in practice. "cold" asks at once instead.
            await suite.Services.GetRequiredService<WarmUpState>().Finished;
            Console.WriteLine($"warmed up {started.ElapsedMilliseconds} ms after the start");
        }
        var first = Stopwatch.StartNew();
        var response = await proposals.GetChangeStatusReportAsync(ChangeStatusReportBenchmark.December2020);
        Console.WriteLine($"first call {first.ElapsedMilliseconds} ms; {response.CalculateSize():N0} bytes");
        // The same request again: served from the report cache while no context's data changes.
        var warm = await TimeAsync("call", calls, _ => ChangeStatusReportBenchmark.December2020);
        Console.WriteLine($"{modifications} modifications: mean {warm.Average():0.0} ms, min {warm.Min():0.0} ms");
        // A new as-of date each time, the same month: each one composed and rendered afresh on a warm process.
        var composed = await TimeAsync("composed", calls, i => new GetChangeStatusReportRequest
        {
            Month = ChangeStatusReportBenchmark.December2020.Month,
            AsOf = new DateOnly(2020, 12, 9).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Console.WriteLine($"{modifications} modifications, composed afresh: mean {composed.Average():0.0} ms, min {composed.Min():0.0} ms");

        async Task<List<double>> TimeAsync(string label, int count, Func<int, GetChangeStatusReportRequest> request)
        {
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await proposals.GetChangeStatusReportAsync(request(i));
                times.Add(watch.Elapsed.TotalMilliseconds);
                // CPU counts both cores and the host's background pollers; it shows how busy the call kept the machine.
                Console.WriteLine($"{label} {i + 1}: {watch.Elapsed.TotalMilliseconds:0.0} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU), "
                    + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0:0.0} MB allocated");
            }
            return times;
        }
    }
}
