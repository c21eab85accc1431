using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Ingest;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using Spectre.Console;

namespace NeedsAssessment.Cli.Commands;

/// <summary>
/// The national side-by-side: a year of police.uk street files for every LSOA of England and Wales through the
/// engine's core job (validated ingest, classification, sv_rate at LSOA for the rolling 12 months, Gi* on LSOA
/// centroids with the R peer's 1.5 km band), beside DuckDB's bare read of the same files in the same process and,
/// when R is installed, the R peer (../shared/bench/r_pipeline.R) on the same files.
/// </summary>
/// <remarks>
/// The input folder holds <c>police/</c> (the months), <c>centroids.csv</c> (LSOA21CD, x, y) and <c>population.csv</c>
/// (lsoa21_code, usual_residents), as the shared generator writes them; the engine also needs an area hierarchy
/// and population by age group, which are derived from those files (and the ONS ward lookup when given) and loaded
/// in the ingest step like any partner file.
/// </remarks>
internal static class NationalBench
{
    /// <summary>The R peer's distance band, in metres.</summary>
    public const double BandMetres = 1500;

    private static readonly string[] AgeGroups =
    [
        "Aged 15 years and under", "Aged 16 to 24 years", "Aged 25 to 34 years", "Aged 35 to 49 years", "Aged 50 to 64 years", "Aged 65 years and over",
    ];

    // England and Wales 2021 shares of the six age groups (Census 2021 TS007A, rounded); only the totals matter here.
    private static readonly double[] AgeShares = [0.19, 0.10, 0.14, 0.19, 0.19, 0.19];

    private sealed record Inputs(string Folder, IReadOnlyList<string> PoliceFiles, string Centroids, string Population,
        string EngineCentroids, string EnginePopulation, string Geography);

    private sealed record Step(string Name, double Seconds, double PeakMb, long Rows);

    public static int Run(BenchCommand.Settings s)
    {
        var limit = StoreLimits.ParseSize(s.MemoryLimit)
            ?? throw new UserErrorException($"--memory-limit should be a size such as 2GB or 1500MB, not '{s.MemoryLimit}'.");
        if (s.Runs is < 1 or > 10) throw new UserErrorException($"--runs must be between 1 and 10, not {s.Runs}.");
        var folder = s.Work ?? Directory.CreateTempSubdirectory("na-bench-national-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            var inputs = Prepare(s, folder);
            // Through an open handle, so a linked month counts its own bytes, not the link's.
            var bytes = inputs.PoliceFiles.Sum(f => { using var h = File.OpenHandle(f); return RandomAccess.GetLength(h); });
            AnsiConsole.MarkupLine($"{inputs.PoliceFiles.Count} police.uk files, {bytes / 1e9:F2} GB; DuckDB memory limit {limit}; {Environment.ProcessorCount} cores.");
            var rscript = FindOnPath("Rscript");
            var peer = s.RPeer is not null && File.Exists(s.RPeer) ? Path.GetFullPath(s.RPeer) : null;
            if (rscript is null || peer is null)
                AnsiConsole.MarkupLine($"[yellow]R peer not run: {(rscript is null ? "Rscript is not on PATH (apt-get install r-base-core r-cran-data.table r-cran-spdep)" : $"'{s.RPeer}' not found (--r-peer)")}.[/]");

            var rounds = new List<(double Bare, double BarePeak, IReadOnlyList<Step> Engine, (double Seconds, double PeakMb, string Output)? R)>();
            for (var run = 1; run <= s.Runs; run++)
            {
                var runFolder = Path.Combine(folder, $"run{run}");
                if (Directory.Exists(runFolder)) Directory.Delete(runFolder, true);
                Directory.CreateDirectory(runFolder);
                var warmed = Warm(inputs);
                if (run == 1) AnsiConsole.MarkupLine($"[grey]input files read once before each run ({warmed:F1} s), so neither side is timed reading the disk[/]");
                var (bare, barePeak) = BareRead(inputs, runFolder, limit);
                AnsiConsole.MarkupLine($"[grey]run {run}: bare read {bare:F1} s, peak {barePeak:F0} MB[/]");
                var engine = Engine(inputs, runFolder, limit, s.GridHotspots);
                (double, double, string)? r = rscript is not null && peer is not null ? RPeer(rscript, peer, inputs) : null;
                if (r is { } rr) AnsiConsole.MarkupLine($"[grey]run {run}: R peer {rr.Item1:F1} s, peak {rr.Item2:F0} MB[/]");
                rounds.Add((bare, barePeak, engine, r));
                Directory.Delete(runFolder, true);
            }
            Print(rounds, s.GridHotspots);
            return 0;
        }
        finally
        {
            if (s.Work is null) Directory.Delete(folder, recursive: true);
        }
    }

