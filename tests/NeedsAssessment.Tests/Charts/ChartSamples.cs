using System.Collections.Immutable;
using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using NeedsAssessment.Spatial;
using NeedsAssessment.Statistics;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Tests.Charts;

/// <summary>Plausible made-up inputs for every chart, in four shapes: normal, empty, single item and constant.</summary>
public static class ChartSamples
{
    public enum Shape
    {
        Normal,
        Empty,
        Single,
        Constant,
    }

    public const double Sentinel = 987_654;

    public static readonly ChartCaption Caption = new(
        "Police recorded crime (synthetic test data)",
        "April 2023 to March 2024",
        "violence-with-injury-rate",
        "1.0");

    private static readonly GeometryFactory Factory = new();

    public static readonly string[] DistrictNames =
    [
        "Ashford Vale", "Brookmere", "Castleton", "Dunmore", "Eastwick", "Fairholm", "Greyford", "Hollins Cross",
    ];

    /// <summary>
    /// A map as the report draws one: what <paramref name="addContent"/> adds (cells or areas), the sample districts'
    /// outlines over it, square units and place names.
    /// </summary>
    public static ScottPlot.Plot Map(string title, Action<ScottPlot.Plot> addContent)
    {
        var plot = ChartBuilder.NewPlot(title, string.Empty, string.Empty, Caption);
        MapDecorations.HideGridAxes(plot);
        addContent(plot);
        ChartBuilder.AddOutlines(plot, Districts(), ChartPalette.Ink, 1.5f);
        plot.HideGrid();
        plot.Axes.SquareUnits();
        MapDecorations.Add(plot, 12_000, ChartFrameTests.Places());
        return plot;
    }

    public static Polygon Box(double x0, double y0, double x1, double y1) =>
        Factory.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    public static IReadOnlyList<AreaShape> Districts() =>
    [
        new("E07000001", "Ashford Vale", Factory.CreatePolygon([new(440_000, 300_000), new(452_000, 300_000), new(452_000, 306_000), new(449_000, 309_000), new(440_000, 309_000), new(440_000, 300_000)])),
        new("E07000002", "Brookmere", Factory.CreatePolygon([new(452_000, 300_000), new(460_000, 300_000), new(460_000, 309_000), new(449_000, 309_000), new(452_000, 306_000), new(452_000, 300_000)])),
    ];

    public static HotspotGiStarResult Hotspots(Shape shape)
    {
        var random = new Random(11);
        SpatialPoint[] points = shape switch
        {
            Shape.Empty => [],
            Shape.Single => [new(445_000, 304_000)],
            Shape.Constant => Enumerable.Range(0, 20).SelectMany(i => Enumerable.Range(0, 18).Select(j => new SpatialPoint(440_250 + (500 * i), 300_250 + (500 * j)))).ToArray(),
            _ => Enumerable.Range(0, 1500).Select(i =>
            {
                // Two clusters (a town centre and a night-time economy strip) over a diffuse background.
                return (i % 3) switch
                {
                    0 => new SpatialPoint(446_000 + Normal(random, 700), 305_000 + Normal(random, 600)),
                    1 => new SpatialPoint(455_500 + Normal(random, 400), 302_500 + Normal(random, 900)),
                    _ => new SpatialPoint(440_000 + (random.NextDouble() * 20_000), 300_000 + (random.NextDouble() * 9_000)),
                };
            }).ToArray(),
        };
        if (points.Length == 0)
        {
            var grid = new GridCountResult(new GridParameters(500, false, new Extent(0, 0, 0, 0), true, 0, 0, false), [], 0);
            var gi = new GiStarResult(new GiStarParameters(PAdjustMethod.BenjaminiHochberg, true, new WeightsParameters("distance band", 707, null, WeightsStyle.Binary, true)), 0, double.NaN, double.NaN, []);
            return new HotspotGiStarResult(new HotspotGiStarParameters(707, true), grid, gi);
        }

        return HotspotGiStar.Find(points, cellSize: 500, extent: new Extent(440_000, 300_000, 460_000, 309_000));
    }

