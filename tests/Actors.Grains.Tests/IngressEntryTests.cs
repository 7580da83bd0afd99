using Actors.Abstractions.Acquisitions;
using Actors.Grains.Acquisitions;

namespace Actors.Grains.Tests;

/// <summary>How an outside producer's <c>XADD acquisitions * item … [aoi …] [products …] [job …]</c> entry is read.</summary>
public sealed class IngressEntryTests
{
    private static KeyValuePair<string, string>[] Fields(params string[] pairs) =>
        pairs.Chunk(2).Select(p => KeyValuePair.Create(p[0], p[1])).ToArray();

    [Fact]
    public void An_href_entry_with_every_field_becomes_a_submission()
    {
        var submission = IngressEntry.Parse(Fields("item", " /data/item.json ", "aoi", "13.5, 53.2,13.56,53.23", "products", "water-bodies, ndvi", "job", "j1"));
        Assert.Equal("/data/item.json", submission.ItemHref);
        Assert.Null(submission.ItemJson);
        Assert.Equal([13.5, 53.2, 13.56, 53.23], submission.Aoi!);
        Assert.Equal(["water-bodies", "ndvi"], submission.Products!);
        Assert.Equal("j1", submission.JobId);
    }

    [Fact]
    public void An_item_starting_with_a_brace_is_the_item_itself()
    {
        var submission = IngressEntry.Parse(Fields("item", "  {\"type\": \"Feature\"}"));
        Assert.Equal("  {\"type\": \"Feature\"}", submission.ItemJson);
        Assert.Null(submission.ItemHref);
        Assert.Null(submission.Products);
    }

    [Theory]
    [InlineData("no 'item' field", "aoi", "1,2,3,4")]
    [InlineData("no 'item' field", "item", "  ")]
    [InlineData("Unknown field 'itme'", "itme", "/x.json")]
    [InlineData("Invalid 'aoi' 'a,b,c,d'", "item", "/x.json", "aoi", "a,b,c,d")]
    [InlineData("Field 'item' is given twice", "item", "/x.json", "item", "/y.json")]
    public void A_malformed_entry_is_rejected_with_the_reason(string reason, params string[] pairs)
    {
        var e = Assert.Throws<AcquisitionRejectedException>(() => IngressEntry.Parse(Fields(pairs)));
        Assert.Contains(reason, e.Message);
    }
}
