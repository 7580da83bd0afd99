using System.Text.Json;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;

namespace Actors.Silo.Endpoints;

/// <summary><c>POST /api/acquisitions</c>: hands the body to the intake grain, which validates it and asks the scene grain to accept.</summary>
public static class AcquisitionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapAcquisitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/acquisitions", async (HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            AcquisitionRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<AcquisitionRequest>(request.Body, Json, cancellationToken);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new ApiError($"The request body is not a valid acquisition JSON object: {e.Message}"));
            }
            if (body is null) return Results.BadRequest(new ApiError("The request body is empty; send {\"item\": {...}} or {\"itemHref\": \"...\"}."));
            try
            {
                var response = await grains.GetGrain<IAcquisitionIntakeGrain>(0).PublishAsync(body.ToSubmission());
                return Results.Accepted(response.StatusUrl, response);
            }
            catch (AcquisitionRejectedException e)
            {
                return Results.BadRequest(new ApiError(e.Message));
            }
            catch (AcquisitionBusyException e)
            {
                request.HttpContext.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status429TooManyRequests);
            }
        });
        return app;
    }
}
