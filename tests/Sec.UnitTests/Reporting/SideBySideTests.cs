using Sec.Proposals.Reporting;

namespace Sec.UnitTests.Reporting;

/// <summary>
/// A report starts its reads and calls side by side; when one fails, the report must not return
/// while the others still read the register (after a host's stop, they would reopen its files).
/// </summary>
public sealed class SideBySideTests
{
    [Fact]
    public async Task An_answer_that_fails_part_way_returns_only_once_every_piece_it_started_is_over()
    {
        // A read that does not stop when asked, as a SQLite query already running does not.
        var slowRead = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = AnswerAsync(_ => Task.FromException<int>(new InvalidOperationException("the first read failed")), _ => slowRead.Task);

        Assert.False(answer.IsCompleted);
        slowRead.SetResult(2);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
        Assert.Equal("the first read failed", failure.Message);
    }

    [Fact]
    public async Task An_answer_that_fails_part_way_stops_the_pieces_still_running()
    {
        var stopped = false;

        var answer = AnswerAsync(_ => Task.FromException<int>(new InvalidOperationException("a context refused")), async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            }
            catch (OperationCanceledException)
            {
                stopped = true;
                throw;
            }
        });

        // Bounded only so that a piece never asked to stop fails the test rather than hanging it.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => answer.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("a context refused", failure.Message);
        Assert.True(stopped);
    }

    [Fact]
    public async Task A_piece_that_fails_after_the_answer_has_failed_does_not_replace_its_failure()
    {
        var slowRead = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = AnswerAsync(_ => Task.FromException<int>(new InvalidOperationException("the first read failed")), _ => slowRead.Task);
        slowRead.SetException(new TimeoutException("the second read timed out"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
        Assert.Equal("the first read failed", failure.Message);
    }

    [Fact]
    public async Task An_answer_whose_pieces_all_succeed_is_their_result()
    {
        await using var started = new SideBySide(CancellationToken.None);
        var first = started.Run(_ => Task.FromResult(1));
        var second = started.Start(Task.FromResult(2));

        Assert.Equal(3, await first + await second);
    }

    [Fact]
    public async Task A_read_not_yet_begun_when_the_caller_gives_up_is_not_begun()
    {
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();
        var begun = false;

        await using (var started = new SideBySide(gaveUp.Token))
        {
            var read = started.Run(_ => { begun = true; return Task.FromResult(1); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        }

        Assert.False(begun);
    }

    private static async Task<int> AnswerAsync(Func<CancellationToken, Task<int>> first, Func<CancellationToken, Task<int>> second)
    {
        await using var started = new SideBySide(CancellationToken.None);
        var a = started.Start(first(started.Token));
        var b = started.Start(second(started.Token));
        return await a + await b;
    }
}
