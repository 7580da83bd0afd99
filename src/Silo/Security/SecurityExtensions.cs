using System.Net;
using System.Threading.RateLimiting;
using Actors.Abstractions.Security;
using Actors.Grains.Configuration;
using Actors.Silo.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Silo.Security;

/// <summary>Authentication, authorization, limits and audit of the silo's HTTP API and Orleans client path.</summary>
public static class SecurityExtensions
{
    /// <summary>
    /// Adds the schemes (JWT bearer, API keys, anonymous), the role policies, the per-principal rate limiter, the
    /// request body limit, the audit log and the Orleans client filter; refuses a configuration that would expose an
    /// open silo on a network.
    /// </summary>
    public static WebApplicationBuilder AddSiloSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.Services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => !o.Jwt.Enabled || !string.IsNullOrWhiteSpace(o.Jwt.Audience), "Auth:Jwt needs Auth:Jwt:Audience: tokens minted for other services must be refused.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Jwt.JwksUrl) || !string.IsNullOrWhiteSpace(o.Jwt.Issuer),
                "Auth:Jwt:JwksUrl needs Auth:Jwt:Issuer: without discovery nothing else says which issuer's tokens to accept.")
            .Validate(o => o.ApiKeys.All(k => !string.IsNullOrWhiteSpace(k.Name) && k.Key.Length >= 16 && k.Roles.All(Roles.All.Contains)),
                $"Each Auth:ApiKeys entry needs a Name, a Key of at least 16 characters and Roles among {string.Join(", ", Roles.All)}.")
            .Validate(o => (o.AnonymousRoles ?? []).All(Roles.All.Contains), $"Auth:AnonymousRoles must be among {string.Join(", ", Roles.All)}.")
            .ValidateOnStart();
        builder.Services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.RequestsPerSecond > 0 && o.Burst > 0, "Limits:MaxRequestBodyBytes, RequestsPerSecond and Burst must be positive.")
            .Validate(o => o.TrustedProxies.All(p => IPNetwork.TryParse(p, out _)), "Limits:TrustedProxies entries must be CIDR networks such as 10.0.0.0/8 or 127.0.0.1/32.")
            .ValidateOnStart();
        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        NetworkExposure.Check(configuration[WebHostDefaults.ServerUrlsKey] ?? "", cluster.AdvertisedAddress, auth);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.AddSingleton<BearerCredentials>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IIncomingGrainCallFilter, ClientCallAuthorization>();

        var schemes = builder.Services.AddAuthentication(SiloSchemes.Selector)
            .AddPolicyScheme(SiloSchemes.Selector, "By credential", o => o.ForwardDefaultSelector = context => SiloSchemes.For(context, auth))
            .AddScheme<AuthenticationSchemeOptions, AnonymousAuthenticationHandler>(SiloSchemes.Anonymous, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SiloSchemes.ApiKey, null);
        if (auth.Jwt.Enabled) schemes.AddJwtBearer(o => ConfigureJwt(o, auth));
        builder.Services.AddAuthorization(SiloPolicies.Add);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, CredentialsFirstResultHandler>();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                PartitionOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter =
                    rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1";
                return new ValueTask(ErrorResponses.WriteMissingBodyAsync(rejected.HttpContext));
            };
        });
        return builder;
    }

    /// <summary>Authentication, then the rate limiter (which partitions by the authenticated principal), then authorization.</summary>
    public static WebApplication UseSiloSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    // Health probes are never limited; a user is limited as a user wherever they connect from; anonymous clients by address.
    private static string PartitionOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health")) return "";
        var caller = context.User.ToCaller();
        return caller.Subject == Caller.AnonymousSubject
            ? "address:" + context.Connection.RemoteIpAddress
            : "subject:" + caller.Subject;
    }

    private static void ConfigureJwt(JwtBearerOptions options, AuthOptions auth)
    {
        var jwt = auth.Jwt;
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(jwt.JwksUrl))
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                jwt.JwksUrl, new JwksConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = jwt.RequireHttpsMetadata });
        else
            options.Authority = jwt.Authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            // With discovery the issuer comes from the provider's document; with a bare key set from Auth:Jwt:Issuer.
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = CallerClaims.SubjectType,
        };
        options.Events = new JwtBearerEvents
        {
            // The same credential the selector saw: openEO's "oidc/PROVIDER/" prefix dropped.
            OnMessageReceived = context =>
            {
                context.Token = SiloSchemes.BearerOf(context.Request);
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                try
                {
                    var caller = CallerClaims.FromToken((JsonWebToken)context.SecurityToken, jwt, auth.Roles);
                    context.Principal = CallerClaims.ToPrincipal(caller, JwtBearerDefaults.AuthenticationScheme);
                }
                catch (SecurityTokenException e)
                {
                    context.Fail(e);
                }
                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HttpContext.Items[ErrorResponses.ReasonKey] = context.AuthenticateFailure is { } failure
                    ? $"The token is not valid: {TokenFailure.Describe(failure)}"
                    : null;
                return Task.CompletedTask;
            },
        };
    }
}