    public static (IReadOnlyList<AreaValue> Values, IReadOnlyList<AreaShape> Shapes) Lsoas(Shape shape)
    {
        var random = new Random(5);
        var values = new List<AreaValue>();
        var shapes = new List<AreaShape>();
        var count = shape switch { Shape.Empty => 0, Shape.Single => 1, _ => 20 * 9 };
        for (var k = 0; k < count; k++)
        {
            var (i, j) = (k % 20, k / 20);
            var code = $"E0100{k:0000}";
            shapes.Add(new AreaShape(code, $"LSOA {k}", Box(440_000 + (i * 1000), 300_000 + (j * 1000), 441_000 + (i * 1000), 301_000 + (j * 1000))));
            var suppressed = shape == Shape.Normal && k % 37 == 5;
            var value = shape == Shape.Constant ? 12.5 : 4 + (30 * Math.Exp(-(Math.Pow(i - 6, 2) + Math.Pow(j - 5, 2)) / 18)) + (random.NextDouble() * 6);
            if (shape == Shape.Normal && k % 53 == 7)
            {
                continue; // shape with no value at all: must show as missing
            }

            values.Add(new AreaValue(code, $"LSOA {k}", suppressed ? Sentinel : value, null, null, suppressed));
        }

        return (values, shapes);
    }

    public static IReadOnlyList<AreaValue> DistrictRates(Shape shape)
    {
        var random = new Random(3);
        var n = shape switch { Shape.Empty => 0, Shape.Single => 1, _ => DistrictNames.Length };
        return Enumerable.Range(0, n).Select(i =>
        {
            var population = 60_000 + (random.NextDouble() * 140_000);
            var rate = shape == Shape.Constant ? 8.0 : 5 + (random.NextDouble() * 7) + (i == 2 ? 4 : 0);
            var se = 1.96 * Math.Sqrt(rate * 1000 / population) * 1000 / 1000;
            var suppressed = shape == Shape.Normal && i == 5;
            return new AreaValue($"E0700000{i}", DistrictNames[i], suppressed ? Sentinel : rate, suppressed ? null : rate - se, suppressed ? null : rate + se, suppressed, population);
        }).ToList();
    }

    public static IReadOnlyList<FunnelLimits> Curve(IReadOnlyList<AreaValue> areas)
    {
        var denominators = areas.Where(a => a.Denominator is not null).Select(a => a.Denominator!.Value).DefaultIfEmpty(100_000).ToList();
        return FunnelPlot.RateCurve(8.0 / 1000, Math.Max(1, denominators.Min() * 0.5), denominators.Max() * 1.1, multiplier: 1000);
    }

    public static IReadOnlyList<MonthCount> Months(Shape shape)
    {
        var random = new Random(9);
        var n = shape switch { Shape.Empty => 0, Shape.Single => 1, _ => 36 };
        return Enumerable.Range(0, n).Select(i =>
        {
            var month = new DateOnly(2021, 4, 1).AddMonths(i);
            var seasonal = 1 + (0.25 * Math.Sin((month.Month - 4) / 12.0 * 2 * Math.PI));
            var count = shape == Shape.Constant ? 80 : Math.Round((90 - (0.6 * i)) * seasonal + (random.NextDouble() * 15));
            var suppressed = shape == Shape.Normal && i == 17;
            return new MonthCount(month, suppressed ? Sentinel : count, suppressed);
        }).ToList();
    }

    public static IReadOnlyList<DayHourCount> DayHours(Shape shape)
    {
        var random = new Random(2);
        if (shape == Shape.Empty)
        {
            return [];
        }

        if (shape == Shape.Single)
        {
            return [new DayHourCount(DayOfWeek.Saturday, 23, 14)];
        }

        return DayHourHeatmapChartDays().SelectMany(d => Enumerable.Range(0, 24).Select(h =>
        {
            var weekend = d is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday;
            var night = h >= 21 || h <= 2;
            var count = shape == Shape.Constant ? 6 : Math.Round(2 + (night ? (weekend ? 28 : 9) : 4 * Math.Sin(h / 24.0 * Math.PI)) + (random.NextDouble() * 4));
            var suppressed = shape == Shape.Normal && count < 5;
            return new DayHourCount(d, h, suppressed ? Sentinel : count, suppressed);
        })).ToList();
    }

