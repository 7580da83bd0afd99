using System.Runtime.InteropServices;

namespace Actors.Raster.Gdal;

/// <summary>
/// Process-wide GDAL set-up, done once: drivers registered, GDAL's stderr error printing replaced by
/// our exceptions, and a bounded block cache so memory stays predictable on whole tiles.
/// </summary>
public static class GdalRuntime
{
    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Block cache size in MB (GDAL_CACHEMAX); GDAL's default (5% of RAM) is too much for bounded runs.</summary>
    public const int CacheMegabytes = 64;

    /// <summary>Makes sure GDAL is initialised; cheap after the first call.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        GdalNative.GDALAllRegister();
        var library = NativeLibrary.Load("libgdal.so.32");
        GdalNative.CPLSetErrorHandler(NativeLibrary.GetExport(library, "CPLQuietErrorHandler"));
        SetDefault("GDAL_CACHEMAX", CacheMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        SetDefault("GDAL_NUM_THREADS", "ALL_CPUS");
        SetDefault("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        // Remote reads (/vsis3/, /vsicurl/) have no time limit by default: a stalled object store would hang
        // a turn for ever. Bounded, and retried on 429/5xx, a stall becomes an error the grain retries.
        SetDefault("GDAL_HTTP_CONNECTTIMEOUT", "10");
        SetDefault("GDAL_HTTP_TIMEOUT", "60");
        SetDefault("GDAL_HTTP_MAX_RETRY", "3");
        SetDefault("GDAL_HTTP_RETRY_DELAY", "1");
        return true;
    }

    private static void SetDefault(string key, string value)
    {
        if (Environment.GetEnvironmentVariable(key) is null) GdalNative.CPLSetConfigOption(key, value);
    }

    /// <summary>Sets a GDAL configuration option for the process (e.g. AWS_S3_ENDPOINT).</summary>
    public static void SetConfigOption(string key, string? value)
    {
        EnsureInitialized();
        GdalNative.CPLSetConfigOption(key, value);
    }

    /// <summary>The exception for the last GDAL error on this thread.</summary>
    internal static GdalException LastError(string action)
    {
        var message = Marshal.PtrToStringUTF8(GdalNative.CPLGetLastErrorMsg());
        return new GdalException(string.IsNullOrWhiteSpace(message) ? $"{action} failed." : $"{action}: {message}");
    }

    /// <summary>Throws the last GDAL error unless <paramref name="cplErr"/> is CE_None (0) or CE_Debug/CE_Warning.</summary>
    internal static void Check(int cplErr, string action)
    {
        if (cplErr >= 3) throw LastError(action);
    }
}
