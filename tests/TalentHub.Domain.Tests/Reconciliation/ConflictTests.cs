using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

public class ConflictTests
{
    private static ProfileConflict[] Of(ConsolidatedProfile profile, string kind) => [.. profile.Conflicts.Where(c => c.Kind == kind)];

    [Fact]
    public void Two_active_agencies_are_concurrent_employment()
    {
        var profile = Obs.Build(Obs.Of("BBB").Position("PENGAWAS", "2015-01-01"), Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01"));

        var conflict = Assert.Single(Of(profile, ConflictKinds.ConcurrentEmployment));
        Assert.Equal(["AAA", "BBB"], conflict.Candidates.Select(c => c.AgencyCode));
        Assert.True(Obs.Content(profile).GetProperty("dataQuality").GetProperty("hasOpenConflicts").GetBoolean());
    }

    [Fact]
    public void An_active_and_a_transferred_out_agency_are_not_concurrent()
    {
        var profile = Obs.Build(Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01"), Obs.Of("BBB").Status("TRANSFERRED_OUT").NoPosition());

        Assert.Empty(profile.Conflicts);
        Assert.False(Obs.Content(profile).GetProperty("dataQuality").GetProperty("hasOpenConflicts").GetBoolean());
    }

    [Fact]
    public void An_earlier_active_record_of_the_same_agency_is_not_concurrent()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Updated("2024-01-01T00:00:00+07:00"),
            Obs.Of("AAA").Updated("2025-01-01T00:00:00+07:00"));

        Assert.Empty(profile.Conflicts);
    }

    [Theory]
    [InlineData("name", "Siti Rachmawati")]
    [InlineData("nik", "3578015503850003")]
    [InlineData("birthPlace", "Sidoarjo")]
    public void Another_active_agency_with_a_different_value_is_an_identity_mismatch_per_field(string field, string other)
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01"),
            Obs.Of("BBB").Position("PENGAWAS", "2015-01-01").Set(field, other));

        var conflict = Assert.Single(Of(profile, ConflictKinds.IdentityMismatch));
        Assert.Equal(field, conflict.Field);
        Assert.Equal(["AAA", "BBB"], conflict.Candidates.Select(c => c.AgencyCode));
        Assert.Equal(other, conflict.Candidates[1].Value);
    }

    [Theory]
    [InlineData("name", "Dr. SITI   rahmawati, S.E.")]
    [InlineData("name", "Hj Siti Rahmawati MSi")]
    [InlineData("nik", "35.7801.550385.0002")]
    [InlineData("birthPlace", "  SURABAYA ")]
    public void Values_equal_after_normalization_are_no_mismatch(string field, string other)
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01"),
            Obs.Of("BBB").Position("PENGAWAS", "2015-01-01").Set(field, other));

        Assert.Empty(Of(profile, ConflictKinds.IdentityMismatch));
    }

    [Fact]
    public void A_different_value_from_a_non_active_agency_or_a_null_is_no_mismatch()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01"),
            Obs.Of("BBB").Status("TRANSFERRED_OUT").NoPosition().Name("Sity Rahmawaty"),
            Obs.Of("CCC").Position("PENGAWAS", "2015-01-01").Nik(null).BirthPlace(null));

        Assert.Empty(Of(profile, ConflictKinds.IdentityMismatch));
    }

    [Fact]
    public void Entries_of_different_agencies_overlapping_by_32_days_conflict()
    {
        // AAA until 2020-02-01 (inclusive), BBB from 2020-01-01: 32 days in common.
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().History("PENGAWAS", "2015-01-01", "2020-02-01"));

        var conflict = Assert.Single(Of(profile, ConflictKinds.OverlappingPositions));
        Assert.Equal(["AAA", "BBB"], conflict.Candidates.Select(c => c.AgencyCode));
    }

    [Fact]
    public void Entries_of_different_agencies_overlapping_by_31_days_do_not_conflict()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().History("PENGAWAS", "2015-01-01", "2020-01-31"));

        Assert.Empty(profile.Conflicts);
    }

    [Fact]
    public void Overlapping_entries_of_one_agency_do_not_conflict()
    {
        var profile = Obs.Build(Obs.Of("AAA").Position("ADMINISTRATOR", "2020-01-01").History("PENGAWAS", "2015-01-01", "2020-01-01").History("PELAKSANA", "2014-01-01", "2019-12-31"));

        Assert.Empty(profile.Conflicts);
    }

    [Fact]
    public void An_open_current_position_ends_on_the_evaluation_date()
    {
        // BBB's open position from 2026-09-01; evaluated 2026-10-01 (31 days) and 2026-10-02 (32 days).
        var observations = new[]
        {
            Obs.Of("BBB").Position("ADMINISTRATOR", "2026-09-01"),
            Obs.Of("AAA").Position("PENGAWAS", "2015-01-01"),
        };

        Assert.Empty(Of(Obs.Build(new DateOnly(2026, 10, 1), observations), ConflictKinds.OverlappingPositions));
        Assert.Single(Of(Obs.Build(new DateOnly(2026, 10, 2), observations), ConflictKinds.OverlappingPositions));
    }

    [Fact]
    public void Two_agencies_with_different_predikat_for_a_year_are_a_performance_mismatch()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Rating(2024, "BAIK").Rating(2025, "BAIK"),
            Obs.Of("BBB").Status("TRANSFERRED_OUT").NoPosition().Rating(2024, "SANGAT_BAIK").Rating(2025, "BAIK"));

        var conflict = Assert.Single(Of(profile, ConflictKinds.PerformanceMismatch));
        Assert.Equal(2024, conflict.Year);
        Assert.Equal(["BAIK", "SANGAT_BAIK"], conflict.Candidates.Select(c => c.Value));
    }

    [Fact]
    public void The_same_predikat_in_different_forms_is_no_performance_mismatch()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Rating(2024, "BAIK").Rating(2021, "BAIK"),
            Obs.Of("BBB").Status("TRANSFERRED_OUT").NoPosition().Pair(2024, "SESUAI", "DI_ATAS").Score(2021, 80.5m));

        Assert.Empty(profile.Conflicts);
    }
}
