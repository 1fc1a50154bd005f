using Sec.BuildingBlocks.Domain;

namespace Sec.UnitTests.Domain;

public sealed class ModificationReferenceTests
{
    [Theory]
    [InlineData("MP078", "MP078")]
    [InlineData("MP78", "MP078")]
    [InlineData("mp078", "MP078")]
    [InlineData(" MP 78 ", "MP078")]
    [InlineData("SECMP67", "SECMP0067")]
    [InlineData("SECMP0067", "SECMP0067")]
    [InlineData("secmp-0067", "SECMP0067")]
    [InlineData("SECMPO0007", "SECMP0007")] // as the scanned August 2020 paper prints it
    [InlineData("MPO78", "MP078")]
    [InlineData("MP102A", "MP102A")]
    [InlineData("mp102a", "MP102A")]
    [InlineData("DP119", "DP119")]
    [InlineData("DP1", "DP001")]
    [InlineData("MP1234", "MP1234")]
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
    public void Conversion_keeps_the_number()
    {
        Assert.Equal("MP119", ModificationReference.Parse("DP119", "r").AsModification().Value);
        Assert.Equal(119, ModificationReference.Parse("MP119", "r").Number);
    }
}