    public static GiniResult Gini(Shape shape) => shape switch
    {
        Shape.Empty => new GiniResult(double.NaN, []),
        Shape.Single => GiniCoefficient.Calculate([10], [1000]),
        Shape.Constant => GiniCoefficient.Calculate([10, 10, 10, 10], [1000, 1000, 1000, 1000]),
        _ => GiniCoefficient.Calculate(
            Enumerable.Range(0, 60).Select(i => Math.Round(2 + (i < 6 ? 60 - (i * 7) : 8 * new Random(i).NextDouble()))).ToArray(),
            Enumerable.Range(0, 60).Select(i => 1500.0 + (i * 7 % 400)).ToArray()),
    };

    public static (IReadOnlyList<QuantileValue> Quantiles, InequalityEstimate? Sii) Deciles(Shape shape)
    {
        var n = shape switch { Shape.Empty => 0, Shape.Single => 1, _ => 10 };
        var quantiles = Enumerable.Range(1, n).Select(q =>
        {
            var value = shape == Shape.Constant ? 7.0 : 16 - (1.1 * q) + (q % 3 == 0 ? 0.8 : 0);
            var population = 28_000 + (q * 900);
            var half = 1.96 * Math.Sqrt(value / 1000 / population) * 1000;
            var suppressed = shape == Shape.Normal && q == 8;
            var label = q == 1 ? "1 (most deprived)" : q == 10 ? "10 (least)" : q.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new QuantileValue(q, label, suppressed ? Sentinel : value, value - half, value + half, population, suppressed);
        }).ToList();
        var usable = quantiles.Where(q => !q.Suppressed).ToList();
        InequalityEstimate? sii = usable.Count >= 3
            ? SlopeIndexOfInequality.Calculate(usable.Select(q => q.Value!.Value).ToArray(), usable.Select(q => q.Population).ToArray())
            : null;
        return (quantiles, sii);
    }

    public static IReadOnlyList<OffenceGroupSeverity> Severity(Shape shape) => shape switch
    {
        Shape.Empty => [],
        Shape.Single => [new OffenceGroupSeverity("Violence with injury", 2400, 1826)],
        Shape.Constant => [new OffenceGroupSeverity("A", 100, 365), new OffenceGroupSeverity("B", 100, 365), new OffenceGroupSeverity("C", 100, 365)],
        _ =>
        [
            new OffenceGroupSeverity("Violence with injury", 4120, 1826),
            new OffenceGroupSeverity("Robbery", 610, 5479),
            new OffenceGroupSeverity("Possession of weapons", 540, 1461),
            new OffenceGroupSeverity("Homicide", 4, 36525),
            new OffenceGroupSeverity("Rape", 390, 36525),
            new OffenceGroupSeverity("Other sexual offences", 880, 3650),
            new OffenceGroupSeverity("Kidnapping", 2, Sentinel, Suppressed: true),
        ],
    };

    public static IReadOnlyList<DistrictPair> Pairs(Shape shape)
    {
        var random = new Random(7);
        var n = shape switch { Shape.Empty => 0, Shape.Single => 1, _ => 6 };
        return Enumerable.Range(0, n).Select(i =>
        {
            var police = shape == Shape.Constant ? 500 : 380 + (random.NextDouble() * 420);
            var health = shape == Shape.Constant ? 500 : police * (0.35 + (random.NextDouble() * 0.4));
            return new DistrictPair($"E0700000{i}", DistrictNames[i], police, shape == Shape.Normal && i == 3 ? Sentinel : health, false, shape == Shape.Normal && i == 3);
        }).ToList();
    }

