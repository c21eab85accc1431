using DuckDB.NET.Data;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Geography;

/// <summary>
/// Projects WGS84 longitude/latitude to British National Grid once per distinct point and stages the result as a
/// table to join on, so no per-row managed function runs inside a query over millions of records.
/// </summary>
/// <remarks>
/// police.uk snaps every street crime to one of a limited set of anonymisation points (about 750,000 for England and
/// Wales), so a year of national records (6 million) has far fewer distinct locations than rows. Each distinct pair
/// goes through the same <see cref="BritishNationalGrid.FromLonLat"/> the per-row function used, so coordinates are
/// bit-for-bit the same; the join back is a hash join on the two doubles.
/// </remarks>
public static class DistinctPointProjection
{
    /// <summary>
    /// Creates <paramref name="table"/> (longitude, latitude, x, y) holding every distinct non-null pair of
    /// <paramref name="lonLatSql"/>'s two columns and its BNG easting/northing.
    /// </summary>
    /// <param name="connection">Open connection; runs inside its current transaction.</param>
    /// <param name="lonLatSql">A query returning two DOUBLE columns, longitude then latitude.</param>
    /// <param name="table">Name of the (plain) table to create or replace; the caller drops it when done.</param>
    /// <returns>The number of distinct points projected.</returns>
    public static int Stage(DuckDBConnection connection, string lonLatSql, string table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var lon = new List<double>();
        var lat = new List<double>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT DISTINCT lon, lat FROM ({lonLatSql}) p(lon, lat) WHERE lon IS NOT NULL AND lat IS NOT NULL";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                lon.Add(reader.GetDouble(0));
                lat.Add(reader.GetDouble(1));
            }
        }
        var n = lon.Count;
        var x = new double[n];
        var y = new double[n];
        // The transforms are per thread (BritishNationalGrid keeps one pair per thread), so chunks run in parallel.
        Parallel.For(0, (n + 4095) / 4096, chunk =>
        {
            for (int i = chunk * 4096, end = Math.Min(n, i + 4096); i < end; i++)
                (x[i], y[i]) = BritishNationalGrid.FromLonLat(lon[i], lat[i]);
        });
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"CREATE OR REPLACE TABLE \"{table}\" (longitude DOUBLE, latitude DOUBLE, x DOUBLE, y DOUBLE)";
            cmd.ExecuteNonQuery();
        }
        using (var appender = connection.CreateAppender(table))
            for (var i = 0; i < n; i++)
                appender.CreateRow().AppendValue(lon[i]).AppendValue(lat[i]).AppendValue(x[i]).AppendValue(y[i]).EndRow();
        return n;
    }
}
