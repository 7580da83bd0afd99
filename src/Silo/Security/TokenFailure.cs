using Microsoft.IdentityModel.Tokens;

namespace Actors.Silo.Security;

/// <summary>Why a token was refused, in words for the caller; never the token itself or key material.</summary>
public static class TokenFailure
{
    /// <summary>A short reason for <paramref name="failure"/>.</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenNotYetValidException => "it is not valid yet.",
        SecurityTokenInvalidAudienceException => "it was issued for another audience.",
        SecurityTokenInvalidIssuerException => "it was issued by an issuer this silo does not trust.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify.",
        SecurityTokenNoExpirationException => "it has no expiry.",
        SecurityTokenMalformedException => "it is malformed.",
        SecurityTokenException => "it failed validation.",
        null => "it failed validation.",
        _ => "it could not be validated.",
    };
}