    private static Inputs Prepare(BenchCommand.Settings s, string folder)
    {
        var input = s.Input is not null ? Path.GetFullPath(s.Input) : Path.Combine(folder, "input");
        if (s.Input is null)
        {
            var centroids = s.Centroids ?? throw new UserErrorException("--centroids is needed to generate the months (the ONS LSOA 2021 population-weighted centroids), or give --input.");
            if (!File.Exists(centroids)) throw new UserErrorException($"Centroids file '{centroids}' does not exist.");
            if (!File.Exists(Path.Combine(input, "population.csv")))
            {
                AnsiConsole.MarkupLine($"Writing 12 national police.uk months to {Markup.Escape(input)} ...");
                var sw = Stopwatch.StartNew();
                NationalBenchData.Write(centroids, input, seed: 5);
                AnsiConsole.MarkupLine($"[grey]generated in {sw.Elapsed.TotalSeconds:F1} s[/]");
            }
        }
        var policeDir = Path.Combine(input, "police");
        if (!Directory.Exists(policeDir)) throw new UserErrorException($"'{input}' has no police/ folder of street files.");
        var police = Directory.EnumerateFiles(policeDir, "*street.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (police.Count == 0) throw new UserErrorException($"'{policeDir}' has no *street.csv files.");
        var cen = Path.Combine(input, "centroids.csv");
        var pop = Path.Combine(input, "population.csv");
        foreach (var f in new[] { cen, pop })
            if (!File.Exists(f)) throw new UserErrorException($"'{f}' is missing; the input folder needs police/, centroids.csv and population.csv.");
        var derived = Path.Combine(folder, "derived");
        Directory.CreateDirectory(derived);
        var enginePop = Path.Combine(derived, "population-by-age.csv");
        var totals = ReadPopulation(pop);
        WritePopulationByAge(totals, enginePop);
        var geography = Path.Combine(derived, "geography.csv");
        WriteGeography(totals.Keys, s.Wards, geography);
        var engineCen = Path.Combine(derived, "centroids.csv");
        WritePublishedCentroids(cen, engineCen);
        return new Inputs(input, police, cen, pop, engineCen, enginePop, geography);
    }

    private static SortedDictionary<string, long> ReadPopulation(string path)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var r = new StreamReader(path);
        var header = (r.ReadLine() ?? "").TrimStart('\uFEFF').Split(',');
        int code = Array.IndexOf(header, "lsoa21_code"), n = Array.IndexOf(header, "usual_residents");
        if (code < 0 || n < 0) throw new UserErrorException($"'{path}' needs lsoa21_code and usual_residents columns.");
        while (r.ReadLine() is { } line)
        {
            var p = line.Split(',');
            totals[p[code]] = totals.GetValueOrDefault(p[code]) + long.Parse(p[n], CultureInfo.InvariantCulture);
        }
        return totals;
    }

    /// <summary>The engine's population kind is by age group; each total is split so the groups add back up to it.</summary>
    private static void WritePopulationByAge(SortedDictionary<string, long> totals, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        // The generator gives no LSOA names; the code stands in for one.
        w.Write("lsoa21_code,lsoa21_name,age_group,usual_residents\n");
        foreach (var (code, total) in totals)
        {
            long left = total;
            for (var g = 0; g < AgeGroups.Length; g++)
            {
                var n = g == AgeGroups.Length - 1 ? left : (long)Math.Floor(total * AgeShares[g]);
                left -= n;
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{code},{code},{AgeGroups[g]},{n}\n"));
            }
        }
    }

