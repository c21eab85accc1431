using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NeedsAssessment.Cli.Commands;

/// <summary>Writes large benchmark inputs in the published formats.</summary>
internal static class BenchData
{
    private static readonly string[] CrimeTypes =
    [
        "Anti-social behaviour", "Violence and sexual offences", "Criminal damage and arson", "Shoplifting", "Other theft",
        "Public order", "Burglary", "Vehicle crime", "Drugs", "Possession of weapons", "Robbery", "Bicycle theft",
        "Theft from the person", "Other crime",
    ];

    /// <summary>
    /// A data.police.uk-style street file: published header, 64-hex crime ids (blank for anti-social behaviour),
    /// some rows without location, and one row in a thousand with a bad month so the quarantine path is exercised.
    /// </summary>
    public static void WritePoliceStreet(string path, int rows, int seed)
    {
        var rng = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
        Span<byte> buf = stackalloc byte[8];
        for (var i = 0; i < rows; i++)
        {
            var type = CrimeTypes[rng.Next(CrimeTypes.Length)];
            var asb = type == CrimeTypes[0];
            BitConverter.TryWriteBytes(buf, ((long)seed << 32) + i);
            var id = asb ? "" : Convert.ToHexStringLower(SHA256.HashData(buf));
            var month = i % 1000 == 999 ? "2024-13" : $"2024-{1 + i % 12:00}";
            var lsoa = 1_000_000 + rng.Next(35_000);
            var located = rng.NextDouble() > 0.02;
            var lon = (-2.5 + rng.NextDouble()).ToString("F6", CultureInfo.InvariantCulture);
            var lat = (53.5 + rng.NextDouble()).ToString("F6", CultureInfo.InvariantCulture);
            w.Write(id); w.Write(','); w.Write(month); w.Write(",Bench Police,Bench Police,");
            if (located) { w.Write(lon); w.Write(','); w.Write(lat); w.Write(",On or near Bench Street,E0"); w.Write(lsoa.ToString(CultureInfo.InvariantCulture)); w.Write(",Bench 001A,"); }
            else w.Write(",,No Location,,,");
            w.Write(type); w.Write(',');
            w.Write(asb ? "" : "Investigation complete; no suspect identified");
            w.Write(",\n");
        }
    }
}
