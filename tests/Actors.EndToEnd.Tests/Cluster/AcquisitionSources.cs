using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;
using Amazon.S3;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Many distinct acquisitions from a few generated scenes: each is a copy of a scene's STAC item under
/// a new id, published by an href of one of the three kinds users give: a local path, an <c>s3://</c>
/// URL or an <c>http://</c> URL. Asset hrefs stay relative, so the silo reads the bands from the same place.
/// </summary>
public sealed class AcquisitionSources(SampleLibrary samples, string samplesRoot, AmazonS3Client s3, string bucket, StaticFileServer web)
{
    /// <summary>Where acquisition <paramref name="index"/> comes from (index modulo 3: local, s3, http).</summary>
    public static string KindOf(int index) => (index % 3) switch { 0 => "local", 1 => "s3", _ => "http" };

    /// <summary>Writes the items of <paramref name="count"/> acquisitions over <paramref name="scenes"/> base scenes; returns their hrefs.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(int count, int scenes, int size)
    {
        var bases = new List<Actors.Processing.Samples.SampleScene>();
        for (var seed = 1; seed <= scenes; seed++)
        {
            var sample = await samples.GenerateAsync(size, seed);
            bases.Add(sample);
            foreach (var band in sample.BandPaths.Values)
                await ClusterServices.UploadAsync(s3, bucket, $"inputs/seed{seed}/{Path.GetFileName(band)}", band);
        }
        var hrefs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sample = bases[i % scenes];
            var seed = i % scenes + 1;
            var item = JsonNode.Parse(await File.ReadAllTextAsync(sample.ItemPath))!.AsObject();
            item["id"] = $"{sample.ItemId}-n{i:000}";
            var fileName = $"item-n{i:000}.json";
            var localPath = Path.Combine(Path.GetDirectoryName(sample.ItemPath)!, fileName);
            await File.WriteAllTextAsync(localPath, item.ToJsonString());
            switch (KindOf(i))
            {
                case "local":
                    hrefs.Add(localPath);
                    break;
                case "s3":
                    await ClusterServices.UploadAsync(s3, bucket, $"inputs/seed{seed}/{fileName}", localPath);
                    hrefs.Add($"s3://{bucket}/inputs/seed{seed}/{fileName}");
                    break;
                default:
                    hrefs.Add(new Uri(web.BaseAddress, Path.GetRelativePath(samplesRoot, localPath).Replace('\\', '/')).ToString());
                    break;
            }
        }
        return hrefs;
    }
}
