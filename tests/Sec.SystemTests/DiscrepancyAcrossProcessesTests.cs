using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Sec.DeploymentTests;
using Sec.ChangeBoard.V1;
using Sec.Common.V1;
using Sec.Identity;
using Sec.Proposals.V1;
using DecisionPath = Sec.Proposals.V1.DecisionPath;

namespace Sec.SystemTests;

/// <summary>
/// An event the register cannot apply, across real processes and RabbitMQ: the Change Board's
/// recommendation arrives while the register has the modification in its withdrawal period. It is
/// kept as a discrepancy, shown by `sec discrepancies` and in the register's readiness, and gone
/// once an adoption lets a retry apply it.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DiscrepancyAcrossProcessesTests(SuiteProcesses suite)
{
    private static Google.Type.Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    private static ModificationReference Ref(string value) => new() { Value = value };

    [Fact]
    public async Task A_recommendation_the_register_refuses_shows_in_sec_discrepancies_and_readiness_and_is_gone_after_a_retry()
    {
        var secasToken = suite.Token("Holly Burton", "SECAS", SecRoles.Secas, SecRoles.Panel, SecRoles.Operator);
        var gateway = SuiteProcesses.Channel(suite.GatewayGrpcPort, secasToken);
        var proposals = new ProposalsService.ProposalsServiceClient(gateway);
        var board = new ChangeBoardService.ChangeBoardServiceClient(gateway);

        var raised = (await proposals.RaiseDraftProposalAsync(new RaiseDraftProposalRequest
        {
            Title = "Reporting of failed firmware updates", ProblemStatement = "Suppliers cannot see which firmware updates failed.", RaisedOn = D(2026, 11, 2),
            Proposer = new Proposer { Name = "Gemma Slaney", Organisation = "Western Power Distribution" },
        })).Proposal.Reference;
        await proposals.RecordCscDecisionAsync(new RecordCscDecisionRequest { Reference = raised, EffectiveOn = D(2026, 11, 5), Outcome = CscOutcome.ReadyForConversion, Reason = "Ready" });
        var mp = (await proposals.ConvertToModificationProposalAsync(new ConvertToModificationProposalRequest
        {
            Reference = raised, EffectiveOn = D(2026, 11, 13), Route = ConversionRoute.ReportPhase, Path = DecisionPath.AuthorityDetermination, Reason = "Clear solution",
        })).Proposal.Reference;
        await proposals.IssueModificationReportAsync(new IssueModificationReportRequest { Reference = mp, EffectiveOn = D(2026, 11, 16), Reason = "Consultation" });
        await proposals.SubmitForDecisionAsync(new SubmitForDecisionRequest { Reference = mp, EffectiveOn = D(2026, 11, 25), Reason = "Final Modification Report" });

        var meeting = (await board.ScheduleMeetingAsync(new ScheduleMeetingRequest { MeetingOn = D(2026, 11, 25) })).MeetingId;
        // The Change Board hears of the submission through RabbitMQ; until then it refuses the vote.
        var item = await UntilAsync(async () => (await board.AddAgendaItemAsync(new AddAgendaItemRequest
        {
            MeetingId = meeting, Reference = mp, Kind = AgendaItemKind.ModificationVote,
        })).Item, "the Change Board to hear the submission");

        // The proposer withdraws the same day; the Change Board closes its vote, unaware.
        await proposals.WithdrawAsync(new WithdrawRequest { Reference = mp, EffectiveOn = D(2026, 11, 25), Reason = "No longer needed" });
        await board.CloseVoteAsync(new CloseVoteRequest { ItemId = item.ItemId });

        var shown = await UntilAsync(async () =>
        {
            var (exit, output) = await SecAsync(secasToken, "discrepancies");
            return exit == 0 && output.Contains($"proposals #", StringComparison.Ordinal) ? output : throw new InvalidOperationException(output);
        }, "the register to keep the refused recommendation");
        Assert.Contains($"ModificationRecommended {mp.Value} (25 Nov 2026)", shown);
        Assert.Contains("Withdrawal period", shown);
        var ready = await ReadinessAsync("proposals");
        Assert.Contains("Degraded", ready);

        // Another party adopts it; the retry now applies the recommendation.
        await proposals.AdoptAsync(new AdoptRequest { Reference = mp, EffectiveOn = D(2026, 11, 25), Adopter = new Proposer { Name = "Paul Saker", Organisation = "EDF Energy" } });
        var id = (await proposals.ListDiscrepanciesAsync(new ListDiscrepanciesRequest())).Discrepancies.Single(d => d.Reference.Value == mp.Value).Id;
        var (retryExit, retried) = await SecAsync(secasToken, "discrepancies", "retry", "proposals", id.ToString());
        Assert.True(retryExit == 0, retried);
        Assert.StartsWith("Applied:", retried);

        Assert.Equal("Awaiting Authority Decision", (await proposals.GetProposalAsync(new GetProposalRequest { Reference = mp })).Proposal.Status);
        Assert.DoesNotContain(mp.Value, (await SecAsync(secasToken, "discrepancies")).Output);
        Assert.DoesNotContain("Degraded", await ReadinessAsync("proposals"));
    }

    private async Task<string> ReadinessAsync(string service)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{suite.ServiceHttpPort(service)}") };
        return await http.GetStringAsync("/health/ready");
    }

    /// <summary>The `sec` CLI as a process, at the gateway, with <paramref name="token"/>.</summary>
    private async Task<(int Exit, string Output)> SecAsync(string token, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repo.File("clients", "Sec.Cli", "bin", "Release", "net10.0", "sec.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["SEC_TOKEN"] = token;
        info.Environment["SEC_GATEWAY"] = $"http://127.0.0.1:{suite.GatewayGrpcPort}";
        info.Environment["SEC_HOME"] = Path.Combine(Path.GetTempPath(), "sec-home-" + Guid.NewGuid().ToString("N")[..8]);
        using var sec = Process.Start(info)!;
        var output = sec.StandardOutput.ReadToEndAsync();
        var error = sec.StandardError.ReadToEndAsync();
        await sec.WaitForExitAsync();
        return (sec.ExitCode, await output + await error);
    }

    private async Task<T> UntilAsync<T>(Func<Task<T>> attempt, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (ex is RpcException { StatusCode: StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.NotFound } or InvalidOperationException
                                       && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (Exception ex) when (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out waiting for {what}: {ex.Message}\n{suite.Logs()}");
                throw;
            }
        }
    }
}
