using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Sec.DeploymentTests;
using Sec.Proposals.V1;

namespace Sec.SystemTests;

/// <summary>
/// The README's run command on a fresh data folder: the suite starts, the demo register is loaded on
/// the first start only, and the login it prints gives a token the suite accepts.
/// </summary>
public sealed class RunScriptTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "sec-run-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<string> _output = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task run_sh_starts_the_suite_with_the_real_register_loaded_and_a_restart_keeps_it()
    {
        await RunAsync(async channel =>
        {
            var proposals = new ProposalsService.ProposalsServiceClient(channel);
            var mp122 = (await proposals.GetProposalAsync(new GetProposalRequest { Reference = new() { Value = "MP122" } })).Proposal;
            var april = await proposals.GetChangeStatusReportAsync(new GetChangeStatusReportRequest { Month = "2020-04", PeriodEnd = "2020-03-31", AsOf = "2020-04-08" });

            Assert.Equal(("Operational Metrics", "Western Power Distribution"), (mp122.Title, mp122.Proposer.Organisation));
            Assert.StartsWith("reference,kind,accepted,target_wd,current_wd,title,link\nSECMP0007,IA,2019-07-30,40,182,", april.Csv["open-assessments.csv"].ReplaceLineEndings("\n"));
        });
        Assert.Contains(_output, l => l.StartsWith("Modifications              75 added", StringComparison.Ordinal));
        Assert.Contains(_output, l => l.Contains("sec.dll login --as \"Holly Burton\" --organisation SECAS --role secas --role reader", StringComparison.Ordinal));

        _output.Clear();
        await RunAsync(async channel =>
        {
            var again = await new ProposalsService.ProposalsServiceClient(channel).GetProposalAsync(new GetProposalRequest { Reference = new() { Value = "DP138" } });
            Assert.Equal("DCC Service Testing in ETAD", again.Proposal.Title);
        });
        Assert.DoesNotContain(_output, l => l.StartsWith("First start", StringComparison.Ordinal));
    }

    /// <summary>The login run.sh prints, as a newcomer runs it: <c>sec login</c> with the key in the data folder, into a SEC_HOME of the test's own.</summary>
    private async Task<string> LoginAsync()
    {
        var home = Path.Combine(_data, "cli-home");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Repo.File("clients", "Sec.Cli", "bin", "Release", "net10.0", "sec.dll"), "login", "--as", "Holly Burton", "--organisation", "SECAS", "--role", "secas", "--role", "reader", "--data", _data })
            info.ArgumentList.Add(arg);
        info.Environment["SEC_HOME"] = home;
        info.Environment.Remove("SEC_TOKEN");
        using var login = Process.Start(info)!;
        var output = login.StandardOutput.ReadToEndAsync();
        var error = login.StandardError.ReadToEndAsync();
        await login.WaitForExitAsync();
        Assert.True(login.ExitCode == 0, $"sec login failed: {await output}{await error}");
        Assert.StartsWith("Logged in as Holly Burton (SECAS): secas, reader", await output);
        return (await File.ReadAllTextAsync(Path.Combine(home, "token"))).Trim();
    }

    /// <summary>Starts ./run.sh on fresh ports, waits for it to say the suite is up, runs the checks, and stops it.</summary>
    private async Task RunAsync(Func<GrpcChannel, Task> checks)
    {
        int grpc = RabbitMqNode.FreePort(), http = RabbitMqNode.FreePort();
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Repo.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repo.File("run.sh"));
        info.Environment["SEC_DATA"] = _data;
        info.Environment["SEC_GRPC_PORT"] = grpc.ToString();
        info.Environment["SEC_HTTP_PORT"] = http.ToString();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var script = Process.Start(info)!;
        void Read(string? line)
        {
            if (line is null || line.StartsWith('{') && !line.Contains("listening", StringComparison.Ordinal))
                return; // the suite's JSON logs, but for where it listens
            lock (_output)
                _output.Add(line);
            if (line.StartsWith("The suite is up", StringComparison.Ordinal))
                up.TrySetResult();
        }
        script.OutputDataReceived += (_, e) => Read(e.Data);
        script.ErrorDataReceived += (_, e) => Read(e.Data);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(up.Task, script.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(5)));
            Assert.True(up.Task.IsCompleted, "run.sh did not bring the suite up:\n" + string.Join("\n", _output.TakeLast(30)));
            var token = await LoginAsync();
            // Cleartext h2c, as run.sh serves: the token rides on each call all the same.
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}", new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, headers) =>
                {
                    headers.Add("authorization", "Bearer " + token);
                    return Task.CompletedTask;
                })),
                UnsafeUseInsecureChannelCallCredentials = true,
            });
            try
            {
                await checks(channel);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"The suite from run.sh (gRPC port {grpc}) failed a check:\n{string.Join("\n", _output.TakeLast(30))}", ex);
            }
        }
        finally
        {
            if (!script.HasExited)
                script.Kill(entireProcessTree: true);
            await script.WaitForExitAsync();
        }
    }
}
