namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Like <see cref="SiloFixture"/>, for feed tests whose stub STAC APIs listen on loopback: the silo's href policy
/// opens <c>127.0.0.1</c> (<c>Hrefs__AllowedPrivateNetworks__0</c>), which it refuses by default.
/// </summary>
public sealed class LoopbackSourcesSiloFixture() : SiloFixture("silo-feeds", new Dictionary<string, string>
{
    ["Hrefs__AllowedPrivateNetworks__0"] = "127.0.0.1/32",
});
