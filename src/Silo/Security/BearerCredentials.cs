using System.Security.Cryptography;
using System.Text;
using Actors.Abstractions.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Silo.Security;

/// <summary>
/// Checks a bearer credential, an API key or a JWT, and says whom it stands for. The HTTP API's handlers and the
/// Orleans client path share it, so both apply the same keys, token rules and role mapping.
/// </summary>
public sealed class BearerCredentials(IOptions<AuthOptions> auth, IOptionsMonitor<JwtBearerOptions> jwtBearer)
{
    private readonly JsonWebTokenHandler _tokens = new() { MapInboundClaims = false };

    /// <summary>A JWT has three dot-separated parts; anything else is taken for an API key.</summary>
    public static bool LooksLikeJwt(string credential) => credential.Count(c => c == '.') == 2;

    /// <summary>The API key's principal, or null when no configured key matches (compared in constant time).</summary>
    public Caller? MatchApiKey(string credential)
    {
        var given = Encoding.UTF8.GetBytes(credential);
        Caller? match = null;
        // Every key is compared, so the time taken says nothing about which key came close.
        foreach (var key in auth.Value.ApiKeys)
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key.Key)))
                match = new Caller(key.Name, key.Roles.Distinct().ToArray());
        return match;
    }

    /// <summary>Whom <paramref name="credential"/> stands for; anonymous (with its configured roles) when there is none.</summary>
    /// <exception cref="UnauthorizedAccessException">The credential is not valid: unknown key, bad signature, expired, wrong audience.</exception>
    public async Task<Caller> AuthenticateAsync(string? credential, CancellationToken cancellationToken)
    {
        var options = auth.Value;
        if (string.IsNullOrWhiteSpace(credential)) return new Caller(Caller.AnonymousSubject, options.EffectiveAnonymousRoles);
        if (!LooksLikeJwt(credential) || !options.Jwt.Enabled)
            return MatchApiKey(credential) ?? throw new UnauthorizedAccessException("The bearer credential is not a known API key or a valid token.");

        var bearer = jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = bearer.TokenValidationParameters.Clone();
        if (bearer.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            if (parameters.ValidateIssuer && parameters.ValidIssuer is null && !string.IsNullOrEmpty(configuration.Issuer))
                parameters.ValidIssuer = configuration.Issuer;
        }
        var result = await _tokens.ValidateTokenAsync(credential, parameters);
        if (!result.IsValid)
            throw new UnauthorizedAccessException($"The token is not valid: {TokenFailure.Describe(result.Exception)}");
        try
        {
            return CallerClaims.FromToken((JsonWebToken)result.SecurityToken, options.Jwt, options.Roles);
        }
        catch (SecurityTokenException e)
        {
            throw new UnauthorizedAccessException(e.Message, e);
        }
    }
}