    /// <summary>The centroids in ONS's published layout (FID, LSOA21CD, GlobalID, x, y), as the centroids kind expects.</summary>
    private static void WritePublishedCentroids(string path, string output)
    {
        using var r = new StreamReader(path);
        var header = (r.ReadLine() ?? "").TrimStart('\uFEFF').Split(',');
        int c = Array.IndexOf(header, "LSOA21CD"), x = Array.IndexOf(header, "x"), y = Array.IndexOf(header, "y");
        if (c < 0 || x < 0 || y < 0) throw new UserErrorException($"'{path}' needs LSOA21CD, x and y columns.");
        using var w = new StreamWriter(output, false, new UTF8Encoding(false));
        w.Write("FID,LSOA21CD,GlobalID,x,y\n");
        var fid = 0;
        while (r.ReadLine() is { } line)
        {
            var p = line.Split(',');
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{++fid},{p[c]},,{p[x]},{p[y]}\n"));
        }
    }

    /// <summary>LSOA -> ward -> district from the ONS best-fit lookup when given; otherwise one district for the nation.</summary>
    private static void WriteGeography(IEnumerable<string> lsoas, string? wardLookup, string path)
    {
        var known = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (wardLookup is not null && File.Exists(wardLookup))
        {
            using var r = new StreamReader(wardLookup);
            var header = (r.ReadLine() ?? "").TrimStart('\uFEFF').Split(',');
            int[] ix = [.. new[] { "LSOA21CD", "LSOA21NM", "WD23CD", "WD23NM", "LAD23CD", "LAD23NM" }.Select(h => Array.IndexOf(header, h))];
            if (ix.All(i => i >= 0))
                while (r.ReadLine() is { } line)
                {
                    var p = SplitCsv(line);
                    known[p[ix[0]]] = [.. ix.Select(i => p[i])];
                }
        }
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write("lsoa21_code,lsoa21_name,ward_code,ward_name,district_code,district_name,partnership_code,partnership_name\n");
        foreach (var code in lsoas)
        {
            // England and Wales is K04000001, which the geography schema's area codes (E, W or Z) refuse, so the
            // bench's one partnership takes a Z (synthetic) code.
            var g = known.GetValueOrDefault(code) ?? [code, code, "", "", NationCode, "England and Wales"];
            w.Write(string.Join(',', new[] { code, g[1], g[2], g[3], g[4], g[5], NationCode, "England and Wales" }.Select(Quote)));
            w.Write('\n');
        }
    }

    private const string NationCode = "Z92000001";

