namespace Sec.Cli;

/// <summary>The <c>sec</c> executable.</summary>
internal static class Entry
{
    private static Task<int> Main(string[] args) => SecCli.RunAsync(args, Console.Out, Console.Error);
}
