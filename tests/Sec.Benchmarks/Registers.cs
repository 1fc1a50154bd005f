using Sec.RegisterGenerator;

namespace Sec.Benchmarks;

/// <summary>Synthetic registers for the benchmarks, generated once per size and kept under the temp folder.</summary>
public static class Registers
{
    public const int Seed = 2020;

    /// <summary>The folder holding a register of <paramref name="modifications"/>, generating it the first time.</summary>
    public static async Task<string> EnsureAsync(int modifications, CancellationToken ct = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sec-benchmarks", $"register-v{SyntheticRegister.Version}-{modifications}-seed{Seed}");
        var done = Path.Combine(folder, "generated.txt");
        if (File.Exists(done))
            return folder;
        var partial = folder + ".partial";
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        var counts = await SyntheticRegister.GenerateAsync(new RegisterShape { Modifications = modifications, Seed = Seed }, partial, ct);
        await File.WriteAllTextAsync(Path.Combine(partial, "generated.txt"), counts + Environment.NewLine, ct);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.Move(partial, folder);
        Console.WriteLine($"// Generated {counts}");
        return folder;
    }
}
