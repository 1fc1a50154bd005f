using FsCheck;
using FsCheck.Fluent;
using Sec.BuildingBlocks.Domain;

namespace Sec.ServiceTests.Hardening.Properties;

/// <summary>
/// The property every context's bad requests share: a refusal a client can act on, naming the
/// field when the input is at fault, short, and with no row written anywhere.
/// </summary>
public abstract class BadRequestProperty : SuiteTests
{
    /// <summary>A few days before the suite's today, for the dates a valid request carries.</summary>
    protected static readonly Google.Type.Date Today = D(2026, 11, 20);

    /// <summary>How many bad requests each context gets.</summary>
    protected const int Requests = 1_000;

    /// <summary>
    /// Set to FsCheck's "(seed,gamma)" from a failure to send the same requests again, or to its
    /// "(seed,gamma,size)" to start at the failing request.
    /// </summary>
    public const string ReplayVariable = "SEC_PROPERTY_REPLAY";

    private static readonly StatusCode[] Actionable =
    [
        StatusCode.InvalidArgument, StatusCode.FailedPrecondition, StatusCode.NotFound,
        StatusCode.AlreadyExists, StatusCode.Aborted, StatusCode.PermissionDenied,
    ];

    /// <summary>Sends <see cref="Requests"/> bad requests drawn from <paramref name="rpcs"/> and checks each answer and the row counts after it.</summary>
    protected async Task EveryBadRequestIsRefusedAsync(params IEnumerable<Gen<BadRequest>>[] rpcs)
    {
        await Suite.SettledAsync();
        var rows = await Suite.EveryRowCountAsync();
        var requests = Gen.OneOf(rpcs.SelectMany(r => r));
        var config = Config.QuickThrowOnFailure.WithMaxTest(Requests).WithQuietOnSuccess(true);
        if (Replay(Environment.GetEnvironmentVariable(ReplayVariable)) is { } replay)
            config = config.WithReplay(replay);

        void Refused(BadRequest bad)
        {
            var problems = new List<string>();
            try
            {
                bad.Send(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))).GetAwaiter().GetResult();
                problems.Add("accepted");
            }
            catch (RpcException refused)
            {
                if (!Actionable.Contains(refused.StatusCode))
                    problems.Add($"answered {refused.StatusCode}: {FieldChecks.Excerpt(refused.Status.Detail, 300)}");
                if (refused.StatusCode == StatusCode.InvalidArgument && refused.ViolatedFields().Count == 0)
                    problems.Add($"INVALID_ARGUMENT names no field: {FieldChecks.Excerpt(refused.Status.Detail, 300)}");
                if (refused.Status.Detail.Length > 2_000)
                    problems.Add($"the message has {refused.Status.Detail.Length:N0} characters");
            }
            var after = Suite.EveryRowCountAsync().GetAwaiter().GetResult();
            if (after != rows)
            {
                // Later requests are judged against what is there now, so each failure points at its own request.
                problems.Add("rows changed: " + string.Join(", ", Changed(rows, after)));
                rows = after;
            }
            if (problems.Count > 0)
                throw new Exception(string.Join("; ", problems));
        }

        // FsCheck runs the property synchronously; off the test's context, blocking on the calls cannot deadlock.
        var failure = await Task.Run(() =>
        {
            try
            {
                Check.One(config, Prop.ForAll(requests.ToArbitrary(), (Action<BadRequest>)Refused));
                return null;
            }
            catch (Exception e)
            {
                return e.Message;
            }
        });
        if (failure is null)
        {
            // What a refused request set going (an event, a timer) would write later shows once the bus is quiet.
            await Suite.SettledAsync();
            var settled = await Suite.EveryRowCountAsync();
            if (settled != rows)
                failure = "after the run, rows changed: " + string.Join(", ", Changed(rows, settled));
        }
        Assert.True(failure is null, $"{failure}\nReplay: {ReplayVariable}=\"<a (seed,gamma) above>\" dotnet test --filter FullyQualifiedName~{GetType().Name}");
    }

    private static IEnumerable<string> Changed(string before, string after)
    {
        var was = before.Split('\n').ToHashSet();
        return after.Split('\n').Where(line => !was.Contains(line));
    }

    /// <summary>FsCheck's "(seed,gamma)" or "(seed,gamma,size)" as it prints them on failure, or null.</summary>
    private static Replay? Replay(string? text)
    {
        var parts = text?.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 or 3 } || !ulong.TryParse(parts[0], out var seed) || !ulong.TryParse(parts[1], out var gamma))
            return null;
        var size = parts.Length == 3 && int.TryParse(parts[2], out var s) ? Microsoft.FSharp.Core.FSharpOption<int>.Some(s) : Microsoft.FSharp.Core.FSharpOption<int>.None;
        return new Replay(new Rnd(seed, gamma), size);
    }
}
