using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Analytics;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class CalibrationTests
{
    private static CalibrationResult Compare(long[] agency, long[] others) =>
        Calibration.Compare(agency, others) ?? throw new Xunit.Sdk.XunitException("expected a comparison");

    [Fact]
    public void A_hand_worked_cell_with_a_full_level_of_difference_but_too_few_people_is_not_flagged()
    {
        // Agency (n1 = 30): 0, 5, 10, 10, 5 → mean (10 + 30 + 40 + 25) / 30 = 3.5.
        // Others (n2 = 60): 10, 20, 20, 10, 0 → mean (10 + 40 + 60 + 40) / 60 = 2.5.
        // Cumulative shares, levels 1–5:
        //   F_agency: 0    1/6  1/2  5/6  1
        //   F_others: 1/6  1/2  5/6  1    1
        //   |diff|:   1/6  1/3  1/3  1/6  0      → D = 1/3
        // n = 30 × 60 / 90 = 20, √20 = 4.472136, λ = (4.472136 + 0.12 + 0.11 / 4.472136) × 1/3 = 1.538911;
        // 2λ² = 4.736494, e^−4.736494 = 0.0087693; the k = 2 term e^−8λ² = 5.9e−9;
        // p = 2 × (0.0087693 − 0.0000000059) = 0.017539 ≥ 0.01.
        var result = Compare([0, 5, 10, 10, 5], [10, 20, 20, 10, 0]);

        Assert.Equal(30, result.AgencyCount);
        Assert.Equal(60, result.OthersCount);
        Assert.Equal(3.5m, result.AgencyMean);
        Assert.Equal(2.5m, result.OthersMean);
        Assert.Equal(1m, result.MeanDifference);
        Assert.Equal(0.3333m, result.D);
        Assert.Equal(0.017539m, result.PValue);
        Assert.False(result.Flagged);
    }

    [Fact]
    public void A_hand_worked_cell_that_is_flagged()
    {
        // Agency (n1 = 60): 0, 10, 20, 20, 10 → mean 210 / 60 = 3.5. Others (n2 = 100): 10, 30, 40, 20, 0 → mean 2.7.
        //   F_agency: 0    1/6  1/2  5/6  1
        //   F_others: 0.1  0.4  0.8  1    1
        //   |diff|:   0.1  0.2333  0.3  0.1667  0   → D = 0.3
        // n = 6000 / 160 = 37.5, √n = 6.123724, λ = (6.123724 + 0.12 + 0.017963) × 0.3 = 1.878506;
        // 2λ² = 7.057571, p = 2 × e^−7.057571 = 2 × 0.00086087 = 0.001722 < 0.01, and |0.8| ≥ 0.5.
        var result = Compare([0, 10, 20, 20, 10], [10, 30, 40, 20, 0]);

        Assert.Equal(0.8m, result.MeanDifference);
        Assert.Equal(2.7m, result.OthersMean);
        Assert.Equal(0.3m, result.D);
        Assert.Equal(0.001722m, result.PValue);
        Assert.True(result.Flagged);
    }

    [Fact]
    public void Exactly_half_a_level_with_a_small_p_is_flagged_and_just_under_half_is_not()
    {
        // 50 at 3 and 50 at 4 (mean 3.5) against 100 at 3: D = 0.5, p ≈ 1e−11.
        var atHalf = Compare([0, 0, 50, 50, 0], [0, 0, 100, 0, 0]);
        Assert.Equal(0.5m, atHalf.MeanDifference);
        Assert.Equal(0m, atHalf.PValue);
        Assert.True(atHalf.Flagged);

        var belowHalf = Compare([0, 0, 51, 49, 0], [0, 0, 100, 0, 0]);
        Assert.Equal(0.49m, belowHalf.MeanDifference);
        Assert.Equal(0.49m, belowHalf.D);
        Assert.Equal(0m, belowHalf.PValue);
        Assert.False(belowHalf.Flagged);
    }

    [Fact]
    public void Half_a_level_between_means_that_do_not_terminate_is_decided_exactly()
    {
        // Agency (n1 = 54): 51 at 3, 3 at 4 → 165/54 = 55/18 = 3.0556. Others (n2 = 18): 8 at 2, 10 at 3 → 46/18 = 23/9 = 2.5556.
        // Difference exactly 1/2. F at level 2: 0 against 8/18 → D = 4/9; n = 13.5, λ = 1.699632, p = 0.006193.
        var result = Compare([0, 0, 51, 3, 0], [0, 8, 10, 0, 0]);

        Assert.Equal(3.0556m, result.AgencyMean);
        Assert.Equal(2.5556m, result.OthersMean);
        Assert.Equal(0.5m, result.MeanDifference);
        Assert.Equal(0.4444m, result.D);
        Assert.Equal(0.006193m, result.PValue);
        Assert.True(result.Flagged);
    }

    [Fact]
    public void A_lower_agency_mean_is_a_negative_difference_and_flags_the_same()
    {
        var result = Compare([0, 0, 100, 0, 0], [0, 0, 50, 50, 0]);

        Assert.Equal(-0.5m, result.MeanDifference);
        Assert.True(result.Flagged);
    }

    [Fact]
    public void A_large_difference_in_distribution_with_equal_means_is_not_flagged()
    {
        // Means 3 and 3, D = 0.5 with p ≈ 1e−11: the mean difference condition fails.
        var result = Compare([25, 0, 0, 0, 25], [0, 0, 50, 0, 0]);

        Assert.Equal(0m, result.MeanDifference);
        Assert.Equal(0.5m, result.D);
        Assert.False(result.Flagged);
    }

    [Fact]
    public void A_tiny_D_whose_series_has_not_converged_in_100_terms_has_p_1()
    {
        // D = 1/1000, n = 500, λ = 0.0224: the 100th term is still 2e^−10, and the partial sum would be 0.999961.
        var result = Compare([500, 500, 0, 0, 0], [501, 499, 0, 0, 0]);

        Assert.Equal(0.001m, result.D);
        Assert.Equal(1m, result.PValue);
    }

    [Fact]
    public void Values_are_reported_with_4_and_6_decimals()
    {
        var result = Compare([0, 5, 10, 10, 5], [10, 20, 20, 10, 0]);

        Assert.Equal("3.5000", result.AgencyMean.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.3333", result.D.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.017539", result.PValue.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fewer_than_30_people_in_the_agency_give_no_comparison_and_30_do()
    {
        Assert.Null(Calibration.Compare([0, 5, 10, 10, 4], [10, 20, 20, 10, 0]));
        Assert.NotNull(Calibration.Compare([0, 5, 10, 10, 5], [10, 20, 20, 10, 0]));
    }

    [Fact]
    public void Nobody_in_other_agencies_gives_no_comparison() =>
        Assert.Null(Calibration.Compare([0, 5, 10, 10, 5], [0, 0, 0, 0, 0]));

    [Fact]
    public void A_single_person_elsewhere_is_compared()
    {
        // F_others jumps to 1 at level 1; F_agency(1) = 0: D = 1; n = 30/31, λ = (0.98374 + 0.12 + 0.11182) = 1.21556, p = 0.104.
        var result = Compare([0, 0, 30, 0, 0], [1, 0, 0, 0, 0]);

        Assert.Equal(1m, result.D);
        Assert.Equal(2m, result.MeanDifference);
        Assert.InRange(result.PValue, 0.10m, 0.11m);
        Assert.False(result.Flagged);
    }

    [Fact]
    public void Counts_must_be_five_and_not_negative()
    {
        Assert.Throws<ArgumentException>(() => Calibration.Compare([30, 0, 0, 0], [1, 0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => Calibration.Compare([30, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => Calibration.Compare([31, -1, 0, 0, 0], [1, 0, 0, 0, 0]));
    }

    private static readonly Gen<long[]> Counts = Gen.Choose(0, 60).Select(c => (long)c).ArrayOf(5);

    [Fact]
    public void D_and_p_always_lie_in_0_to_1()
    {
        Prop.ForAll(Arb.From(Counts), Arb.From(Counts), (agency, others) =>
            {
                var result = Calibration.Compare(agency, others);
                return result is null
                    ? agency.Sum() < Calibration.MinimumPeople || others.Sum() == 0
                    : result.D is >= 0 and <= 1 && result.PValue is >= 0 and <= 1;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Identical_distributions_have_D_0_and_p_1()
    {
        var cases = Gen.Zip(Counts, Gen.Choose(1, 5));
        Prop.ForAll(Arb.From(cases), c =>
            {
                var (counts, factor) = c;
                var agency = counts.Select(x => x * factor).ToArray();
                var result = Calibration.Compare(agency, counts);
                return result is null
                    ? agency.Sum() < Calibration.MinimumPeople || counts.Sum() == 0
                    : result.D == 0 && result.PValue == 1 && result.MeanDifference == 0 && !result.Flagged;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Swapping_the_sides_keeps_D_and_p_and_negates_the_difference()
    {
        Prop.ForAll(Arb.From(Counts), Arb.From(Counts), (a, b) =>
            {
                var forward = Calibration.Compare(a, b);
                var backward = Calibration.Compare(b, a);
                return forward is null || backward is null
                    || (forward.D == backward.D && forward.PValue == backward.PValue && forward.MeanDifference == -backward.MeanDifference
                        && forward.Flagged == backward.Flagged);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_larger_D_at_the_same_sizes_never_has_a_larger_p()
    {
        // Moving one agency person up a level at a time widens the gap to others all at level 1.
        var previous = 1m;
        for (var up = 0; up <= 40; up++)
        {
            var result = Compare([40 - up, up, 0, 0, 0], [40, 0, 0, 0, 0]);
            Assert.True(result.PValue <= previous, $"p rose at {up}");
            previous = result.PValue;
        }

        Assert.Equal(0m, previous);
    }
}
