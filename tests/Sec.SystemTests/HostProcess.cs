using System.Diagnostics;

namespace Sec.SystemTests;

/// <summary>A suite host (a service or the gateway) run from its build output as a process of its own, its output kept in a log file.</summary>
internal static class HostProcess
{
    public static Process Start(string project, IReadOnlyDictionary<string, string> env, string logFile)
    {
        var output = SuiteProcesses.OutputDirectory(project);
        var dll = Path.Combine(output, Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing; build the solution first.");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = output,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(output);
        foreach (var (k, v) in env)
            info.Environment[k] = v;
        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits up to 90 s for the host's readiness on its HTTP/1 port; throws with <paramref name="logs"/> if it exits or never answers.</summary>
    public static async Task WaitReadyAsync(string name, int httpPort, Process process, Func<string> logs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"{name} did not become ready.\n{logs()}");
    }
}
