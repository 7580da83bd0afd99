namespace Actors.Processing.Products;

/// <summary>A running minimum and maximum.</summary>
internal sealed class MinMax
{
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public bool HasValues => Min <= Max;

    public void Add(double value)
    {
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void Add(MinMax other)
    {
        if (!other.HasValues) return;
        Add(other.Min);
        Add(other.Max);
    }
}
