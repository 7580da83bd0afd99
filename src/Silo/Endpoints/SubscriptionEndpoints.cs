using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints;

/// <summary>
/// <c>/api/subscriptions</c>: create (201, or 200 when the same definition exists; 400 invalid; 409 the id exists with
/// another definition or belongs to another user), list, show, pause, resume and delete feed subscriptions through
/// their grains. Readers see their own subscriptions (administrators every one); changing them needs the publisher role.
/// </summary>
public static class SubscriptionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/subscriptions", async (HttpContext context, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        {
            SubscriptionRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<SubscriptionRequest>(context.Request.Body, Json, cancellationToken);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new ApiError($"The request body is not a valid subscription JSON object: {EchoedText.Of(e.Message)}"));
            }
            if (body is null)
                return Results.BadRequest(new ApiError("The request body is empty; send {\"id\": \"...\", \"source\": \"https://...\", \"products\": [...]}."));
            try
            {
                var caller = context.User.ToCaller();
                var (id, definition) = body.ToDefinition();
                var grain = grains.GetGrain<IFeedSubscriptionGrain>(id);
                var existed = await grain.GetStatusAsync(caller) is not null;
                var status = await grain.CreateAsync(definition, caller);
                if (!existed) audit.Changed(context, "subscription.created", id);
                return existed ? Results.Ok(status) : Results.Created(PathOf(id), status);
            }
            catch (FeedSubscriptionRejectedException e)
            {
                return Results.BadRequest(new ApiError(e.Message));
            }
            catch (FeedSubscriptionConflictException e)
            {
                return Results.Conflict(new ApiError(e.Message));
            }
        }).RequireAuthorization(SiloPolicies.Publish);

        app.MapGet("/api/subscriptions", async (HttpContext context, IGrainFactory grains) =>
        {
            var caller = context.User.ToCaller();
            var ids = await grains.GetGrain<IFeedRegistryGrain>(0).ListAsync();
            var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IFeedSubscriptionGrain>(id).GetStatusAsync(caller)));
            return Results.Ok(statuses.OfType<FeedSubscriptionStatus>().ToArray());
        });

        app.MapGet("/api/subscriptions/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            Answer(id, await grains.GetGrain<IFeedSubscriptionGrain>(id).GetStatusAsync(context.User.ToCaller())));
        app.MapPost("/api/subscriptions/{id}/pause", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
            Audited(context, audit, "subscription.paused", id, await grains.GetGrain<IFeedSubscriptionGrain>(id).PauseAsync(context.User.ToCaller())))
            .RequireAuthorization(SiloPolicies.Publish);
        app.MapPost("/api/subscriptions/{id}/resume", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
            Audited(context, audit, "subscription.resumed", id, await grains.GetGrain<IFeedSubscriptionGrain>(id).ResumeAsync(context.User.ToCaller())))
            .RequireAuthorization(SiloPolicies.Publish);
        app.MapDelete("/api/subscriptions/{id}", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
        {
            if (!await grains.GetGrain<IFeedSubscriptionGrain>(id).DeleteAsync(context.User.ToCaller())) return NotFound(id);
            audit.Changed(context, "subscription.deleted", id);
            return Results.NoContent();
        }).RequireAuthorization(SiloPolicies.Publish);
        return app;
    }

    private static string PathOf(string id) => $"/api/subscriptions/{Uri.EscapeDataString(id)}";

    private static IResult Audited(HttpContext context, AuditLog audit, string action, string id, FeedSubscriptionStatus? status)
    {
        if (status is not null) audit.Changed(context, action, id);
        return Answer(id, status);
    }

    private static IResult Answer(string id, FeedSubscriptionStatus? status) => status is null ? NotFound(id) : Results.Ok(status);

    private static IResult NotFound(string id) => Results.NotFound(new ApiError($"No subscription '{EchoedText.Of(id)}'."));
}
