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
        var slowRead = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = AnswerAsync(Task.FromException<int>(new InvalidOperationException("the first read failed")), slowRead.Task);

        Assert.False(answer.IsCompleted);
        slowRead.SetResult(2);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
        Assert.Equal("the first read failed", failure.Message);
    }

    [Fact]
    public async Task A_piece_that_fails_after_the_answer_has_failed_does_not_replace_its_failure()
    {
        var slowRead = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = AnswerAsync(Task.FromException<int>(new InvalidOperationException("the first read failed")), slowRead.Task);
        slowRead.SetException(new TimeoutException("the second read timed out"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
        Assert.Equal("the first read failed", failure.Message);
    }

    [Fact]
    public async Task An_answer_whose_pieces_all_succeed_is_their_result()
    {
        await using var started = new SideBySide();
        var first = started.Run(() => Task.FromResult(1), CancellationToken.None);
        var second = started.Start(Task.FromResult(2));

        Assert.Equal(3, await first + await second);
    }

    [Fact]
    public async Task A_read_not_yet_begun_when_the_caller_gives_up_is_not_begun()
    {
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();
        var begun = false;

        await using (var started = new SideBySide())
        {
            var read = started.Run(() => { begun = true; return Task.FromResult(1); }, gaveUp.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        }

        Assert.False(begun);
    }

    private static async Task<int> AnswerAsync(Task<int> first, Task<int> second)
    {
        await using var started = new SideBySide();
        var a = started.Start(first);
        var b = started.Start(second);
        return await a + await b;
    }
}
