using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;

namespace Actors.Silo.Endpoints;

/// <summary>
/// <c>/api/subscriptions</c>: create (201, or 200 when the same definition exists; 400 invalid; 409 the id exists with
/// another definition), list, show, pause, resume and delete feed subscriptions through their grains.
/// </summary>
public static class SubscriptionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/subscriptions", async (HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            SubscriptionRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<SubscriptionRequest>(request.Body, Json, cancellationToken);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new ApiError($"The request body is not a valid subscription JSON object: {e.Message}"));
            }
            if (body is null)
                return Results.BadRequest(new ApiError("The request body is empty; send {\"id\": \"...\", \"source\": \"https://...\", \"products\": [...]}."));
            try
            {
                var (id, definition) = body.ToDefinition();
                var grain = grains.GetGrain<IFeedSubscriptionGrain>(id);
                var existed = await grain.GetStatusAsync() is not null;
                var status = await grain.CreateAsync(definition);
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
        });

        app.MapGet("/api/subscriptions", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IFeedRegistryGrain>(0).ListAsync();
            var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IFeedSubscriptionGrain>(id).GetStatusAsync()));
            return Results.Ok(statuses.OfType<FeedSubscriptionStatus>().ToArray());
        });

        app.MapGet("/api/subscriptions/{id}", async (string id, IGrainFactory grains) =>
            Answer(id, await grains.GetGrain<IFeedSubscriptionGrain>(id).GetStatusAsync()));
        app.MapPost("/api/subscriptions/{id}/pause", async (string id, IGrainFactory grains) =>
            Answer(id, await grains.GetGrain<IFeedSubscriptionGrain>(id).PauseAsync()));
        app.MapPost("/api/subscriptions/{id}/resume", async (string id, IGrainFactory grains) =>
            Answer(id, await grains.GetGrain<IFeedSubscriptionGrain>(id).ResumeAsync()));
        app.MapDelete("/api/subscriptions/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IFeedSubscriptionGrain>(id).DeleteAsync()
                ? Results.NoContent()
                : NotFound(id));
        return app;
    }

    private static string PathOf(string id) => $"/api/subscriptions/{Uri.EscapeDataString(id)}";

    private static IResult Answer(string id, FeedSubscriptionStatus? status) => status is null ? NotFound(id) : Results.Ok(status);

    private static IResult NotFound(string id) => Results.NotFound(new ApiError($"No subscription '{id}'."));
}
