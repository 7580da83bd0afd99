using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.Grains.Execution;
using Actors.Grains.Hosting;
using Actors.Silo.Endpoints;
using Actors.Silo.Endpoints.Stac;
using Microsoft.AspNetCore.Diagnostics;

namespace Actors.Silo.Extensions;

/// <summary>How a silo host is put together: grains, JSON, errors, endpoints.</summary>
public static class SiloHostExtensions
{
    /// <summary>The address a silo listens on when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Adds the grains and the API's services.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddGrains();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<StacApiOptions>()
            .Bind(builder.Configuration.GetSection(StacApiOptions.Section))
            .Validate(o => !o.Transactions.Enabled || !string.IsNullOrWhiteSpace(o.Transactions.ApiKey),
                "Stac:Transactions:Enabled needs Stac:Transactions:ApiKey: writes are only ever authenticated.")
            .Validate(o => o.DefaultLimit >= 1 && o.MaximumLimit >= o.DefaultLimit, "Stac:DefaultLimit must be at least 1 and at most Stac:MaximumLimit.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Maps the HTTP API: acquisitions, scenes, jobs, STAC, cluster membership and dashboard, feed subscriptions, health.</summary>
    public static WebApplication MapSilo(this WebApplication app)
    {
        // Any unexpected error becomes a readable message; the silo keeps serving. A service that is down
        // (database restarting, object store unreachable) is a 503 the caller can retry, not a 500.
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is not null && TransientFailures.Is(error))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                await context.Response.WriteAsJsonAsync(new ApiError($"A service the silo needs is unavailable, retry shortly: {error.Message}"));
                return;
            }
            context.Response.StatusCode = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ApiError(error?.Message ?? "Internal error."));
        }));
        app.MapHealthEndpoints();
        app.MapAcquisitionEndpoints();
        app.MapSceneEndpoints();
        app.MapPublicationEndpoints();
        app.MapJobEndpoints();
        app.MapStacEndpoints();
        app.MapClusterEndpoints();
        app.MapStreamEndpoints();
        app.MapSubscriptionEndpoints();
        return app;
    }
}
