using System.Text.Json.Nodes;
using Actors.Abstractions.Security;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.OpenEo;
using Actors.Silo.Endpoints.Stac;
using Actors.Silo.Errors;
using Actors.Silo.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using static Actors.Silo.Endpoints.OpenEo.CapabilitiesDocument;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// openEO discovery: <c>/.well-known/openeo</c>, capabilities, conformance, credentials, <c>/me</c>, file formats,
/// collections and processes. What the specification makes public needs no credentials; the collections are the
/// catalog's, so they need what <c>/stac</c> needs (the reader role, which anonymous requests hold on a public
/// catalog); <c>/me</c> needs a user.
/// </summary>
public static class OpenEoDiscoveryEndpoints
{
    private static readonly AuthorizationPolicy AnyUser = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

    /// <summary>Maps <c>/.well-known/openeo</c> at the server's root.</summary>
    public static IEndpointRouteBuilder MapOpenEoWellKnown(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openeo", (HttpRequest request) => Json(WellKnown(request)));
        return app;
    }

    /// <summary>Maps the discovery endpoints on the API's route group.</summary>
    public static IEndpointRouteBuilder MapOpenEoDiscovery(this IEndpointRouteBuilder api)
    {
        api.MapGet("/", (HttpRequest request, EndpointDataSource endpoints, IOptions<StacApiOptions> stac, IOptions<OpenEoSettings> openEo) =>
            Json(Capabilities(request, endpoints, stac.Value, openEo.Value.Title)));
        api.MapGet("/conformance", () => Json(Conformance()));
        api.MapGet("/file_formats", () => Json(FileFormatsDocument.Create()));
        api.MapOpenEoCredentials();

        api.MapGet("/me", (HttpContext context) =>
        {
            var caller = context.User.ToCaller();
            return Json(new JsonObject
            {
                ["user_id"] = caller.Subject,
                ["name"] = caller.Subject,
                ["roles"] = Strings(caller.Roles),
                ["links"] = new JsonArray(),
            });
        }).RequireAuthorization(AnyUser);

        api.MapGet("/collections", async (HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            var (root, stacRoot) = (ApiRoot(request), StacUrls.Root(request));
            var collections = new JsonArray();
            foreach (var c in await catalog.GetCollectionsAsync(cancellationToken)) collections.Add(CollectionsDocuments.Summary(c, root, stacRoot));
            return Json(new JsonObject
            {
                ["collections"] = collections,
                ["links"] = new JsonArray(Link("self", root + "/collections", "application/json"), Link("root", root + "/", "application/json")),
            });
        }).RequireAuthorization(SiloPolicies.Read);
        api.MapGet("/collections/{collection_id}", async (string collection_id, HttpContext context, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetCollectionAsync(collection_id, cancellationToken) is { } stored
                ? Json(await CollectionsDocuments.FullAsync(stored, ApiRoot(context.Request), StacUrls.Root(context.Request), catalog, cancellationToken))
                : OpenEoErrors.Result(context, StatusCodes.Status404NotFound, "CollectionNotFound", $"Collection '{Actors.Abstractions.EchoedText.Of(collection_id)}' does not exist."))
            .RequireAuthorization(SiloPolicies.Read);

        api.MapGet("/processes", (HttpRequest request, IProcessCatalog processes) =>
        {
            var root = ApiRoot(request);
            return Json(new JsonObject
            {
                ["processes"] = new JsonArray(processes.Processes.Select(p => (JsonNode?)p.DeepClone()).ToArray()),
                ["links"] = new JsonArray(
                    Link("self", root + "/processes", "application/json"),
                    Link("about", "https://processes.openeo.org/", "text/html", "The openEO process definitions")),
            });
        });
        return api;
    }

    private static IResult Json(JsonNode document) => Results.Text(document.ToJsonString(), "application/json");
}
