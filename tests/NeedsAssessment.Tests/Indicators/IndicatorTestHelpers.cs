using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Indicators;

internal static class IndicatorTestHelpers
{
    // Standard normal quantiles written out, so expected values do not come from the code under test.
    public const double Z95 = 1.959963984540054;
    public const double Z998 = 3.090232306167813;

    public static IndicatorValue One(AssessmentStore store, string id, string level, string area, string periodType = PeriodTypes.FinancialYear, string table = IndicatorTable.Name)
    {
        var rows = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = id, Level = level, AreaCode = area, PeriodType = periodType, Table = table });
        Assert.True(rows.Count == 1, $"expected one {id} row for {level} {area} {periodType} but found {rows.Count}");
        return rows[0];
    }

    public static double ByarLower(double o, double z) => o * Math.Pow(1 - (1 / (9 * o)) - (z / (3 * Math.Sqrt(o))), 3);

    public static double ByarUpper(double o, double z) => (o + 1) * Math.Pow(1 - (1 / (9 * (o + 1))) + (z / (3 * Math.Sqrt(o + 1))), 3);

    public static (double Lower, double Upper) Wilson(double x, double n, double z)
    {
        var p = x / n;
        var centre = p + (z * z / (2 * n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n)));
        var d = 1 + (z * z / n);
        return ((centre - half) / d, (centre + half) / d);
    }

    public static void Near(double expected, double? actual, double tolerance, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected} but was null");
        Assert.True(Math.Abs(expected - actual!.Value) <= tolerance, $"{what}: expected {expected} ± {tolerance} but was {actual} (difference {actual - expected}).");
    }
}
