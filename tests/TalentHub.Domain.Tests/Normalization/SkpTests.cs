using System.Globalization;
using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

public class SkpTests
{
    [Theory]
    [InlineData("SANGAT_BAIK", Predikat.SangatBaik)]
    [InlineData("BAIK", Predikat.Baik)]
    [InlineData("BUTUH_PERBAIKAN", Predikat.ButuhPerbaikan)]
    [InlineData("KURANG", Predikat.Kurang)]
    [InlineData("SANGAT_KURANG", Predikat.SangatKurang)]
    public void A_rating_is_its_predikat(string rating, Predikat predikat) => Assert.Equal(predikat, Skp.FromRating(rating));

    [Theory]
    [InlineData("baik")]
    [InlineData(" BAIK")]
    [InlineData("SANGAT BAIK")]
    [InlineData("")]
    [InlineData("DI_ATAS")]
    public void Any_other_rating_is_none(string rating) => Assert.Null(Skp.FromRating(rating));

    [Theory]
    [InlineData("DI_ATAS", "DI_ATAS", Predikat.SangatBaik)]
    [InlineData("DI_ATAS", "SESUAI", Predikat.Baik)]
    [InlineData("DI_ATAS", "DI_BAWAH", Predikat.Kurang)]
    [InlineData("SESUAI", "DI_ATAS", Predikat.Baik)]
    [InlineData("SESUAI", "SESUAI", Predikat.Baik)]
    [InlineData("SESUAI", "DI_BAWAH", Predikat.Kurang)]
    [InlineData("DI_BAWAH", "DI_ATAS", Predikat.ButuhPerbaikan)]
    [InlineData("DI_BAWAH", "SESUAI", Predikat.ButuhPerbaikan)]
    [InlineData("DI_BAWAH", "DI_BAWAH", Predikat.SangatKurang)]
    public void The_hasil_kerja_by_perilaku_matrix_cell_by_cell(string hasilKerja, string perilaku, Predikat predikat) =>
        Assert.Equal(predikat, Skp.FromPair(hasilKerja, perilaku));

    [Theory]
    [InlineData("DI_ATAS", "BAIK")]
    [InlineData("sesuai", "SESUAI")]
    [InlineData("", "DI_BAWAH")]
    public void A_pair_with_an_unknown_rating_is_none(string hasilKerja, string perilaku) =>
        Assert.Null(Skp.FromPair(hasilKerja, perilaku));

    [Theory]
    [InlineData("100", Predikat.SangatBaik)]
    [InlineData("91", Predikat.SangatBaik)]
    [InlineData("90.999", Predikat.Baik)]
    [InlineData("90.99", Predikat.Baik)]
    [InlineData("76", Predikat.Baik)]
    [InlineData("75.995", Predikat.ButuhPerbaikan)]
    [InlineData("75.99", Predikat.ButuhPerbaikan)]
    [InlineData("61", Predikat.ButuhPerbaikan)]
    [InlineData("60.999", Predikat.Kurang)]
    [InlineData("51", Predikat.Kurang)]
    [InlineData("50.999", Predikat.SangatKurang)]
    [InlineData("50.99", Predikat.SangatKurang)]
    [InlineData("0", Predikat.SangatKurang)]
    public void Legacy_scores_at_every_band_boundary(string score, Predikat predikat) =>
        Assert.Equal(predikat, Skp.FromLegacyScore(decimal.Parse(score, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(Predikat.SangatBaik, PerformanceClass.DiAtas)]
    [InlineData(Predikat.Baik, PerformanceClass.Sesuai)]
    [InlineData(Predikat.ButuhPerbaikan, PerformanceClass.DiBawah)]
    [InlineData(Predikat.Kurang, PerformanceClass.DiBawah)]
    [InlineData(Predikat.SangatKurang, PerformanceClass.DiBawah)]
    public void Each_predikat_has_its_class(Predikat predikat, PerformanceClass performanceClass) =>
        Assert.Equal(performanceClass, Skp.ClassOf(predikat));

    [Fact]
    public void Class_values_are_one_to_three()
    {
        Assert.Equal(1, (int)PerformanceClass.DiBawah);
        Assert.Equal(2, (int)PerformanceClass.Sesuai);
        Assert.Equal(3, (int)PerformanceClass.DiAtas);
    }
}
