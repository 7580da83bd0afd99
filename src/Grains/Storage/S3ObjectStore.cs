using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage;

/// <summary>
/// Objects in an S3-compatible store. Hrefs are <c>s3://bucket/key</c>; GDAL reads COGs in place through
/// <c>/vsis3/</c> (range requests), configured here for the same endpoint and credentials.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly SemaphoreSlim _bucketReady = new(1, 1);
    private bool _bucketExists;

    /// <summary>A store over the configured endpoint and bucket.</summary>
    public S3ObjectStore(IOptions<S3Options> options)
    {
        var o = options.Value;
        _bucket = o.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = true,
            AuthenticationRegion = o.Region,
            // s3rver stores aws-chunked bodies with trailing checksums verbatim; send plain bodies.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(o.ServiceUrl)) config.ServiceURL = o.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(o.Region);
        _client = new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), config);
        S3GdalAccess.Configure(o);
    }

    /// <inheritdoc />
    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        // A PUT replaces the object whole or not at all, so readers never see half a file.
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            FilePath = localPath,
            ContentType = contentType,
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public string GdalPath(string key) => $"/vsis3/{_bucket}/{key}";

    /// <inheritdoc />
    public string Href(string key) => $"s3://{_bucket}/{key}";

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketExists) return;
        await _bucketReady.WaitAsync(cancellationToken);
        try
        {
            if (_bucketExists) return;
            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
            }
            _bucketExists = true;
        }
        finally
        {
            _bucketReady.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _bucketReady.Dispose();
    }
}
