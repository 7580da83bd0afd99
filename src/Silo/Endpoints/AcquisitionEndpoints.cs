using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Security;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints;

/// <summary><c>POST /api/acquisitions</c>: hands the body to the intake grain, which validates it and asks the scene grain to accept.</summary>
public static class AcquisitionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapAcquisitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/acquisitions", async (HttpContext context, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        {
            AcquisitionRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<AcquisitionRequest>(context.Request.Body, Json, cancellationToken);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new ApiError($"The request body is not a valid acquisition JSON object: {EchoedText.Of(e.Message)}"));
            }
            if (body is null) return Results.BadRequest(new ApiError("The request body is empty; send {\"item\": {...}} or {\"itemHref\": \"...\"}."));
            try
            {
                var response = await grains.GetGrain<IAcquisitionIntakeGrain>(0).PublishAsync(body.ToSubmission(), context.User.ToCaller());
                audit.Changed(context, response.AlreadyKnown ? "acquisition.repeated" : "acquisition.published",
                    body.JobId is null ? response.SceneId : $"{response.SceneId} (job {body.JobId})");
                return Results.Accepted(response.StatusUrl, response);
            }
            catch (AcquisitionRejectedException e)
            {
                return Results.BadRequest(new ApiError(e.Message));
            }
            catch (OwnershipConflictException e)
            {
                return Results.Conflict(new ApiError(e.Message));
            }
            catch (AcquisitionBusyException e)
            {
                context.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status429TooManyRequests);
            }
        });
        return app;
    }
}
