namespace NeedsAssessment.Statistics;

/// <summary>Argument checks shared by the statistics; every message names the argument and the value it had.</summary>
internal static class Guard
{
    internal static void NonNegative(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0 but was {value}.");
        }
    }

    internal static void Positive(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0 but was {value}.");
        }
    }

    internal static void Finite(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number but was {value}.");
        }
    }

    internal static void Confidence(double confidence, string name = "confidence")
    {
        // A confidence of exactly 0 or 1 gives infinite z and meaningless limits; 95 (a percentage) is a
        // common slip that must not be silently read as 9500%.
        if (double.IsNaN(confidence) || confidence <= 0 || confidence >= 1)
        {
            throw new ArgumentOutOfRangeException(name, confidence, $"{name} must be strictly between 0 and 1 (e.g. 0.95 or 0.998) but was {confidence}.");
        }
    }

    internal static void NotNull<T>(T? value, string name)
        where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} must not be null.");
        }
    }

    internal static void SameLength<TA, TB>(IReadOnlyList<TA> a, string aName, IReadOnlyList<TB> b, string bName)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{aName} has {a.Count} elements but {bName} has {b.Count}; they must match.", bName);
        }
    }

    internal static void MinCount<T>(IReadOnlyList<T> values, int min, string name)
    {
        if (values.Count < min)
        {
            throw new ArgumentException($"{name} must have at least {min} elements but had {values.Count}.", name);
        }
    }

    internal static void AllNonNegative(IReadOnlyList<double> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            NonNegative(values[i], $"{name}[{i}]");
        }
    }

    internal static void AllPositive(IReadOnlyList<double> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Positive(values[i], $"{name}[{i}]");
        }
    }

    internal static void AllFinite(IReadOnlyList<double> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Finite(values[i], $"{name}[{i}]");
        }
    }
}
