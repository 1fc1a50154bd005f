using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Sec.Identity;
using Sec.Proposals.V1;
using Xunit.Abstractions;

namespace Sec.SystemTests;

/// <summary>
/// The suite under faults, on real processes and a real broker: a stream of writes through the
/// gateway to two Proposals replicas while one replica is killed, the broker is stopped past the
/// readiness grace and a consumer is killed and restarted. The client retries every ambiguous failure
/// with its idempotency key. Nothing acknowledged may be lost, nothing may happen twice, readiness
/// must go to 503 and back, and every outbox row must go out. The figures are written to the test output.
/// </summary>
public sealed class FaultTests(FaultProcesses suite, ITestOutputHelper output) : IClassFixture<FaultProcesses>
{
    private const int Writes = 150;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<StatusCode, int> _failures = new();
    // The broker stays out until writes have been acknowledged during the outage, so rows must wait in
    // the outbox and go out after its return, however fast or slow this machine is.
    private readonly TaskCompletionSource _brokerOut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _writtenDuringOutage = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Writes_survive_a_killed_replica_a_broker_outage_and_a_consumer_restart_once_each()
    {
        var proposals = new ProposalsService.ProposalsServiceClient(suite.Gateway(SecRoles.Secas));
        var run = Guid.NewGuid().ToString("N")[..6];
        var acknowledged = new List<string>();
        Task? outage = null, consumerRestart = null, rotation = null;
        var figures = new Figures();

        for (var i = 1; i <= Writes; i++)
        {
            if (i == 30)
            {
                figures.ReplicaKilledAt = _clock.Elapsed;
                await suite.KillAsync("proposals-1");
                rotation = WaitForLogAsync("gateway", l => l.Contains("proposals-1", StringComparison.Ordinal) && l.Contains("Unhealthy", StringComparison.Ordinal),
                    at => figures.ReplicaLeftRotationAt = at);
            }
            if (i == 60)
                outage = BrokerOutageAsync(figures);
            if (i == 90)
            {
                await Task.WhenAny(_brokerOut.Task, outage!);
                if (outage!.IsFaulted)
                    await outage;
            }
            if (i == 100)
                _writtenDuringOutage.TrySetResult();
            if (i == 110)
                consumerRestart = Task.Run(async () =>
                {
                    await suite.KillAsync("releases");
                    await suite.RestartAsync("releases");
                });
            acknowledged.Add(await WriteAsync(proposals, $"fault-{run}-{i:000}", $"Fault write {run} {i:000}"));
            await Task.Delay(50);
        }
        await Task.WhenAll(outage!, consumerRestart!);
        figures.WritesDoneAt = _clock.Elapsed;

        // Every acknowledged write, and its effects in the three other contexts, once; every outbox row sent.
        var settle = Stopwatch.StartNew();
        await UntilAsync(async () => await UnsentAsync() == 0 && (await MissingAsync(acknowledged)).Count == 0, TimeSpan.FromSeconds(120),
            async () => $"unsent {await UnsentAsync()}, missing {string.Join(", ", (await MissingAsync(acknowledged)).Take(10))}");
        figures.SettledAfterWrites = settle.Elapsed;

        var titles = await QueryAsync<string>("proposals", $"SELECT Title FROM proposals.Proposal WHERE Title LIKE 'Fault write {run} %'");
        figures.Report(output, acknowledged.Count, titles.Count, _failures);
        Assert.Equal(Writes, acknowledged.Distinct().Count());
        Assert.Equal(Writes, titles.Count);
        Assert.Equal(Writes, titles.Distinct().Count());
        foreach (var schema in new[] { "assessments", "changeboard", "releases" })
            Assert.Equal(acknowledged.Order(), (await QueryAsync<string>(schema, $"SELECT Reference FROM {schema}.KnownModification")).Intersect(acknowledged).Order());
        Assert.True(figures.NotReadyAt is not null, "readiness never answered 503 while the broker was out of reach");
        Assert.True(figures.ReadyAgainAt is not null, "readiness never came back after the broker did");
        Assert.Contains("longer than the grace", figures.NotReadyBody);
        Assert.True(figures.ReplicaLeftRotationAt is not null, "the gateway never took the killed replica out of its rotation");
        await rotation!;
    }

