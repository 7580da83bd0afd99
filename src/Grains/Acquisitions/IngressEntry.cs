using System.Globalization;
using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Security;

namespace Actors.Grains.Acquisitions;

/// <summary>
/// Reads an entry an outside producer wrote to the ingress key:
/// <c>XADD acquisitions * item &lt;STAC item href or JSON&gt; [aoi w,s,e,n] [products a,b] [job ID] [owner SUBJECT]</c>.
/// Whoever can write to Redis is trusted like a silo: an entry may name the user it publishes for (the job's owner);
/// without one it publishes as <see cref="Caller.IngressSubject"/>.
/// </summary>
public static class IngressEntry
{
    /// <summary>The submission the entry describes.</summary>
    /// <exception cref="AcquisitionRejectedException">A field is missing, unknown or malformed.</exception>
    public static AcquisitionSubmission Parse(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name is not ("item" or "aoi" or "products" or "job" or "owner"))
                throw new AcquisitionRejectedException($"Unknown field '{EchoedText.Of(name)}': an entry has 'item' and optionally 'aoi', 'products', 'job', 'owner'.");
            if (!byName.TryAdd(name, value))
                throw new AcquisitionRejectedException($"Field '{EchoedText.Of(name)}' is given twice.");
        }
        if (!byName.TryGetValue("item", out var item) || string.IsNullOrWhiteSpace(item))
            throw new AcquisitionRejectedException("The entry has no 'item' field (a STAC item href or the item as JSON).");
        var inline = item.TrimStart().StartsWith('{');
        return new AcquisitionSubmission
        {
            ItemJson = inline ? item : null,
            ItemHref = inline ? null : item.Trim(),
            Aoi = byName.TryGetValue("aoi", out var aoi) ? ParseAoi(aoi) : null,
            Products = byName.TryGetValue("products", out var products)
                ? products.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null,
            JobId = byName.GetValueOrDefault("job"),
        };
    }

    /// <summary>The user the entry publishes for: its <c>owner</c> field, else <see cref="Caller.IngressSubject"/>.</summary>
    public static Caller CallerOf(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var owner = fields.LastOrDefault(f => f.Key == "owner").Value;
        return new Caller(string.IsNullOrWhiteSpace(owner) ? Caller.IngressSubject : owner.Trim(), [Roles.Publisher]);
    }

    private static double[] ParseAoi(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new AcquisitionRejectedException($"Invalid 'aoi' '{EchoedText.Of(text)}': give four numbers west,south,east,north.");
        return values;
    }
}
