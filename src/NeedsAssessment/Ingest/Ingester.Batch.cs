using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>One file to load: its dataset kind, path and mapping.</summary>
/// <param name="Kind">Dataset kind.</param>
/// <param name="Path">The file.</param>
/// <param name="Mapping">How its layout differs from the schema's; null for none.</param>
public sealed record LoadRequest(string Kind, string Path, InputMapping? Mapping = null);

public sealed partial class Ingester
{
    /// <summary>
    /// Consecutive small files read in one pass hold at most this many bytes: a police.uk folder of months is
    /// dozens of files of a few thousand rows each, and planning and committing each one alone costs more than
    /// reading it, while a national month (about 85 MB) is read alone so a pass never holds more than one of them.
    /// </summary>
    internal const long BatchBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Loads files in order, exactly as <see cref="Load"/> one by one would: same load ids, record numbers, quarantine
    /// and notes. Runs of consecutive plain CSV files of one kind with the same header are read in one pass and
    /// committed together (see <see cref="BatchBytes"/>); anything unusual about a file (not UTF-8, a broken quote,
    /// blank lines, a mapping, columns outside the schema, a file already loaded or replaced, a kind whose rules
    /// compare files with each other), and any error in the pass, sends its files through <see cref="Load"/> one at a
    /// time, so the errors and the per-file atomicity are those of a single load.
    /// </summary>
    /// <remarks>
    /// Files of different kinds go to different tables, so the next kind's files are read and checked on a second
    /// connection while this kind's are written (<see cref="LoadOverlapped"/>); every write still happens in file order.
    /// </remarks>
    /// <param name="files">The files, in load order.</param>
    /// <param name="progress">Receives a line per step.</param>
    /// <param name="refused">Turns a user error of one file into the error to throw (to name the input); the error itself when null.</param>
    /// <param name="kindLoaded">
    /// Told each kind once its files, and every file before them, are loaded and committed, while later kinds load; it
    /// may be told of none (when the files load one kind at a time, on this connection).
    /// </param>
    public IReadOnlyList<LoadResult> LoadAll(IReadOnlyList<LoadRequest> files, IProgress<string>? progress = null,
        Func<LoadRequest, UserErrorException, Exception>? refused = null, Action<string>? kindLoaded = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var kinds = KindRuns(files);
        // Under the trace each step's CPU seconds must be its own; a test's injected failure expects one connection.
        return kinds.Count < 2 || Checkpoint is not null || BeforeWrite is not null || PhaseTrace.Enabled
            ? LoadInOrder(files, progress, refused)
            : LoadOverlapped(kinds, progress, refused, kindLoaded);
    }

    /// <summary>The files cut into runs of consecutive files of one kind.</summary>
    private static List<List<LoadRequest>> KindRuns(IReadOnlyList<LoadRequest> files)
    {
        var runs = new List<List<LoadRequest>>();
        foreach (var f in files)
        {
            if (runs.Count == 0 || runs[^1][0].Kind != f.Kind) runs.Add([]);
            runs[^1].Add(f);
        }
        return runs;
    }

