using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Store;

/// <summary>The store's questions of its catalogue: whether a table exists and what columns it has.</summary>
public sealed class StoreCatalogueTests
{
    [Fact]
    public void TableExistsAnswersForTablesViewsAndTemporaryTablesAndNoForAnUnknownName()
    {
        using var store = AssessmentStore.Open(":memory:");
        store.Execute("CREATE TABLE t (a INTEGER); CREATE VIEW v AS SELECT 1 AS a; CREATE TEMP TABLE tmp (a INTEGER);");
        Assert.True(store.TableExists("t"));
        Assert.True(store.TableExists("v"));
        Assert.True(store.TableExists("tmp"));
        Assert.False(store.TableExists("absent"));
        store.Execute("DROP TABLE t");
        Assert.False(store.TableExists("t"));
    }

    [Fact]
    public void ColumnsListsNamesAndTypesInTableOrderAsInformationSchemaDoes()
    {
        using var store = AssessmentStore.Open(":memory:");
        store.Execute("CREATE TABLE t (z VARCHAR, a BIGINT, d DOUBLE, m DATE, l INTEGER[], s STRUCT(k INTEGER), ts TIMESTAMP)");
        var expected = store.Query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position",
            r => (r.GetString(0), r.GetString(1)));
        Assert.Equal(["z", "a", "d", "m", "l", "s", "ts"], store.Columns("t").Select(c => c.Name));
        Assert.Equal(expected, store.Columns("t"));
        Assert.Empty(store.Columns("absent"));
    }

    [Fact]
    public void AnUnknownTableLeavesAnOpenTransactionUsable()
    {
        using var store = AssessmentStore.Open(":memory:");
        using var tx = store.Connection.BeginTransaction();
        store.Execute("CREATE TABLE t (a INTEGER)");
        Assert.False(store.TableExists("absent"));
        store.Execute("INSERT INTO t VALUES (1)");
        tx.Commit();
        Assert.Equal(1L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM t"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
