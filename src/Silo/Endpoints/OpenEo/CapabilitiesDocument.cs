using System.Reflection;
using System.Text.Json.Nodes;
using Actors.Silo.Endpoints.Stac;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// The openEO capabilities (<c>GET /openeo/1.2/</c>), the version list of <c>/.well-known/openeo</c> and the
/// conformance classes. The endpoint list is read from the routing table at request time, so it names exactly the
/// routes this silo serves under <see cref="OpenEoEndpoints.BasePath"/>, never a wish list.
/// </summary>
public static class CapabilitiesDocument
{
    /// <summary>The openEO API version served.</summary>
    public const string ApiVersion = "1.2.0";

    /// <summary>The STAC version of collections and results.</summary>
    public const string StacVersion = "1.1.0";

    /// <summary>The conformance classes: openEO 1.2 and the STAC API collections class its <c>/collections</c> follows.</summary>
    public static IReadOnlyList<string> ConformanceClasses { get; } =
    [
        "https://api.openeo.org/1.2.0",
        "https://api.stacspec.org/v1.0.0/collections",
    ];

    private static readonly string[] OpenEoMethods = ["GET", "POST", "PATCH", "PUT", "DELETE"];

    /// <summary>The absolute URL of the openEO API for this request, without a trailing slash (proxy headers honoured as for STAC).</summary>
    public static string ApiRoot(HttpRequest request) => StacUrls.Server(StacUrls.Root(request)) + OpenEoEndpoints.BasePath;

    /// <summary>The well-known document: the one API version this silo serves.</summary>
    public static JsonObject WellKnown(HttpRequest request) => new()
    {
        ["versions"] = new JsonArray(new JsonObject
        {
            ["url"] = ApiRoot(request) + "/",
            ["production"] = true,
            ["api_version"] = ApiVersion,
        }),
    };

    /// <summary>The capabilities document, titled <paramref name="title"/>.</summary>
    public static JsonObject Capabilities(HttpRequest request, EndpointDataSource endpoints, StacApiOptions stac, string title)
    {
        var root = ApiRoot(request);
        var server = StacUrls.Server(StacUrls.Root(request));
        return new JsonObject
        {
            ["api_version"] = ApiVersion,
            ["backend_version"] = BackendVersion,
            ["stac_version"] = StacVersion,
            ["type"] = "Catalog",
            ["id"] = stac.Id,
            ["title"] = title,
            ["description"] = "openEO API on an Orleans actor system: process graphs run on the grains' raster engine over the staged scenes and products of its STAC catalog. " + stac.Description,
            ["production"] = true,
            ["conformsTo"] = Strings(ConformanceClasses),
            ["endpoints"] = Endpoints(endpoints),
            ["links"] = new JsonArray(
                Link("self", root + "/", "application/json", "Capabilities"),
                Link("version-history", server + "/.well-known/openeo", "application/json", "Supported openEO versions"),
                Link("conformance", root + "/conformance", "application/json", "Conformance classes"),
                Link("data", root + "/collections", "application/json", "Collections"),
                Link("alternate", server + "/stac", "application/json", "The STAC API of the same catalog")),
        };
    }

    /// <summary>The conformance document.</summary>
    public static JsonObject Conformance() => new() { ["conformsTo"] = Strings(ConformanceClasses) };

    /// <summary>
    /// The routes mapped under <see cref="OpenEoEndpoints.BasePath"/> as openEO lists them: the path relative to the
    /// API root (<c>/jobs/{job_id}</c>, route constraints dropped) and its methods, sorted by path.
    /// </summary>
    public static JsonArray Endpoints(EndpointDataSource endpoints)
    {
        var byPath = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (OpenEoPath(endpoint.RoutePattern) is not { } path) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? OpenEoMethods;
            var listed = byPath.TryGetValue(path, out var set) ? set : byPath[path] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var method in methods)
                if (OpenEoMethods.Contains(method, StringComparer.OrdinalIgnoreCase)) listed.Add(method.ToUpperInvariant());
        }
        var list = new JsonArray();
        foreach (var (path, methods) in byPath)
            if (methods.Count > 0) list.Add(new JsonObject { ["path"] = path, ["methods"] = Strings(methods) });
        return list;
    }

    // The specification's names of the resource ids, by the collection segment before them: clients match the
    // listed paths against the specification's ("/jobs/{job_id}"), whatever the route calls its parameter.
    private static readonly Dictionary<string, string> IdNames = new(StringComparer.Ordinal)
    {
        ["collections"] = "collection_id",
        ["jobs"] = "job_id",
        ["process_graphs"] = "process_graph_id",
        ["services"] = "service_id",
        ["files"] = "path",
    };

    // "/openeo/1.2/jobs/{id:guid}" -> "/jobs/{job_id}"; the API root itself is "/".
    private static string? OpenEoPath(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = segment.Parts is [RoutePatternParameterPart] && segments.Count > 0 && IdNames.TryGetValue(segments[^1], out var name)
                ? "{" + name + "}"
                : string.Concat(segment.Parts.Select(Part));
            segments.Add(text);
        }
        var basePath = OpenEoEndpoints.BasePath.Trim('/').Split('/');
        if (segments.Count < basePath.Length || !segments.Take(basePath.Length).SequenceEqual(basePath, StringComparer.OrdinalIgnoreCase)) return null;
        return "/" + string.Join('/', segments.Skip(basePath.Length));
    }

    private static string Part(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        _ => "",
    };

    private static string BackendVersion { get; } =
        (typeof(CapabilitiesDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    internal static JsonObject Link(string rel, string href, string type, string? title = null)
    {
        var link = new JsonObject { ["rel"] = rel, ["href"] = href, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