    /// <summary>
    /// Loads runs of files of one kind, each run on its own connection, with the next run reading and checking its
    /// first file while the one before writes. A run writes (its transaction, its load ids) only once every run before
    /// it has finished (<see cref="BeforeWrite"/>), so the load ids, the rows, the loads table and the quarantine are
    /// those of loading the files one after another. What a load reads before it writes is its own file and the loads
    /// of its own kind (already loaded? replacing?), which no other run changes. The progress lines are held back and
    /// given in file order, and the error is the first failing file's in that order: a run after a failure writes
    /// nothing and says nothing, as it would never have started.
    /// </summary>
    /// <remarks>
    /// At most two runs are in flight: on two cores one writes while the next reads (the real example's reference
    /// files: about 40% of each load is the read-and-check pass). Two files of equal size in neighbouring runs could
    /// be one content, whose re-encoded temp copy (named from its hash) the two loads would share, so such runs don't overlap.
    /// </remarks>
    private List<LoadResult> LoadOverlapped(List<List<LoadRequest>> runs, IProgress<string>? progress,
        Func<LoadRequest, UserErrorException, Exception>? refused, Action<string>? kindLoaded)
    {
        var ordered = new OrderedProgress(progress, runs.Count, kindLoaded is null ? null : k => kindLoaded(runs[k][0].Kind));
        var finished = runs.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var results = new IReadOnlyList<LoadResult>?[runs.Count];
        var failures = new Exception?[runs.Count];
        var tasks = new Task[runs.Count];
        var sizes = runs.Select(r => r.Select(f => FileLength(f.Path)).OfType<long>().ToHashSet()).ToArray();

        void AwaitTurn(int k)
        {
            if (k == 0) return;
            finished[k - 1].Task.Wait();
            if (failures[k - 1] is not null) throw new EarlierLoadFailedException();
        }

        void LoadRun(int k)
        {
            AssessmentStore? connection = null;
            try
            {
                connection = k == 0 ? null : _store.Duplicate();
                var loader = connection is null ? this : new Ingester(connection) { Dates = Dates, IssueSampleSize = IssueSampleSize, BeforeWrite = () => AwaitTurn(k) };
                var loaded = loader.LoadInOrder(runs[k], ordered.For(k), refused);
                // A run of files all loaded before writes nothing, but still finishes after the runs before it.
                AwaitTurn(k);
                results[k] = loaded;
            }
            catch (Exception ex)
            {
                failures[k] = ex;
            }
            finally
            {
                connection?.Dispose();
                // The runs after this one wait for it, whatever the caller's progress reporter does with its lines.
                try { ordered.Finished(k, failures[k] is not null); }
                catch (Exception ex) { failures[k] ??= ex; }
                finally { finished[k].SetResult(); }
            }
        }

        for (var k = 0; k < runs.Count; k++)
        {
            if (k >= 2) tasks[k - 2].Wait();
            if (k >= 1 && sizes[k].Overlaps(sizes[k - 1])) tasks[k - 1].Wait();
            // After a failure nothing further starts; a run already reading stops at its first write.
            if (failures.Take(k).Any(f => f is not null))
            {
                failures[k] = new EarlierLoadFailedException();
                ordered.Finished(k, failed: true);
                finished[k].SetResult();
                tasks[k] = Task.CompletedTask;
                continue;
            }
            var run = k;
            tasks[k] = Task.Factory.StartNew(() => LoadRun(run), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Task.WaitAll(tasks);
        if (failures.FirstOrDefault(f => f is not null) is { } first) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        return [.. results.SelectMany(r => r!)];
    }

    /// <summary>Thrown at a load's first write when a load before it failed: it writes nothing, and the earlier error is the one reported.</summary>
    private sealed class EarlierLoadFailedException : Exception
    {
        public EarlierLoadFailedException() : base("An earlier load failed; this one wrote nothing.") { }
    }

    /// <summary>
    /// Progress lines of overlapping runs, given in file order: the earliest unfinished run's lines go straight
    /// through, a later run's are held until every run before it has finished, and none after a failed run are given.
    /// <c>passed</c> is told each run, in order, once it and every run before it have loaded.
    /// </summary>
    private sealed class OrderedProgress(IProgress<string>? inner, int runs, Action<int>? passed)
    {
        private readonly Lock _gate = new();
        private readonly List<string>[] _held = [.. Enumerable.Range(0, runs).Select(_ => new List<string>())];
        private readonly bool[] _finished = new bool[runs];
        private readonly bool[] _failed = new bool[runs];
        private int _current;
        private bool _stopped;

        public IProgress<string>? For(int run) => inner is null ? null : new RunProgress(this, run);

        public void Finished(int run, bool failed)
        {
            lock (_gate)
            {
                _finished[run] = true;
                _failed[run] = failed;
                while (!_stopped && _finished[_current])
                {
                    // The failed run's own lines up to its error were given; nothing after it is.
                    if (_failed[_current])
                    {
                        _stopped = true;
                        break;
                    }
                    // Every run up to this one has loaded: its kind's table is finished.
                    passed?.Invoke(_current);
                    if (++_current == runs)
                    {
                        _stopped = true;
                        break;
                    }
                    foreach (var line in _held[_current]) inner?.Report(line);
                    _held[_current].Clear();
                }
            }
        }

        private void Report(int run, string line)
        {
            lock (_gate)
            {
                if (_stopped) return;
                if (run == _current) inner?.Report(line);
                else _held[run].Add(line);
            }
        }

        private sealed class RunProgress(OrderedProgress owner, int run) : IProgress<string>
        {
            public void Report(string value) => owner.Report(run, value);
        }
    }

    /// <summary>Loads the files one unit after another on this loader's connection (see <see cref="LoadAll"/>).</summary>
    private List<LoadResult> LoadInOrder(IReadOnlyList<LoadRequest> files, IProgress<string>? progress,
        Func<LoadRequest, UserErrorException, Exception>? refused)
    {
        var results = new List<LoadResult>();
        LoadResult One(LoadRequest f)
        {
            progress?.Report($"  loading {f.Kind}: {Path.GetFileName(f.Path)}");
            try { return Load(f.Kind, f.Path, dryRun: false, progress, f.Mapping ?? InputMapping.None); }
            catch (UserErrorException ex) when (refused is not null) { throw refused(f, ex); }
        }

        var i = 0;
        while (i < files.Count)
        {
            // A file with no next file of its kind can't start a run: it goes straight to Load, inspected once.
            if (i + 1 == files.Count || files[i + 1].Kind != files[i].Kind)
            {
                Prefetch(files, i + 1);
                results.Add(One(files[i]));
                i++;
                continue;
            }
            var run = new List<(LoadRequest Request, SourceFile File)>();
            long bytes = 0;
            for (var j = i; j < files.Count; j++)
            {
                var candidate = Batchable(files[j], files[i].Kind, run, BatchBytes - bytes);
                if (candidate is null) break;
                run.Add((files[j], candidate));
                bytes += candidate.Bytes;
            }
            if (run.Count >= 2 && LoadBatch(run, progress) is { } batch)
            {
                results.AddRange(batch);
                i += run.Count;
                continue;
            }
            // Not a run, or the pass failed: the same files one at a time, where each error is the file's own.
            foreach (var f in run.Count >= 2 ? run.Select(r => r.Request) : [files[i]])
            {
                Prefetch(files, i + 1);
                results.Add(One(f));
                i++;
            }
        }
        return results;
    }

    /// <summary>
    /// Starts inspecting <c>files[next]</c> (hashing it, checking its UTF-8, reading its header) on another thread
    /// while the current file loads: that pass is C# on one core, and DuckDB's load of a large file leaves the other
    /// core idle part of the time. Only a file too big to join a run is prefetched; the rest are inspected by the
    /// run's own check. <see cref="Load"/> takes the result when the file is unchanged, else inspects it itself.
    /// </summary>
    private void Prefetch(IReadOnlyList<LoadRequest> files, int next)
    {
        // A workbook is read through its sheet, never inspected as a file: nothing to prefetch.
        if (next >= files.Count || files[next].Mapping is { IsEmpty: false } || WorkbookSheet.IsWorkbook(files[next].Path)
            || !_store.Schemas.Contains(files[next].Kind)) return;
        var f = files[next];
        var schema = _store.Schemas.Get(f.Kind);
        if (FileLength(f.Path) is not > BatchBytes) return;
        _prefetch.Start(f.Path, schema);
    }

    /// <summary>The size of the file, through any link (<see cref="SourceFile.Target"/>), or null when it can't be read (Load then reports why, in the file's name).</summary>
    internal static long? FileLength(string path)
    {
        try { return SourceFile.Target(path).Length; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return null; }
    }

    /// <summary>
    /// The file's inspection when it can join the run (a plain CSV of the run's kind and header, new to the store,
    /// within <paramref name="room"/> bytes), else null.
    /// </summary>
    private SourceFile? Batchable(LoadRequest f, string kind, List<(LoadRequest Request, SourceFile File)> run, long room)
    {
        if (Checkpoint is not null || f.Kind != kind || f.Mapping is { IsEmpty: false }) return null;
        var name = f.Path.ToLowerInvariant();
        if (!(name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal))) return null;
        // Sized before it is inspected: a national month (85 MB) never fits, and hashing it here only for Load to
        // hash it again cost a second pass over every such file (about 0.1 s each).
        if (FileLength(f.Path) is not { } length || length > room) return null;
        var schema = _store.Schemas.Get(kind);
        if (schema.RowKeyAcrossFiles || schema.Fields.Any(x => x.Unique)) return null;
        SourceFile file;
        try { file = SourceFile.Inspect(f.Path, schema); }
        catch (Exception e) when (e is UserErrorException or IOException or UnauthorizedAccessException) { return null; }
        if (file.Format != SourceFormat.Csv || !file.IsUtf8 || file.InvalidUtf8 > 0 || file.Delimiter != ',' || file.Lines is { IsTrivial: false }) return null;
        if (run.Count > 0 && (!run[0].File.Header.SequenceEqual(file.Header) || run.Any(r => r.File.Sha256 == file.Sha256))) return null;
        try
        {
            var map = HeaderMatcher.Match(schema, file.Header.ToList(), file.FileName, out var extras);
            if (extras.Count > 0 || map.Keys.Any(x => !x.IsStored)) return null;
        }
        catch (UserErrorException) { return null; }
        var known = Convert.ToInt64(_store.Scalar($"""
            SELECT count(*) FROM loads WHERE kind = {Lit(schema.Kind)} AND status IN ('loaded','replaced')
              AND (sha256 = {Lit(file.Sha256)} OR file_path = {Lit(System.IO.Path.GetFullPath(file.Path))})
            """), CultureInfo.InvariantCulture);
        return known == 0 ? file : null;
    }

    /// <summary>
    /// Reads a run of files in one pass and finishes each as its own load inside one transaction; null (nothing
    /// written) when the pass can't keep the per-file guarantees, so the caller loads the files one at a time.
    /// </summary>
    private List<LoadResult>? LoadBatch(List<(LoadRequest Request, SourceFile File)> run, IProgress<string>? progress)
    {
        var schema = _store.Schemas.Get(run[0].Request.Kind);
        var first = run[0].File;
        foreach (var (r, _) in run) progress?.Report($"  loading {r.Kind}: {Path.GetFileName(r.Path)} (read in one pass with {run.Count - 1} other file(s))");
        PhaseTrace.Mark("batch: start");
        var started = DateTime.UtcNow;
        // As in a single load, the read-and-check pass runs before the transaction so the copy from its temp table is parallel.
        System.Data.Common.DbTransaction? tx = null;
        try
        {
            DropStaging();
            _store.Execute("DROP TABLE IF EXISTS __batch_files; DROP TABLE IF EXISTS __batch_failed; DROP TABLE IF EXISTS __batch_dups;");
            var map = HeaderMatcher.Match(schema, first.Header.ToList(), first.FileName, out _);
            var plan = BuildPlan(schema, map, markersHandledByReader: true, Dates);
            var paths = run.Select(r => r.File.Path).ToList();
            ReadCheckedInto(plan, CsvReader(schema, first, paths, "__rej", FileColumn), carry: FileColumn);
            PhaseTrace.Mark($"batch: read + check + type {run.Count} files");
            // A malformed line shifts record numbers, which the single-file path handles; here it sends the run there.
            if (_store.TableExists("__rej_errors") && Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __rej_errors"), CultureInfo.InvariantCulture) > 0)
                return Abandon(tx);

            // Each file's rows are one contiguous block of the pass, in file order; the record number is the offset
            // into its block. Checked rather than assumed: a pass that interleaved files goes back to one at a time.
            var blocks = _store.Query($"SELECT {FileColumn}, min(rowid), max(rowid), count(*) FROM __typed GROUP BY ALL ORDER BY 2",
                r => (File: r.GetString(0), First: r.GetInt64(1), Last: r.GetInt64(2), Rows: r.GetInt64(3)));
            var byPath = blocks.ToDictionary(b => b.File, StringComparer.Ordinal);
            var order = blocks.Select(b => b.File).ToList();
            var expectedOrder = paths.Where(byPath.ContainsKey).ToList();
            if (blocks.Any(b => b.Last - b.First + 1 != b.Rows) || !order.SequenceEqual(expectedOrder, StringComparer.Ordinal))
                return Abandon(tx);

            BeforeWrite?.Invoke();
            tx = _store.Connection.BeginTransaction();

            var loadIds = run.Select(_ => Convert.ToInt64(_store.Scalar("SELECT nextval('load_id_seq')"), CultureInfo.InvariantCulture)).ToList();
            _store.Execute("CREATE TEMP TABLE __batch_files (file VARCHAR, load_id BIGINT, first_rowid BIGINT)");
            using (var appender = _store.Connection.CreateAppender("__batch_files"))
                for (var k = 0; k < run.Count; k++)
                    appender.CreateRow().AppendValue(paths[k]).AppendValue(loadIds[k]).AppendValue(byPath.TryGetValue(paths[k], out var b) ? b.First : 0L).EndRow();
            _store.Execute($"""
                INSERT INTO {Q(schema.Table)} (load_id, source_row, {plan.Columns})
                SELECT f.load_id, t.rowid - f.first_rowid + 1, {string.Join(", ", schema.StoredFields.Select(f => "t." + Q(f.Name)))}
                FROM __typed t JOIN __batch_files f ON f.file = t.{FileColumn} WHERE t.__ok;
                CREATE TEMP TABLE __batch_failed AS
                SELECT f.load_id, t.rowid - f.first_rowid + 1 AS __row, t.__errors, t.__raw
                FROM __typed t JOIN __batch_files f ON f.file = t.{FileColumn} WHERE NOT t.__ok;
                """);
            DuplicateRows.StageCandidates(_store, schema, plan.Map, "f.load_id", $"__typed t JOIN __batch_files f ON f.file = t.{FileColumn} WHERE t.__ok");
            _store.Execute("DROP TABLE __typed");
            PhaseTrace.Mark("batch: insert canonical, failed rows");
            StageLineMap(null);
            StageStrayQuotes([]);

            var results = SimpleRules(schema)
                ? FinishBatch(schema, plan, run, loadIds, byPath.ToDictionary(b => b.Key, b => b.Value.Rows, StringComparer.Ordinal), started)
                : FinishEach(schema, plan, run, loadIds, byPath.ToDictionary(b => b.Key, b => b.Value.Rows, StringComparer.Ordinal), started);
            DropStaging();
            _store.Execute("DROP TABLE IF EXISTS __batch_files; DROP TABLE IF EXISTS __batch_failed; DROP TABLE IF EXISTS __batch_dups;");
            tx.Commit();
            PhaseTrace.Mark($"batch: {run.Count} loads finished, commit");
            return results;
        }
        catch (Exception ex) when (!FileSystemErrors.IsDiskFull(ex) && ex is not EarlierLoadFailedException)
        {
            // Whatever went wrong, the files are loaded one at a time next, where the error (if it recurs) names its file.
            return Abandon(tx);
        }
        finally
        {
            tx?.Dispose();
        }
    }

    /// <summary>
    /// True when the kind's only rule across rows is the repeated-record check (police.uk's Crime ID): no unique
    /// field, row key, period end, totals or geometry. Such a run is finished in one set of statements for all its
    /// files (<see cref="FinishBatch"/>); any other kind file by file through <see cref="FinishLoad"/>.
    /// </summary>
    private static bool SimpleRules(DatasetSchema schema) =>
        !schema.Fields.Any(f => f.Unique) && schema.RowKey.Count == 0 && schema.PeriodEndField is null && schema.Totals.Count == 0
        && !schema.StoredFields.Any(f => f.Type == FieldType.GeoJson);

    /// <summary>Finishes each file of the run as its own load, exactly as <see cref="Load"/> does.</summary>
    private List<LoadResult> FinishEach(DatasetSchema schema, CheckPlan plan, List<(LoadRequest Request, SourceFile File)> run, List<long> loadIds,
        Dictionary<string, long> rowsByPath, DateTime started)
    {
        var results = new List<LoadResult>();
        for (var k = 0; k < run.Count; k++)
        {
            var (request, file) = run[k];
            var loadId = loadIds[k];
            var rowsRead = rowsByPath.GetValueOrDefault(file.Path);
            _store.Execute($"DROP TABLE IF EXISTS __failed; CREATE TEMP TABLE __failed AS SELECT __row, __errors, __raw FROM __batch_failed WHERE load_id = {loadId};");
            var notes = new List<string>();
            var done = FinishLoad(schema, plan, file, loadId, rowsRead, [], notes, keepMalformedLines: true);
            _store.Execute($"""
                INSERT INTO loads VALUES ({loadId}, {Lit(schema.Kind)}, {Lit(file.FileName)}, {Lit(Path.GetFullPath(request.Path))}, {Lit(file.Sha256)},
                  {file.Bytes}, {rowsRead}, {done.Loaded}, {done.Quarantined}, {Ts(started)}, {Ts(DateTime.UtcNow)}, 'loaded',
                  {Lit(EngineInfo.Version)}, {Lit(schema.Version)}, {Lit(notes.Count == 0 ? null : string.Join(" ", notes))}, {done.RepeatedKeys});
                DROP TABLE IF EXISTS __dups;
                """);
            results.Add(new LoadResult(loadId, schema.Kind, request.Path, file.Sha256, file.Bytes, rowsRead, done.Loaded, done.Quarantined, LoadStatus.Loaded,
                notes, done.Issues, done.PeriodStart, done.PeriodEnd) { RepeatedKeys = done.RepeatedKeys });
        }
        return results;
    }

    /// <summary>
    /// What <see cref="FinishLoad"/> does for each file, done for every file of the run at once, grouped by load:
    /// the repeated-record check, the quarantine with every reason, the sample of issues, the counts and the
    /// invariant, the period, and the loads rows. Finishing sixty demo months one by one ran about fifteen small
    /// statements each; here the run takes about ten in all. The results are those of the file-by-file finish
    /// (BatchLoadTests compares them). A run's files have plain line maps (see <see cref="Batchable"/>), so a
    /// record's line is the record number plus the header line.
    /// </summary>
    private List<LoadResult> FinishBatch(DatasetSchema schema, CheckPlan plan, List<(LoadRequest Request, SourceFile File)> run, List<long> loadIds,
        Dictionary<string, long> rowsByPath, DateTime started)
    {
        var ids = string.Join(", ", loadIds);
        var table = Q(schema.Table);
        var repeated = DuplicateRows.QuarantineBatch(_store, schema, loadIds, plan.Map);
        PhaseTrace.Mark("batch: duplicates");
        const string reasons = """
            SELECT load_id, rec, rec + 1 AS line, col, raw, rule, msg, raw_record FROM (
              SELECT load_id, __row AS rec, e.column AS col, e.raw AS raw, e.rule AS rule, e.message AS msg, __raw AS raw_record
              FROM (SELECT load_id, __row, __raw, unnest(__errors) AS e FROM __batch_failed)
              UNION ALL
              SELECT load_id, __row, col, raw, rule, msg, raw_record FROM __batch_dups)
            """;
        var issues = _store.Query($"""
            SELECT load_id, rec, line, col, raw, rule, msg FROM (
              SELECT *, row_number() OVER (PARTITION BY load_id ORDER BY rec, col NULLS FIRST) AS k FROM ({reasons}))
            WHERE k <= {IssueSampleSize} ORDER BY load_id, rec, col NULLS FIRST
            """, r => (Load: r.GetInt64(0), Issue: new QuarantineIssue(r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetString(6)))).ToLookup(x => x.Load, x => x.Issue);
        _store.Execute($"INSERT INTO quarantine SELECT load_id, rec, line, col, raw, rule, msg, raw_record FROM ({reasons})");
        var loaded = _store.Query($"SELECT load_id, count(*) FROM {table} WHERE load_id IN ({ids}) GROUP BY load_id", r => (r.GetInt64(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var quarantined = _store.Query($"SELECT load_id, count(DISTINCT source_row) FROM quarantine WHERE load_id IN ({ids}) GROUP BY load_id", r => (r.GetInt64(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var periods = schema.PeriodField is { } pf
            ? _store.Query($"SELECT load_id, CAST(min({Q(pf)}) AS TIMESTAMP), CAST(max({Q(pf)}) AS TIMESTAMP) FROM {table} WHERE load_id IN ({ids}) GROUP BY load_id",
                r => (Load: r.GetInt64(0), Start: r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1), End: r.IsDBNull(2) ? (DateTime?)null : r.GetDateTime(2)))
                .ToDictionary(x => x.Load, x => (x.Start, x.End))
            : [];
        PhaseTrace.Mark("batch: quarantine, counts");

        var results = new List<LoadResult>();
        var rows = new List<string>();
        var finished = DateTime.UtcNow;
        for (var k = 0; k < run.Count; k++)
        {
            var (request, file) = run[k];
            var loadId = loadIds[k];
            var rowsRead = rowsByPath.GetValueOrDefault(file.Path);
            var (nLoaded, nQuarantined, nRepeated) = (loaded.GetValueOrDefault(loadId), quarantined.GetValueOrDefault(loadId), repeated.GetValueOrDefault(loadId));
            if (nLoaded + nQuarantined != rowsRead)
                throw new InvalidOperationException(
                    $"{file.FileName}: rows read ({rowsRead}) != rows loaded ({nLoaded}) + rows quarantined ({nQuarantined}). Nothing was written.");
            var notes = new List<string>();
            if (nRepeated > 0)
                notes.Add(RepeatedKeysNote(schema, plan, nRepeated));
            rows.Add($"""
                ({loadId}, {Lit(schema.Kind)}, {Lit(file.FileName)}, {Lit(Path.GetFullPath(request.Path))}, {Lit(file.Sha256)},
                  {file.Bytes}, {rowsRead}, {nLoaded}, {nQuarantined}, {Ts(started)}, {Ts(finished)}, 'loaded',
                  {Lit(EngineInfo.Version)}, {Lit(schema.Version)}, {Lit(notes.Count == 0 ? null : string.Join(" ", notes))}, {nRepeated})
                """);
            var (start, end) = periods.GetValueOrDefault(loadId);
            results.Add(new LoadResult(loadId, schema.Kind, request.Path, file.Sha256, file.Bytes, rowsRead, nLoaded, nQuarantined, LoadStatus.Loaded,
                notes, [.. issues[loadId]], start, end) { RepeatedKeys = nRepeated });
        }
        _store.Execute($"INSERT INTO loads VALUES {string.Join(",\n", rows)}; DROP TABLE IF EXISTS __batch_dups;");
        return results;
    }

    /// <summary>The column the multi-file reader adds with each row's file; a name no published header uses.</summary>
    private const string FileColumn = "__na_file";

    private List<LoadResult>? Abandon(System.Data.Common.DbTransaction? tx)
    {
        try { tx?.Rollback(); }
        catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or InvalidOperationException) { /* already finished */ }
        // Temp tables made before the transaction outlive its rollback.
        try
        {
            DropStaging();
            _store.Execute("DROP TABLE IF EXISTS __batch_files; DROP TABLE IF EXISTS __batch_failed; DROP TABLE IF EXISTS __batch_dups;");
        }
        catch (DuckDB.NET.Data.DuckDBException) { /* the single-file loads that follow drop them first anyway */ }
        return null;
    }
}
