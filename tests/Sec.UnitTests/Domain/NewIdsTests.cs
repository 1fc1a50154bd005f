using System.Globalization;
using Sec.BuildingBlocks.Domain;

namespace Sec.UnitTests.Domain;

/// <summary>New rows and events get ids whose text sorts by when they were made, so the indexes keyed by them grow at their end.</summary>
public sealed class NewIdsTests
{
    [Fact]
    public void A_new_id_leads_with_the_millisecond_it_was_made_and_later_ids_sort_after_earlier_ones()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 2_000).Select(i => i % 2 == 0 ? NewIds.Row() : NewIds.Message().ToString("D")).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        // The first 48 bits ("xxxxxxxx-xxxx") are the Unix time in milliseconds.
        var made = ids.Select(id => long.Parse(id[..8] + id[9..13], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToList();
        Assert.All(made, ms => Assert.InRange(ms, before, after));
        Assert.Equal(made.Order(), made);
        var stamps = ids.Select(id => id[..13]).ToList();
        Assert.Equal(stamps.Order(StringComparer.Ordinal), stamps);
    }
}
