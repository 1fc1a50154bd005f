using System.Globalization;

namespace Sec.RegisterGenerator;

/// <summary>
/// <c>dotnet run --project tests/Sec.RegisterGenerator -c Release -- --modifications 10000 --out data-10k</c>
/// writes a synthetic register into an empty folder, ready for <c>Storage:DataDirectory</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var shape = new RegisterShape();
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--modifications": shape = shape with { Modifications = Number(value) }; i++; break;
                case "--history-per-modification": shape = shape with { HistoryRowsPerModification = Number(value) }; i++; break;
                case "--seed": shape = shape with { Seed = Number(value) }; i++; break;
                case "--out": folder = value; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    return Usage();
            }
        }
        if (folder is null)
            return Usage();
        var counts = await SyntheticRegister.GenerateAsync(shape, Path.GetFullPath(folder));
        Console.WriteLine($"Wrote {counts} into {Path.GetFullPath(folder)}.");
        return 0;
    }

    private static int Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{value}' is not a whole number.");

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Sec.RegisterGenerator --out <empty folder> [--modifications 10000] [--history-per-modification 50] [--seed 2020]");
        return 2;
    }
}
