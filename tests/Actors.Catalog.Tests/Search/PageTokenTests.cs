using System.Text.Json.Nodes;
using Actors.Catalog.Search;

namespace Actors.Catalog.Tests.Search;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_round_trips_its_direction_and_key()
    {
        var token = new PageToken(true, [JsonValue.Create(1704067200000L), null, JsonValue.Create("grid"), JsonValue.Create("g-0001")]);
        var read = PageToken.Decode(token.Encode());
        Assert.True(read.Backward);
        Assert.Equal(token.Key.Select(k => k?.ToJsonString()), read.Key.Select(k => k?.ToJsonString()));
        Assert.DoesNotContain('+', token.Encode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("eyJkIjoieCIsImsiOltdfQ")] // {"d":"x","k":[]}: an unknown direction
    public void Anything_else_is_refused_as_not_a_token_of_this_api(string text) =>
        Assert.Contains("next", Assert.Throws<CatalogRequestException>(() => PageToken.Decode(text)).Message);
}
