using System.ComponentModel;
using System.Diagnostics;

namespace Sec.DeploymentTests;

/// <summary>docker-compose run against the repository's compose file, and its resolved output read by indentation.</summary>
internal static class ComposeConfig
{
    private static readonly Lazy<string> Config = new(() =>
    {
        var (exit, output, error) = Run("config");
        Assert.True(exit == 0, error);
        return output;
    });

    /// <summary>The whole configuration as <c>docker-compose config</c> prints it, variables filled in.</summary>
    public static string Resolved => Config.Value;

    /// <summary>The lines of one service in the resolved configuration.</summary>
    public static string Block(string service)
    {
        var lines = Resolved.Split('\n');
        var start = Array.FindIndex(lines, l => l == $"  {service}:");
        Assert.True(start >= 0, $"service {service} is missing");
        var end = Array.FindIndex(lines, start + 1, l => l.Length > 0 && !l.StartsWith("   ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>One service's environment as the resolved configuration prints it (a map, one line each).</summary>
    public static Dictionary<string, string> EnvironmentOf(string service)
    {
        var lines = Block(service).Split('\n');
        var start = Array.IndexOf(lines, "    environment:");
        Assert.True(start >= 0, $"service {service} has no environment");
        return lines.Skip(start + 1)
            .TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(": ", 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
    }

    public static (int Exit, string Output, string Error) Run(params string[] args) =>
        RunTool("docker-compose", ["-f", Repo.File("docker-compose.yml"), .. args]);

    /// <summary>Runs a tool from the repository's root and returns its exit code and output; a minute at most.</summary>
    public static (int Exit, string Output, string Error) RunTool(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed; test.sh installs what the tests need.", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill();
                throw new TimeoutException($"{program} did not finish within a minute.");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
