using Sec.BuildingBlocks.Domain;

namespace Sec.UnitTests.Domain;

public sealed class ModificationReferenceTests
{
    /// <summary>Each canonical reference with the ways people type it.</summary>
    private static readonly Dictionary<string, string[]> Variants = new()
    {
        ["MP078"] = ["MP078", "MP78", "mp078", " MP 78 ", "MPO78"],
        ["SECMP0067"] = ["SECMP67", "SECMP0067", "secmp-0067"],
        ["SECMP0007"] = ["SECMPO0007"], // as the scanned August 2020 paper prints it
        ["MP102A"] = ["MP102A", "mp102a"],
        ["DP119"] = ["DP119"],
        ["DP001"] = ["DP1"],
        ["MP1234"] = ["MP1234"],
    };

    public static TheoryData<string, string> TypedAndCanonical()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (canonical, typed) in Variants)
            foreach (var variant in typed)
                cases.Add(variant, canonical);
        return cases;
    }

    [Theory]
    [MemberData(nameof(TypedAndCanonical))]
    public void Every_obvious_variant_reads_as_the_canonical_reference(string typed, string canonical) =>
        Assert.Equal(canonical, ModificationReference.Parse(typed, "reference").Value);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MP")]
    [InlineData("XY12")]
    [InlineData("MP0")]
    [InlineData("DP119A")]
    [InlineData("SECMP12B")]
    [InlineData("MP12AB")]
    public void Anything_else_is_refused_naming_the_field(string typed)
    {
        var ex = Assert.Throws<InvalidFields>(() => ModificationReference.Parse(typed, "reference.value"));
        Assert.Equal("reference.value", Assert.Single(ex.Violations).Field);
    }

    [Fact]
    public void No_reference_is_made_that_parsing_would_not_read_back()
    {
        Assert.Equal("DP99999", ModificationReference.Parse(ModificationReference.Draft(99_999).Value, "r").Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModificationReference.Draft(100_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModificationReference.Modification(100_000, "A"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModificationReference.Draft(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModificationReference.Legacy(10_000));
    }

    [Fact]
    public void Conversion_keeps_the_number()
    {
        Assert.Equal("MP119", ModificationReference.Parse("DP119", "r").AsModification().Value);
        Assert.Equal(119, ModificationReference.Parse("MP119", "r").Number);
    }
}
