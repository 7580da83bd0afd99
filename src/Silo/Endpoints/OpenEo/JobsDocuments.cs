using System.Text.Json.Nodes;
using Actors.Abstractions.OpenEo;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>The openEO JSON of batch jobs: their metadata, usage and log entries, with openEO's property names.</summary>
public static class JobsDocuments
{
    /// <summary>A job as <c>GET /jobs/{id}</c> (<paramref name="full"/>) or an entry of <c>GET /jobs</c> describes it.</summary>
    public static JsonObject Job(HttpContext context, OpenEoJobInfo job, bool full)
    {
        var document = new JsonObject { ["id"] = job.Id };
        if (job.Title is not null) document["title"] = job.Title;
        if (job.Description is not null) document["description"] = job.Description;
        if (full && JsonNode.Parse(job.Process) is JsonObject process) document["process"] = process;
        document["status"] = job.Status;
        document["progress"] = job.Status switch
        {
            OpenEoJobStates.Created or OpenEoJobStates.Queued => 0,
            OpenEoJobStates.Finished => 100,
            _ => Math.Round(job.Progress, 1),
        };
        document["created"] = OpenEoRequests.Time(job.Created);
        document["updated"] = OpenEoRequests.Time(job.Updated);
        if (job.Plan is not null) document["plan"] = job.Plan;
        document["costs"] = 0;
        if (job.Budget is not null) document["budget"] = job.Budget;
        if (full)
        {
            if (job.Usage is { } usage) document["usage"] = Usage(usage);
            document["log_level"] = job.LogLevel;
            var links = new JsonArray
            {
                Link(OpenEoRequests.Url(context, $"/jobs/{job.Id}/logs"), "monitor", "Batch job logs"),
            };
            if (job.Status == OpenEoJobStates.Finished)
                links.Add(Link(OpenEoRequests.Url(context, $"/jobs/{job.Id}/results"), "result", "Batch job results"));
            document["links"] = links;
        }
        return document;
    }

    /// <summary>openEO usage metrics.</summary>
    public static JsonObject Usage(OpenEoUsage usage) => new()
    {
        ["cpu"] = Metric(Math.Round(usage.CpuSeconds, 3), "cpu-seconds"),
        ["duration"] = Metric(Math.Round(usage.DurationSeconds, 3), "seconds"),
        ["input_pixels"] = Metric(usage.PixelsRead, "pixels"),
        ["storage"] = Metric(usage.BytesWritten, "b"),
    };

    /// <summary>A log entry.</summary>
    public static JsonObject LogEntry(OpenEoLogEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["level"] = entry.Level,
        ["message"] = entry.Message,
        ["time"] = OpenEoRequests.Time(entry.Time),
    };

    /// <summary>A link.</summary>
    public static JsonObject Link(string href, string rel, string? title = null, string type = "application/json")
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    private static JsonObject Metric(double value, string unit) => new() { ["value"] = value, ["unit"] = unit };
}
