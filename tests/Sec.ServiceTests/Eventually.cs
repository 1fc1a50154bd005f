namespace Sec.ServiceTests;

/// <summary>Waits for an eventually consistent read (an event crossing contexts), up to a deadline, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await read();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the harness has seen a matching message published. The outbox relay publishes
    /// after the commit, so on a busy machine it can come later than the harness's own wait.
    /// </summary>
    public static async Task PublishedAsync<T>(ITestHarness harness, Func<IPublishedMessage<T>, bool> match, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await harness.Published.Any<T>(m => match(m)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {typeof(T).Name} matching the test was published.");
        }
    }
}
