namespace Actors.Processing.Samples;

/// <summary>
/// A deterministic synthetic landscape: lakes (ellipses), a meandering river, vegetation of varying
/// density, bare patches and a nodata strip along the west edge. Every pixel is a pure function of
/// (seed, x, y), so rows can be produced in parallel and the same seed always gives the same scene.
/// </summary>
internal sealed class SyntheticLandscape
{
    private readonly int _size;
    private readonly ulong _seed;
    private readonly (double Cx, double Cy, double Rx, double Ry, double Angle)[] _lakes;
    private readonly double _riverBase, _riverAmplitude, _riverFrequency, _riverPhase, _riverHalfWidth;
    private readonly double _phase1, _phase2, _phase3;

    public SyntheticLandscape(int size, int seed)
    {
        _size = size;
        _seed = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        var random = new Random(seed);
        _lakes = Enumerable.Range(0, 6).Select(_ => (
            Cx: size * (0.15 + 0.75 * random.NextDouble()),
            Cy: size * (0.1 + 0.8 * random.NextDouble()),
            Rx: size * (0.03 + 0.07 * random.NextDouble()),
            Ry: size * (0.02 + 0.05 * random.NextDouble()),
            Angle: Math.PI * random.NextDouble())).ToArray();
        _riverBase = size * (0.3 + 0.4 * random.NextDouble());
        _riverAmplitude = size * (0.05 + 0.08 * random.NextDouble());
        _riverFrequency = 2 * Math.PI * (1.5 + random.NextDouble()) / size;
        _riverPhase = 2 * Math.PI * random.NextDouble();
        _riverHalfWidth = Math.Max(2, size * 0.008);
        (_phase1, _phase2, _phase3) = (random.NextDouble() * 6.28, random.NextDouble() * 6.28, random.NextDouble() * 6.28);
    }

    /// <summary>Columns west of this are nodata (about 3% of the width).</summary>
    public int NoDataColumns => Math.Max(1, _size * 3 / 100);

    /// <summary>Truth of a pixel: 1 water, 0 land, 255 nodata.</summary>
    public byte Truth(int x, int y)
    {
        if (x < NoDataColumns) return 255;
        return IsWater(x, y) ? (byte)1 : (byte)0;
    }

    private bool IsWater(int x, int y)
    {
        var riverCentre = _riverBase + _riverAmplitude * Math.Sin(x * _riverFrequency + _riverPhase)
                          + 0.3 * _riverAmplitude * Math.Sin(x * _riverFrequency * 2.7 + _riverPhase * 1.3);
        if (Math.Abs(y - riverCentre) <= _riverHalfWidth) return true;
        foreach (var (cx, cy, rx, ry, angle) in _lakes)
        {
            double dx = x - cx, dy = y - cy;
            var u = dx * Math.Cos(angle) + dy * Math.Sin(angle);
            var v = -dx * Math.Sin(angle) + dy * Math.Cos(angle);
            // A wobbly shore so lakes are not perfect ellipses.
            var wobble = 1 + 0.12 * Math.Sin(Math.Atan2(v, u) * 5 + cx);
            if (u * u / (rx * rx) + v * v / (ry * ry) <= wobble * wobble) return true;
        }
        return false;
    }

    /// <summary>Surface reflectances (×10000, as Sentinel-2 L2A stores them) of a pixel: green, red, nir; 0 where nodata.</summary>
    public (ushort Green, ushort Red, ushort Nir) Reflectance(int x, int y)
    {
        if (x < NoDataColumns) return (0, 0, 0);
        double n1 = Noise(x, y, 1), n2 = Noise(x, y, 2), n3 = Noise(x, y, 3);
        double green, red, nir;
        if (IsWater(x, y))
        {
            // Clear to turbid water: green above nir.
            var turbidity = 0.5 + 0.5 * Math.Sin(x * 0.013 + _phase1) * Math.Cos(y * 0.011 + _phase2);
            green = 700 + 350 * turbidity;
            red = 450 + 300 * turbidity;
            nir = 180 + 260 * turbidity;
        }
        else
        {
            // Vegetation density varies smoothly; low density is bare soil with an NDWI near zero.
            var density = 0.5 + 0.25 * Math.Sin(x * 0.004 + _phase1) + 0.25 * Math.Sin(y * 0.005 + _phase3) * Math.Cos(x * 0.002 + _phase2);
            density = Math.Clamp(density, 0, 1);
            green = 900 - 250 * density;
            red = 1300 - 1000 * density;
            nir = 1700 + 2300 * density;
        }
        return (Clamp(green * (1 + 0.08 * n1)), Clamp(red * (1 + 0.08 * n2)), Clamp(nir * (1 + 0.08 * n3)));
    }

    private static ushort Clamp(double v) => (ushort)Math.Clamp(Math.Round(v), 1, 10000);

    /// <summary>Deterministic noise in [-1, 1] from a hash of the seed, position and channel (SplitMix64).</summary>
    private double Noise(int x, int y, int channel)
    {
        var z = _seed ^ ((ulong)(uint)x << 32 | (uint)y) * 0xBF58476D1CE4E5B9UL ^ (ulong)channel * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (2.0 / (1UL << 53)) - 1;
    }
}