    public static Chart Build(string kind, Shape shape)
    {
        switch (kind)
        {
            case "hotspot":
                return HotspotMapChart.Create(Hotspots(shape), shape == Shape.Empty ? [] : Districts(), Caption);
            case "choropleth":
                var (values, shapes) = Lsoas(shape);
                return ChoroplethChart.Create(values, shapes, shape == Shape.Empty ? [] : Districts(), "Violence with injury per 1,000 residents", Caption, "Violence with injury by LSOA, quintiles");
            case "caterpillar":
                return CaterpillarChart.Create(DistrictRates(shape), 8.0, "England", "Violence with injury per 1,000 residents", Caption, "Violence with injury by district compared with England");
            case "funnel":
                var rates = DistrictRates(shape);
                return FunnelChart.Create(rates, shape == Shape.Empty ? [] : Curve(rates), "Violence with injury per 1,000 residents", "Resident population", Caption, "Violence with injury: funnel plot against the target");
            case "trend":
                return MonthlyTrendChart.Create(Months(shape), Caption, "Serious violence offences per month", 3);
            case "dayhour":
                return DayHourHeatmapChart.Create(DayHours(shape), Caption, "Serious violence by day of week and hour");
            case "lorenz":
                return LorenzChart.Create(Gini(shape), Caption);
            case "gradient":
                var (quantiles, sii) = Deciles(shape);
                return DeprivationGradientChart.Create(quantiles, sii, "Violence with injury per 1,000 residents", Caption, "Violence with injury by deprivation decile");
            case "severity":
                return SeverityVolumeChart.Create(Severity(shape), Caption);
            case "policehealth":
                return PoliceHealthChart.Create(Pairs(shape), "Per 100,000 residents", Caption);
            case "observedexpected":
                return ObservedExpectedChart.Create(Expected(shape), Caption, areaNames: ExpectedNames(shape));
            case "forecastfan":
                return ForecastFanChart.Create(Forecast(shape), "E07000001", Caption);
            case "typology":
                return TypologyProfileChart.Create(Typology(shape), Caption);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public static readonly string[] Kinds = ["hotspot", "choropleth", "caterpillar", "funnel", "trend", "dayhour", "lorenz", "gradient", "severity", "policehealth", "observedexpected", "forecastfan", "typology"];

    /// <summary>
    /// Observed and expected counts per LSOA. Normal: 300 areas with expected counts from 0.5 to about 80, a few
    /// planted hotspots, and small areas with significant excesses of 1-7 events (which must never be labelled).
    /// </summary>
    public static IReadOnlyList<AreaExpected> Expected(Shape shape)
    {
        var random = new Random(13);
        var n = shape switch { Shape.Empty => 0, Shape.Single => 1, Shape.Constant => 20, _ => 300 };
        return Enumerable.Range(0, n).Select(i =>
        {
            var expected = shape == Shape.Constant ? 10 : shape == Shape.Single ? 12.4 : 0.5 * Math.Exp(random.NextDouble() * 5);
            var rr = i % 29 == 3 ? 2.5 + random.NextDouble() : 0.8 + (random.NextDouble() * 0.4);
            var observed = shape == Shape.Constant ? 10 : shape == Shape.Single ? 19 : PoissonSample(random, expected * rr);
            if (shape == Shape.Normal && i is 1 or 2)
            {
                // Tiny areas with a significant excess of a small count: coloured, but never named or printed.
                (expected, observed) = (0.9, 6 + i - 1);
            }

            return Area($"E0100{i:0000}", i % 2 == 0 ? "E07000001" : "E07000002", observed, expected);
        }).OrderBy(a => a.Lsoa21Code, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyDictionary<string, string> ExpectedNames(Shape shape) =>
        Expected(shape).ToDictionary(a => a.Lsoa21Code, a => $"{DistrictNames[int.Parse(a.Lsoa21Code[^3..], System.Globalization.CultureInfo.InvariantCulture) % DistrictNames.Length]} {a.Lsoa21Code[^3..]}");

    public static AreaExpected Area(string code, string district, double observed, double expected)
    {
        var lower = PoissonConfidenceLimits.ExactLower(observed, 0.95) / expected;
        var upper = PoissonConfidenceLimits.ExactUpper(observed, 0.95) / expected;
        return new AreaExpected(code, district, 1500, observed, expected, observed / expected, lower, upper, observed - expected, 0, lower > 1, upper < 1, 5, false, 0.12, true);
    }

    /// <summary>Two districts: 36 months of history, a 12-month back-test for both methods and a 12-month forecast.</summary>
    public static IReadOnlyList<ForecastPoint> Forecast(Shape shape)
    {
        var random = new Random(17);
        var points = new List<ForecastPoint>();
        if (shape == Shape.Empty)
        {
            return points;
        }

        if (shape == Shape.Single)
        {
            return [new ForecastPoint("E07000001", "Ashford Vale", new DateTime(2025, 4, 1), "forecast", DistrictForecast.SeasonalPoisson, null, 61, 52, 70, 47, 76)];
        }

        foreach (var (code, name, level) in new[] { ("E07000001", "Ashford Vale", 60.0), ("E07000002", "Brookmere", 25.0) })
        {
            double Mean(int t) => shape == Shape.Constant ? level : level * (1 + (0.004 * t)) * (1 + (0.2 * Math.Cos(2 * Math.PI * (t - 3) / 12)));
            var start = new DateTime(2022, 4, 1);
            for (var t = 0; t < 36; t++)
            {
                var observed = shape == Shape.Constant ? level : PoissonSample(random, Mean(t));
                points.Add(new ForecastPoint(code, name, start.AddMonths(t), "history", DistrictForecast.SeasonalPoisson, observed, Mean(t), null, null, null, null));
                if (t >= 24)
                {
                    foreach (var (method, widen) in new[] { (DistrictForecast.SeasonalPoisson, 1.0), (DistrictForecast.SeasonalNaive, 1.4) })
                    {
                        var (l80, u80, l95, u95) = Interval(Mean(t), widen, shape == Shape.Constant);
                        points.Add(new ForecastPoint(code, name, start.AddMonths(t), "backtest", method, observed, Mean(t), l80, u80, l95, u95));
                    }
                }
            }

            for (var h = 1; h <= 12; h++)
            {
                var t = 35 + h;
                var (l80, u80, l95, u95) = Interval(Mean(t), 1 + (h / 12.0 * 0.3), shape == Shape.Constant);
                points.Add(new ForecastPoint(code, name, start.AddMonths(t), "forecast", DistrictForecast.SeasonalPoisson, null, Mean(t), l80, u80, l95, u95));
            }
        }

        return points;
    }

    /// <summary>Cluster profiles. Normal: five clusters with distinct profiles; Constant: three clusters all at the average.</summary>
    public static IReadOnlyList<ClusterProfile> Typology(Shape shape)
    {
        double[][] centroids = shape switch
        {
            Shape.Empty => [],
            Shape.Single => [[0.4, 0.1, -0.2, 0.3, 0.0, 0.2, 0.5]],
            Shape.Constant => [[0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]],
            _ =>
            [
                [2.8, 1.9, 2.6, 1.1, -0.9, 1.2, 0.8],
                [1.1, 0.2, -0.3, 0.6, 1.4, 0.7, 1.6],
                [0.1, 0.3, 0.1, -0.2, 0.2, 0.1, 0.2],
                [-0.6, -0.8, -0.5, -0.9, 0.6, -0.7, -1.2],
                [-0.9, -0.4, -0.6, -1.6, 0.3, -0.8, -0.4],
            ],
        };
        var sizes = new[] { 24, 61, 143, 118, 97 };
        return centroids.Select((c, i) => new ClusterProfile(i + 1, sizes[i], AreaTypology.Describe(c), c, c.Select(z => 10 + z).ToArray())).ToList();
    }

    private static (double L80, double U80, double L95, double U95) Interval(double mean, double widen, bool constant)
    {
        if (constant)
        {
            return (mean, mean, mean, mean);
        }

        var sd = Math.Sqrt(mean * 1.3) * widen;
        return (Math.Max(0, mean - (1.28 * sd)), mean + (1.28 * sd), Math.Max(0, mean - (1.96 * sd)), mean + (1.96 * sd));
    }

    private static double PoissonSample(Random random, double mean)
    {
        // Knuth's method is fine for the small means used here; large means use a rounded normal.
        if (mean > 50)
        {
            return Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * Normal(random, 1))));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static DayOfWeek[] DayHourHeatmapChartDays() =>
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static double Normal(Random random, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
