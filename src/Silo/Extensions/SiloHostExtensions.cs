using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.Grains.Hosting;
using Actors.OpenEo;
using Actors.Silo.Endpoints;
using Actors.Silo.Endpoints.OpenEo;
using Actors.Silo.Endpoints.Stac;
using Actors.Silo.Errors;
using Actors.Silo.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Actors.Silo.Extensions;

/// <summary>How a silo host is put together: grains, JSON, security, errors, endpoints.</summary>
public static class SiloHostExtensions
{
    /// <summary>The address a silo listens on when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Adds the grains and the API's services.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = DefaultUrl;
        }
        builder.AddGrains();
        builder.AddSiloSecurity();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        // A parameter that does not parse is an exception the error handler answers with a JSON 400, not an empty one.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<RequestErrorHandler>();
        builder.Services.AddOpenEoEngine();
        builder.Services.AddOptions<StacApiOptions>()
            .Bind(builder.Configuration.GetSection(StacApiOptions.Section))
            .Validate(o => o.DefaultLimit >= 1 && o.MaximumLimit >= o.DefaultLimit, "Stac:DefaultLimit must be at least 1 and at most Stac:MaximumLimit.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Maps the HTTP API: acquisitions, scenes, jobs, STAC, cluster membership and dashboard, feed subscriptions, health,
    /// each behind the role it needs.
    /// </summary>
    public static WebApplication MapSilo(this WebApplication app)
    {
        // Answers (4xx, 503) are handled by RequestErrorHandler; anything else is a fault: logged, and a 500 with a
        // readable message, and the silo keeps serving.
        app.UseExceptionHandler(errors => errors.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            return ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, error?.Message ?? "Internal error.");
        }));
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                context.RequestServices.GetRequiredService<AuditLog>().Refused(context, context.Response.StatusCode);
            await ErrorResponses.WriteMissingBodyAsync(context);
        });
        app.UseSiloSecurity();

        // Probes are anonymous: a load balancer or kubelet has no token.
        app.MapHealthEndpoints();
        // openEO's discovery is public by its specification; each of its endpoints names the role it needs.
        app.MapOpenEo();
        var readers = app.MapGroup("").RequireAuthorization(SiloPolicies.Read);
        var publishers = app.MapGroup("").RequireAuthorization(SiloPolicies.Publish);
        var administrators = app.MapGroup("").RequireAuthorization(SiloPolicies.Administer);
        publishers.MapAcquisitionEndpoints();
        readers.MapSceneEndpoints();
        readers.MapPublicationEndpoints();
        readers.MapJobEndpoints();
        readers.MapStacEndpoints();
        readers.MapSubscriptionEndpoints();
        administrators.MapClusterEndpoints();
        administrators.MapStreamEndpoints();
        return app;
    }
}
