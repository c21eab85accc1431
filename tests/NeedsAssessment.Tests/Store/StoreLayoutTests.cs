using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Store;

/// <summary>The store's own tables, its layout version, and refusal of stores it cannot read.</summary>
public sealed class StoreLayoutTests
{
    [Fact]
    public void NewStoreHasItsLayoutVersionAndATableForEveryKindWithoutDirectIdentifiers()
    {
        using var store = AssessmentStore.Open(":memory:");
        Assert.Equal(AssessmentStore.StoreSchemaVersion, Convert.ToInt32(store.Scalar("SELECT max(version) FROM store_info"), System.Globalization.CultureInfo.InvariantCulture));
        foreach (var t in new[] { "loads", "quarantine", "store_info" }) Assert.True(store.TableExists(t), t);
        foreach (var s in store.Schemas.All)
        {
            var cols = store.Query($"SELECT column_name FROM information_schema.columns WHERE table_name = '{s.Table}' ORDER BY ordinal_position", r => r.GetString(0));
            Assert.Equal(new[] { "load_id", "source_row" }.Concat(s.StoredFields.Select(f => f.Name)), cols);
            Assert.DoesNotContain(s.Fields.Where(f => f.PersonalData == PersonalData.DirectIdentifier).Select(f => f.Name), cols.Contains);
        }
    }

    [Fact]
    public void ReopeningAStoreKeepsItsDataAndVersionRow()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "s.duckdb");
        using (var h = new Harness(db)) h.Load("centroids", "c.csv", Fixture.ValidCsv("centroids", 2));
        using var store = AssessmentStore.Open(db);
        Assert.Equal(2L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM centroids"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM store_info"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A store as an earlier version left it: <paramref name="rows"/> valid rows of <paramref name="kind"/> loaded, then
    /// <paramref name="olderLayout"/> undoes what the layout has gained since; reopened by this version.
    /// </summary>
    private static AssessmentStore OlderStore(TempFolder dir, string kind, int rows, string olderLayout)
    {
        var db = Path.Combine(dir.Path, "older.duckdb");
        using (var h = new Harness(db))
        {
            h.Load(kind, "older.csv", Fixture.ValidCsv(kind, rows));
            h.Store.Execute(olderLayout);
        }
        return AssessmentStore.Open(db);
    }

    [Fact]
    public void A_store_made_before_a_kind_gained_a_column_gets_the_column_empty_and_keeps_its_rows()
    {
        using var dir = new TempFolder();
        using var store = OlderStore(dir, "police-recorded-crime", 3, "ALTER TABLE police_recorded_crime DROP COLUMN ho_offence_subcode");
        Assert.Equal(3L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM police_recorded_crime WHERE ho_offence_subcode IS NULL"), System.Globalization.CultureInfo.InvariantCulture));
        var cols = store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'police_recorded_crime'", r => r.GetString(0));
        Assert.Equal(store.Schemas.Get("police-recorded-crime").StoredFields.Select(f => f.Name).Order(), cols.Where(c => c is not ("load_id" or "source_row")).Order());
    }

    [Fact]
    public void A_store_made_before_a_kind_existed_gets_its_table_and_keeps_every_other_table_s_rows()
    {
        using var dir = new TempFolder();
        using var store = OlderStore(dir, "centroids", 2, "DROP TABLE police_stop_search");
        var cols = store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'police_stop_search' ORDER BY ordinal_position", r => r.GetString(0));
        Assert.Equal(new[] { "load_id", "source_row" }.Concat(store.Schemas.Get("police-stop-search").StoredFields.Select(f => f.Name)), cols);
        Assert.Equal(2L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM centroids"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM store_info"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_store_made_before_repeated_keys_were_counted_gets_the_column_as_zero_for_its_loads()
    {
        using var dir = new TempFolder();
        using var store = OlderStore(dir, "centroids", 2, "ALTER TABLE loads DROP COLUMN repeated_keys");
        Assert.Equal(1L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM loads WHERE repeated_keys = 0"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM store_info"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(AssessmentStore.StoreSchemaVersion + 1, "newer")]
    [InlineData(AssessmentStore.StoreSchemaVersion - 1, "cannot migrate")]
    public void StoreOfAnotherLayoutVersionIsRefusedWithAClearMessage(int version, string says)
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "other.duckdb");
        using (var s = AssessmentStore.Open(db)) s.Execute($"UPDATE store_info SET version = {version}");
        foreach (var readOnly in new[] { false, true })
        {
            var ex = Assert.Throws<UserErrorException>(() => AssessmentStore.Open(db, readOnly: readOnly));
            Assert.Contains(db, ex.Message, StringComparison.Ordinal);
            Assert.Contains(says, ex.Message, StringComparison.Ordinal);
            Assert.Contains($"store layout {version}", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReadOnlyOpenOfAMissingStoreIsAUserErrorAndCreatesNothing()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "missing.duckdb");
        var ex = Assert.Throws<UserErrorException>(() => AssessmentStore.Open(db, readOnly: true));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void ReadOnlyOpenOfADuckDbFileThatIsNotAStoreIsRefused()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "plain.duckdb");
        using (var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t (a INTEGER)";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<UserErrorException>(() => AssessmentStore.Open(db, readOnly: true));
        Assert.Contains("not a NeedsAssessment store", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileThatIsNotADuckDbDatabaseIsAUserError()
    {
        using var dir = new TempFolder();
        var db = dir.File("notes.duckdb", "this is not a database\n");
        var ex = Assert.Throws<UserErrorException>(() => AssessmentStore.Open(db));
        Assert.Contains(db, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyStoreRefusesToIngest()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "s.duckdb");
        AssessmentStore.Open(db).Dispose();
        using var store = AssessmentStore.Open(db, readOnly: true);
        Assert.Throws<UserErrorException>(() => new NeedsAssessment.Ingest.Ingester(store));
    }
}
