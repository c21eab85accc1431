using NeedsAssessment.Charts;

namespace NeedsAssessment.Tests.Charts;

/// <summary>Chart captions wrap at words instead of running off the figure (the hot spot map's method line did).</summary>
public class CaptionPanelTests
{
    [Fact]
    public void A_long_line_wraps_at_spaces_into_lines_no_wider_than_the_limit_and_loses_no_word()
    {
        var words = Enumerable.Range(1, 60).Select(i => $"word{i}").ToList();
        var line = string.Join(' ', words);
        var wrapped = CaptionPanel.Wrap(["Short first line.", line], 40);
        Assert.Equal("Short first line.", wrapped[0]);
        Assert.True(wrapped.Count > 3);
        Assert.All(wrapped, l => Assert.True(l.Length <= 40, l));
        Assert.Equal(words, wrapped.Skip(1).SelectMany(l => l.Split(' ')).ToList());
    }

    [Fact]
    public void A_word_longer_than_the_limit_stands_on_its_own_line()
    {
        var wrapped = CaptionPanel.Wrap(["a " + new string('x', 50) + " b"], 10);
        Assert.Equal(["a", new string('x', 50), "b"], wrapped);
    }

    [Fact]
    public void The_panel_wraps_its_caption_lines_at_the_report_width()
    {
        var panel = new CaptionPanel(["Source: police.uk.", string.Join(' ', Enumerable.Repeat("Benjamini-Hochberg", 20))]);
        Assert.True(panel.Lines.Count >= 3);
        Assert.All(panel.Lines, l => Assert.True(l.Length <= CaptionPanel.WrapAt));
    }
}
