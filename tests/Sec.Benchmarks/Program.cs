using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Sec.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Sec.Benchmarks -- --filter '*'</c> runs the benchmarks;
/// <c>... -- quick 10000</c> times a few report calls on one size without BenchmarkDotNet, for a first look.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["quick", ..])
        {
            var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
            var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            await QuickAsync(size, calls);
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance);
        return 0;
    }

    private static async Task QuickAsync(int modifications, int calls)
    {
        using var suite = new ReportSuite(await Registers.EnsureAsync(modifications));
        var proposals = suite.Proposals;
        var first = Stopwatch.StartNew();
        var response = await proposals.GetChangeStatusReportAsync(ChangeStatusReportBenchmark.December2020);
        Console.WriteLine($"first call {first.ElapsedMilliseconds} ms; {response.CalculateSize():N0} bytes");
        var times = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await proposals.GetChangeStatusReportAsync(ChangeStatusReportBenchmark.December2020);
            times.Add(watch.Elapsed.TotalMilliseconds);
            // CPU counts both cores and the host's background pollers; it shows how busy the call kept the machine.
            Console.WriteLine($"call {i + 1}: {watch.Elapsed.TotalMilliseconds:0.0} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU), "
                + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0:0.0} MB allocated");
        }
        Console.WriteLine($"{modifications} modifications: mean {times.Average():0.0} ms, min {times.Min():0.0} ms");
    }
}