    private static string Quote(string v) => v.Contains(',') || v.Contains('"') ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>
    /// Reads every input file once, untimed. Why: after a test run or a build has pushed them out of the page cache, the
    /// first timed read comes from disk; a 50 s bare read against 8 s warm made one run's ratio meaningless.
    /// </summary>
    /// <returns>Seconds the reading took.</returns>
    private static double Warm(Inputs inputs)
    {
        var sw = Stopwatch.StartNew();
        var buffer = new byte[1 << 20];
        foreach (var f in inputs.PoliceFiles.Append(inputs.EngineCentroids).Append(inputs.EnginePopulation).Append(inputs.Geography)
                     .Append(inputs.Centroids).Append(inputs.Population))
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            while (stream.Read(buffer, 0, buffer.Length) > 0) { }
        }
        return sw.Elapsed.TotalSeconds;
    }

    private static (double Seconds, double PeakMb) BareRead(Inputs inputs, string folder, string limit)
    {
        using var store = AssessmentStore.Open(Path.Combine(folder, "bare.duckdb"), limits: new StoreLimits(limit));
        var files = "[" + string.Join(", ", inputs.PoliceFiles.Select(AssessmentStore.Literal)) + "]";
        ResetPeak();
        var sw = Stopwatch.StartNew();
        var cpu = Cpu();
        store.Execute($"CREATE TABLE t AS SELECT * FROM read_csv({files}, all_varchar = true)");
        // CPU seconds beside wall seconds: on a shared machine the wall clock moves with the neighbours, the CPU time much less.
        AnsiConsole.MarkupLine($"[grey]  bare read: {Cpu() - cpu:F1} CPU s[/]");
        return (sw.Elapsed.TotalSeconds, PeakMb());
    }

    private static List<Step> Engine(Inputs inputs, string folder, string limit, bool gridHotspots)
    {
        var steps = new List<Step>();
        var sw = Stopwatch.StartNew();
        var cpu = Cpu();
        void Mark(string name, long rows)
        {
            steps.Add(new Step(name, sw.Elapsed.TotalSeconds, PeakMb(), rows));
            AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(name)}: {sw.Elapsed.TotalSeconds:F1} s ({Cpu() - cpu:F1} CPU s), peak {steps[^1].PeakMb:F0} MB, {rows:N0} rows[/]");
            ResetPeak();
            sw.Restart();
            cpu = Cpu();
        }
        ResetPeak();
        sw.Restart();
        using var store = AssessmentStore.Open(Path.Combine(folder, "engine.duckdb"), limits: new StoreLimits(limit));
        var ingester = new Ingester(store);
        long rows = 0;
        long quarantined = 0;
        // As the ingest stage loads a run's inputs: one LoadAll over every file in load order (reference files, then
        // the months), which reads the next kind's files while the one before writes and runs of small months in one pass.
        var requests = new List<LoadRequest>
        {
            new("geography", inputs.Geography), new("centroids", inputs.EngineCentroids), new("population", inputs.EnginePopulation),
        };
        requests.AddRange(inputs.PoliceFiles.Select(f => new LoadRequest("police-street", f)));
        foreach (var r in ingester.LoadAll(requests))
        {
            rows += r.RowsLoaded;
            quarantined += r.RowsQuarantined;
        }
        Mark(quarantined == 0 ? "ingest (validated)" : $"ingest (validated; {quarantined:N0} quarantined)", rows);
        var classified = Classifier.Run(store);
        Mark("classify", classified.Events);
        var indicators = IndicatorEngine.Compute(store, new IndicatorOptions
        {
            IndicatorIds = ["sv_rate"], Levels = [IndicatorLevels.Lsoa], PeriodTypes = [PeriodTypes.Rolling12Months],
        });
        Mark("sv_rate at LSOA, rolling 12 months", indicators.Rows);
        var (lsoas, violent, hot99) = LsoaGiStar(store);
        Mark($"Gi* on LSOA centroids, {BandMetres:F0} m band ({violent:N0} events, {hot99:N0} LSOAs z > 2.576)", lsoas);
        if (gridHotspots)
        {
            HotspotAnalysis.Run(store, new HotspotOptions { Methods = HotspotMethods.GiStar });
            Mark("hot spot stage (grid Gi*, not in the core job)", Convert.ToInt64(store.Scalar("SELECT count(*) FROM hotspots"), CultureInfo.InvariantCulture));
        }
        return steps;
    }

    /// <summary>
    /// Gi* as the R peer computes it: each LSOA's count of the latest rolling 12 months (read from the indicator
    /// stage's sv_rate rows, zero where the LSOA has none) on its centroid, binary weights within the band, self included.
    /// </summary>
    private static (long Lsoas, long Violent, long Hot99) LsoaGiStar(AssessmentStore store)
    {
        var rows = store.Query("""
            WITH v AS (SELECT area_code, count FROM indicator_values
                       WHERE indicator_id = 'sv_rate' AND level = 'lsoa' AND period_type = 'rolling_12_months'
                         AND period_end = (SELECT max(period_end) FROM indicator_values WHERE indicator_id = 'sv_rate' AND period_type = 'rolling_12_months'))
            SELECT c.lsoa21_code, c.x, c.y, coalesce(v.count, 0)
            FROM (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(x) AS x, any_value(y) AS y FROM centroids GROUP BY 1) c
            JOIN (SELECT DISTINCT upper(trim(lsoa21_code)) AS lsoa21_code FROM population) p USING (lsoa21_code)
            LEFT JOIN v ON v.area_code = c.lsoa21_code
            ORDER BY c.lsoa21_code
            """, r => (X: r.GetDouble(1), Y: r.GetDouble(2), N: Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture)));
        var points = rows.Select(r => new SpatialPoint(r.X, r.Y)).ToList();
        var counts = rows.Select(r => r.N).ToList();
        var weights = SpatialWeights.DistanceBand(points, BandMetres, includeSelf: true);
        var gi = GetisOrdGiStar.Compute(counts, weights);
        var hot = gi.Values.Count(v => v.Z > 2.5758293035489);
        return (rows.Count, (long)counts.Sum(), hot);
    }

    private static (double Seconds, double PeakMb, string Output) RPeer(string rscript, string peer, Inputs inputs)
    {
        var psi = new ProcessStartInfo(rscript) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { peer, Path.Combine(inputs.Folder, "police"), inputs.Centroids, inputs.Population, BandMetres.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new UserErrorException("Could not start Rscript.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        double peak = 0;
        // VmHWM is the process's own high-water mark, so sampling it until exit catches the peak.
        while (!p.WaitForExit(50))
            peak = Math.Max(peak, ReadHwmMb(p.Id));
        var seconds = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) throw new UserErrorException($"The R peer failed ({p.ExitCode}): {stderr.Result}");
        return (seconds, peak, stdout.Result.Replace('\n', ' ').Trim());
    }

    private static double ReadHwmMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 * 1.048576;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return 0;
    }

    private static void Print(List<(double Bare, double BarePeak, IReadOnlyList<Step> Engine, (double Seconds, double PeakMb, string Output)? R)> rounds, bool grid)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("job");
        for (var i = 0; i < rounds.Count; i++) table.AddColumn($"run {i + 1}: s", c => c.RightAligned()).AddColumn("peak MB", c => c.RightAligned());
        void Row(string name, Func<int, (double S, double Mb)?> cell)
        {
            var cells = new List<string> { name };
            for (var i = 0; i < rounds.Count; i++)
            {
                var v = cell(i);
                cells.Add(v is { } x ? x.S.ToString("F1", CultureInfo.InvariantCulture) : "-");
                cells.Add(v is { } y ? y.Mb.ToString("F0", CultureInfo.InvariantCulture) : "-");
            }
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        Row("DuckDB bare CREATE TABLE AS SELECT * FROM read_csv(all_varchar)", i => (rounds[i].Bare, rounds[i].BarePeak));
        var coreSteps = rounds[0].Engine.Count - (grid ? 1 : 0);
        for (var k = 0; k < rounds[0].Engine.Count; k++)
        {
            var kk = k;
            Row("engine: " + rounds[0].Engine[k].Name, i => (rounds[i].Engine[kk].Seconds, rounds[i].Engine[kk].PeakMb));
        }
        (double S, double Mb) Core(int i) => (rounds[i].Engine.Take(coreSteps).Sum(x => x.Seconds), rounds[i].Engine.Take(coreSteps).Max(x => x.PeakMb));
        Row("engine core job (ingest, classify, sv_rate, Gi*)", i => Core(i));
        Row("R peer (data.table + spdep)", i => rounds[i].R is { } r ? (r.Seconds, r.PeakMb) : null);
        AnsiConsole.Write(table);
        for (var i = 0; i < rounds.Count; i++)
        {
            var core = Core(i);
            var line = $"run {i + 1}: core / bare read = {core.S / rounds[i].Bare:F2}x (target <= 2x); peak {core.Mb:F0} MB (target < 2,000 MB)";
            if (rounds[i].R is { } r) line += $"; core / R peer = {core.S / r.Seconds:F2}x (target < 1x); R printed: {r.Output}";
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    private static string? FindOnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);

    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double PeakMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1e6;
    }

    /// <summary>Resets VmHWM (Linux) so each step reports its own peak; see <see cref="AssessmentBench"/>.</summary>
    private static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException) { }
    }
}
