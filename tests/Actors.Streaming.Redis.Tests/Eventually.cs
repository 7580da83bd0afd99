namespace Actors.Streaming.Redis.Tests;

/// <summary>Retries an assertion until it holds, for effects that happen on the silos' own schedule.</summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
