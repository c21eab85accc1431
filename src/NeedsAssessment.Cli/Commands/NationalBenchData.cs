using System.Globalization;
using System.Text;

namespace NeedsAssessment.Cli.Commands;

/// <summary>
/// The engine's own copy of ../shared/bench/gen_national_police.py: 12 synthetic police.uk months of 500,000 rows
/// each over every LSOA centroid given, plus <c>centroids.csv</c> and <c>population.csv</c> in the shapes the R peer reads.
/// Same crime-type mix, weights and coordinate mapping; a different random stream, so not the same rows.
/// </summary>
internal static class NationalBenchData
{
    private static readonly (string Type, double Weight)[] Types =
    [
        ("Violence and sexual offences", 0.34), ("Anti-social behaviour", 0.2), ("Criminal damage and arson", 0.08), ("Shoplifting", 0.08),
        ("Other theft", 0.07), ("Public order", 0.07), ("Vehicle crime", 0.06), ("Burglary", 0.04), ("Drugs", 0.02), ("Robbery", 0.01),
        ("Possession of weapons", 0.01), ("Theft from the person", 0.01), ("Bicycle theft", 0.005), ("Other crime", 0.005),
    ];

    public static void Write(string centroidsFile, string folder, int seed, int rowsPerMonth = 500_000)
    {
        var rng = new Random(seed);
        var cen = new List<(string Code, double X, double Y)>();
        using (var r = new StreamReader(centroidsFile))
        {
            var header = (r.ReadLine() ?? "").TrimStart('\uFEFF').Split(',');
            int c = Array.IndexOf(header, "LSOA21CD"), x = Array.IndexOf(header, "x"), y = Array.IndexOf(header, "y");
            if (c < 0 || x < 0 || y < 0) throw new UserErrorException($"'{centroidsFile}' needs LSOA21CD, x and y columns (the ONS population-weighted centroids).");
            while (r.ReadLine() is { } line)
            {
                var p = line.Split(',');
                cen.Add((p[c], double.Parse(p[x], CultureInfo.InvariantCulture), double.Parse(p[y], CultureInfo.InvariantCulture)));
            }
        }
        var cumulative = new double[cen.Count];
        double total = 0;
        for (var i = 0; i < cen.Count; i++)
        {
            // Lognormal(0, 0.8) weights, as random.lognormvariate(0, 0.8).
            var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            total += Math.Exp(0.8 * z);
            cumulative[i] = total;
        }
        var typeCumulative = new double[Types.Length];
        double t = 0;
        for (var i = 0; i < Types.Length; i++) typeCumulative[i] = t += Types[i].Weight;

        var police = Path.Combine(folder, "police");
        Directory.CreateDirectory(police);
        var id = new byte[32];
        for (var m = 1; m <= 12; m++)
        {
            var month = $"2024-{m:00}";
            using var w = new StreamWriter(Path.Combine(police, $"{month}-national-street.csv"), false, new UTF8Encoding(false), 1 << 20);
            w.Write("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
            for (var k = 0; k < rowsPerMonth; k++)
            {
                var i = Pick(cumulative, rng.NextDouble() * total);
                var type = Types[Pick(typeCumulative, rng.NextDouble() * t)].Type;
                var (code, x, y) = cen[i];
                var asb = type == "Anti-social behaviour";
                rng.NextBytes(id);
                var lon = -2 + (x - 400000) / 70000;
                var lat = 52.5 + (y - 300000) / 111000;
                if (!asb) w.Write(Convert.ToHexStringLower(id));
                w.Write(',');
                w.Write(month);
                w.Write(",Force,Force,");
                w.Write(lon.ToString("F6", CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(lat.ToString("F6", CultureInfo.InvariantCulture));
                w.Write(",On or near Somewhere,");
                w.Write(code);
                w.Write(",Area ");
                w.Write(code.AsSpan(code.Length - 4));
                w.Write(',');
                w.Write(type);
                w.Write(asb ? ",,\n" : ",Under investigation,\n");
            }
        }
        using (var w = new StreamWriter(Path.Combine(folder, "centroids.csv"), false, new UTF8Encoding(false)))
        {
            w.Write("LSOA21CD,x,y\n");
            foreach (var (code, x, y) in cen) w.Write(string.Create(CultureInfo.InvariantCulture, $"{code},{x},{y}\n"));
        }
        using (var w = new StreamWriter(Path.Combine(folder, "population.csv"), false, new UTF8Encoding(false)))
        {
            w.Write("lsoa21_code,usual_residents\n");
            foreach (var (code, _, _) in cen) w.Write(string.Create(CultureInfo.InvariantCulture, $"{code},{rng.Next(1000, 3001)}\n"));
        }
    }

    private static int Pick(double[] cumulative, double u)
    {
        var i = Array.BinarySearch(cumulative, u);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
