using System.IO.Pipelines;

namespace Sec.ServiceDefaults;

/// <summary>Request bodies read whole into memory, by a host that must look at one (or keep it) before passing it on.</summary>
public static class RequestBodies
{
    /// <summary>
    /// The rest of a body, from a read already made, in memory and positioned at its start. Each
    /// piece is consumed as it comes, so HTTP/2 flow control lets the rest arrive; Kestrel's body
    /// limit still holds (it throws <c>BadHttpRequestException</c> 413 past it).
    /// </summary>
    public static async Task<MemoryStream> DrainAsync(PipeReader reader, ReadResult read, CancellationToken ct)
    {
        var copy = new MemoryStream();
        while (true)
        {
            foreach (var segment in read.Buffer)
                copy.Write(segment.Span);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                break;
            read = await reader.ReadAsync(ct);
        }
        copy.Position = 0;
        return copy;
    }
}