    /// <summary>One write, retried with its key after any failure that leaves its outcome unknown.</summary>
    private async Task<string> WriteAsync(ProposalsService.ProposalsServiceClient proposals, string key, string title)
    {
        var request = new RaiseDraftProposalRequest
        {
            Title = title, ProblemStatement = "Written during the fault test.",
            Proposer = new Proposer { Name = "Gemma Slaney", Organisation = "Western Power Distribution" },
            RaisedOn = new Google.Type.Date { Year = 2020, Month = 3, Day = 10 },
        };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                var raised = await proposals.RaiseDraftProposalAsync(request, new Metadata { { "idempotency-key", key } },
                    deadline: DateTime.UtcNow.AddSeconds(10));
                return raised.Proposal.Reference.Value;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.DeadlineExceeded
                                              or StatusCode.Internal or StatusCode.Unknown && DateTime.UtcNow < deadline)
            {
                _failures.AddOrUpdate(ex.StatusCode, 1, (_, n) => n + 1);
                output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1}s {key}: {ex.StatusCode} {ex.Status.Detail}; retrying with the same key");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Stops the broker past the readiness grace, watching a Proposals replica go not ready and come back.</summary>
    private async Task BrokerOutageAsync(Figures figures)
    {
        figures.BrokerStoppedAt = _clock.Elapsed;
        // Watch readiness from before the stop: stop_app takes a while, and the outage begins when it drops the connections.
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                try
                {
                    var (status, body) = await suite.ReadinessAsync("proposals-2");
                    if (body.Contains("out of reach", StringComparison.Ordinal))
                        figures.OutageNoticedAt ??= _clock.Elapsed;
                    if (status == 503 && figures.NotReadyAt is null)
                    {
                        figures.NotReadyAt = _clock.Elapsed;
                        figures.NotReadyBody = body;
                    }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(250);
            }
        });
        await suite.Rabbit.StopBrokerAsync();
        figures.BrokerStopReturnedAt = _clock.Elapsed;
        await UntilAsync(() => Task.FromResult(figures.NotReadyAt is not null), TimeSpan.FromSeconds(60), () => Task.FromResult("proposals-2 to answer 503"));
        await watching.CancelAsync();
        await watch;
        _brokerOut.TrySetResult();
        await _writtenDuringOutage.Task;
        await Task.Delay(TimeSpan.FromSeconds(3));
        figures.UnsentAtReturn = (await QueryAsync<long>("proposals", "SELECT COUNT(*) FROM proposals.OutboxMessage WHERE SentAt IS NULL")).Single();
        Assert.True(figures.UnsentAtReturn > 0, "no Proposals outbox row waited for the broker: the writes during the outage were all published");
        figures.BrokerBackAt = _clock.Elapsed;
        var backAt = DateTimeOffset.UtcNow;
        await suite.Rabbit.StartBrokerAsync();
        await UntilAsync(async () => (await suite.ReadinessAsync("proposals-2")).Status == 200, TimeSpan.FromSeconds(90),
            () => Task.FromResult("proposals-2 to be ready again"));
        figures.ReadyAgainAt = _clock.Elapsed;
        await UntilAsync(async () => (await FirstSentSinceAsync(backAt)) is not null, TimeSpan.FromSeconds(90), () => Task.FromResult("a row to be sent after the broker's return"));
        figures.PublishResumedAfter = await FirstSentSinceAsync(backAt) - backAt;
    }

    private async Task<DateTimeOffset?> FirstSentSinceAsync(DateTimeOffset since) =>
        (await QueryAsync<string>("proposals", "SELECT SentAt FROM proposals.OutboxMessage WHERE SentAt IS NOT NULL"))
        .Select(s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Where(s => s > since).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    private async Task<long> UnsentAsync()
    {
        long unsent = 0;
        foreach (var schema in new[] { "proposals", "assessments", "changeboard", "releases" })
            unsent += (await QueryAsync<long>(schema, $"SELECT COUNT(*) FROM {schema}.OutboxMessage WHERE SentAt IS NULL")).Single();
        return unsent;
    }

    private async Task<List<string>> MissingAsync(IReadOnlyCollection<string> references)
    {
        var missing = new List<string>();
        foreach (var schema in new[] { "assessments", "changeboard", "releases" })
        {
            var known = (await QueryAsync<string>(schema, $"SELECT Reference FROM {schema}.KnownModification")).ToHashSet();
            missing.AddRange(references.Where(r => !known.Contains(r)).Select(r => $"{schema}:{r}"));
        }
        return missing;
    }

    private async Task<List<T>> QueryAsync<T>(string schema, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        await connection.OpenAsync();
        await connection.ExecuteAsync($"ATTACH DATABASE @file AS {schema}; PRAGMA busy_timeout = 10000;", new { file = suite.Database(schema) });
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private async Task WaitForLogAsync(string process, Func<string, bool> match, Action<TimeSpan> seen)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (ReadAll(suite.LogFile(process)).Split('\n').Any(match))
            {
                seen(_clock.Elapsed);
                return;
            }
            await Task.Delay(100);
        }
    }

    private static string ReadAll(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            catch (SqliteException) { }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting: {await what()}\n{suite.Logs()}");
            await Task.Delay(250);
        }
    }

    private sealed class Figures
    {
        public TimeSpan ReplicaKilledAt, BrokerStoppedAt, BrokerBackAt, WritesDoneAt, SettledAfterWrites;
        public long UnsentAtReturn;
        public TimeSpan? ReplicaLeftRotationAt, NotReadyAt, ReadyAgainAt, PublishResumedAfter, BrokerStopReturnedAt, OutageNoticedAt;
        public string NotReadyBody = "";

        public void Report(ITestOutputHelper output, int acknowledged, int stored, IReadOnlyDictionary<StatusCode, int> failures)
        {
            output.WriteLine($"writes acknowledged {acknowledged}, proposals stored {stored}, client retries {failures.Values.Sum()} ({string.Join(", ", failures.Select(f => $"{f.Key} {f.Value}"))})");
            output.WriteLine($"killed replica left the gateway's rotation after {(ReplicaLeftRotationAt - ReplicaKilledAt)?.TotalSeconds:F1} s");
            output.WriteLine($"rabbitmqctl stop_app took {(BrokerStopReturnedAt - BrokerStoppedAt)?.TotalSeconds:F1} s; proposals-2's readiness named the outage {(OutageNoticedAt - BrokerStoppedAt)?.TotalSeconds:F1} s after the stop began");
            output.WriteLine($"readiness 503 {(NotReadyAt - OutageNoticedAt)?.TotalSeconds:F1} s after the service lost the broker (grace {FaultProcesses.ReadyGrace.TotalSeconds:F0} s): {NotReadyBody.Replace('\n', ' ')}");
            output.WriteLine($"ready again {(ReadyAgainAt - BrokerBackAt)?.TotalSeconds:F1} s after the broker's return, with {UnsentAtReturn} Proposals rows waiting; publishing resumed after {PublishResumedAfter?.TotalSeconds:F1} s");
            output.WriteLine($"all effects settled and every outbox row sent {SettledAfterWrites.TotalSeconds:F1} s after the last write");
        }
    }
}
