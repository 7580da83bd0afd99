using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An identity provider's signing side, for real signed tokens: an RSA key whose public half is served as a JSON
/// Web Key Set on a loopback port, and a second key the silo does not know, to sign forgeries with.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>The issuer the tokens name.</summary>
    public const string Issuer = "https://idp.test/realms/eo";

    /// <summary>The audience silos expect.</summary>
    public const string Audience = "eo-actors";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly RSA _trusted = RSA.Create(2048);
    private readonly RSA _untrusted = RSA.Create(2048);
    private WebApplication? _app;

    /// <summary>Where the key set is served.</summary>
    public string JwksUrl { get; private set; } = "";

    /// <summary>Starts serving the key set.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var parameters = _trusted.ExportParameters(includePrivateParameters: false);
        var keys = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = "trusted",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
        _app.MapGet("/jwks", () => Results.Text(keys.ToJsonString(), "application/json"));
        await _app.StartAsync();
        JwksUrl = _app.Urls.Single().TrimEnd('/') + "/jwks";
    }

    /// <summary>The settings that make a silo accept this provider's tokens.</summary>
    public Dictionary<string, string> SiloSettings() => new()
    {
        ["Auth__Jwt__JwksUrl"] = JwksUrl,
        ["Auth__Jwt__Issuer"] = Issuer,
        ["Auth__Jwt__Audience"] = Audience,
        ["Auth__Jwt__RequireHttpsMetadata"] = "false",
    };

    /// <summary>A token for <paramref name="subject"/> with <paramref name="roles"/>; the other parameters make it wrong on purpose.</summary>
    public string Token(string subject, string[] roles, string audience = Audience, TimeSpan? expiresIn = null, bool forged = false)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var key = new RsaSecurityKey(forged ? _untrusted : _trusted) { KeyId = "trusted" };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _trusted.Dispose();
        _untrusted.Dispose();
    }
}
