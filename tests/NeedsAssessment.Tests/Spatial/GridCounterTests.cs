using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class GridCounterTests
{
    [Fact]
    public void Default_cell_size_is_a_fiftieth_of_the_shorter_side_rounded_down_to_100_m()
    {
        // 12,345 / 50 = 246.9 -> floor(2.469) * 100 = 200.
        Assert.Equal(200.0, GridCounter.DefaultCellSize(new Extent(0, 0, 30_000, 12_345)));
        // 3,000 / 50 = 60 is under 100 m, so it is kept unrounded rather than becoming zero.
        Assert.Equal(60.0, GridCounter.DefaultCellSize(new Extent(0, 0, 3_000, 8_000)), 12);
    }

    [Fact]
    public void Counts_points_into_cells_with_stable_ids_and_centres()
    {
        var points = new SpatialPoint[]
        {
            new(10, 10), new(20, 30), // cell c0_0
            new(150, 50),             // c1_0
            new(250, 150),            // c2_1
            new(300, 200),            // on the far north-east corner: last cell c2_1
            new(100, 100),            // on a shared corner: goes north-east to c1_1
        };
        var grid = GridCounter.Count(points, cellSize: 100, extent: new Extent(0, 0, 300, 200));

        Assert.Equal(3, grid.Parameters.Columns);
        Assert.Equal(2, grid.Parameters.Rows);
        Assert.False(grid.Parameters.CellSizeAutomatic);
        var byId = grid.Cells.ToDictionary(c => c.Id);
        Assert.Equal(2, byId["c0_0"].Count);
        Assert.Equal(1, byId["c1_0"].Count);
        Assert.Equal(2, byId["c2_1"].Count);
        Assert.Equal(1, byId["c1_1"].Count);
        Assert.Equal(6, grid.Cells.Sum(c => c.Count));
        Assert.Equal((250.0, 150.0), (byId["c2_1"].X, byId["c2_1"].Y));
        Assert.Equal("c1_0", grid.Cells[1].Id); // row-major from the south-west
    }

    [Fact]
    public void Sums_point_weights_per_cell()
    {
        var points = new SpatialPoint[] { new(10, 10), new(20, 20), new(150, 10) };
        var grid = GridCounter.Count(points, cellSize: 100, extent: new Extent(0, 0, 200, 100), weights: [2.5, 4.0, 1.0]);
        Assert.True(grid.Parameters.Weighted);
        Assert.Equal(6.5, grid.Cells[0].Sum);
        Assert.Equal(2, grid.Cells[0].Count);
        Assert.Equal(1.0, grid.Cells[1].Sum);
    }

    [Fact]
    public void Does_not_count_points_outside_a_supplied_extent()
    {
        var points = new SpatialPoint[] { new(10, 10), new(-5, 10), new(10, 500) };
        var grid = GridCounter.Count(points, cellSize: 100, extent: new Extent(0, 0, 100, 100));
        Assert.Equal(2, grid.PointsOutside);
        Assert.Equal(1, grid.Cells.Single().Count);
    }

    [Fact]
    public void Automatic_grid_covers_the_bounding_box_and_records_the_chosen_cell_size()
    {
        var random = new Random(7);
        var points = Enumerable.Range(0, 500).Select(_ => new SpatialPoint(500_000 + random.NextDouble() * 20_000, 180_000 + random.NextDouble() * 10_000)).ToArray();
        var grid = GridCounter.Count(points);
        var box = Extent.Of(points);
        Assert.True(grid.Parameters.CellSizeAutomatic);
        Assert.True(grid.Parameters.ExtentAutomatic);
        Assert.Equal(GridCounter.DefaultCellSize(box), grid.Parameters.CellSize);
        Assert.Equal(500, grid.Cells.Sum(c => c.Count));
        Assert.True(grid.Parameters.Columns * grid.Parameters.CellSize >= box.Width);
        Assert.True(grid.Parameters.Rows * grid.Parameters.CellSize >= box.Height);
    }
}
