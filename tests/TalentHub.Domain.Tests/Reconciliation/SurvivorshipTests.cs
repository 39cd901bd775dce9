using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Reconciliation;

public class SurvivorshipTests
{
    [Fact]
    public void Employing_agency_is_the_active_observation_with_the_latest_position_since()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Position("PENGAWAS", "2015-01-01").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-03-01", province: "31").Updated("2024-01-01T00:00:00+07:00"));

        Assert.Equal("BBB", profile.Summary.EmployingAgency);
        Assert.Equal(PositionLevel.Administrator, profile.Summary.PositionLevel);
        Assert.Equal("31", profile.Summary.WorkProvince);
        Assert.Equal("LATEST_POSITION", Obs.Provenance(profile, "employingAgency").GetProperty("rule").GetString());
    }

    [Fact]
    public void Employing_tie_on_since_goes_to_the_later_source_updated_at()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Position("PENGAWAS", "2020-03-01").Updated("2025-01-01T00:00:00+07:00"),
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-03-01").Updated("2025-01-02T00:00:00+07:00"));

        Assert.Equal("BBB", profile.Summary.EmployingAgency);
    }

    [Fact]
    public void Employing_tie_on_since_and_source_updated_at_goes_to_the_lower_agency_code()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-03-01"),
            Obs.Of("AAA").Position("PENGAWAS", "2020-03-01"));

        Assert.Equal("AAA", profile.Summary.EmployingAgency);
        Assert.Equal(PositionLevel.Pengawas, profile.Summary.PositionLevel);
    }

    [Fact]
    public void Source_updated_at_instants_compare_across_offsets()
    {
        // 08:00+07:00 is 01:00Z, earlier than 02:00Z.
        var profile = Obs.Build(
            Obs.Of("AAA").Position("PENGAWAS", "2020-03-01").Updated("2025-01-01T08:00:00+07:00"),
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-03-01").Updated("2025-01-01T02:00:00Z"));

        Assert.Equal("BBB", profile.Summary.EmployingAgency);
    }

    [Fact]
    public void A_non_active_observation_never_employs_even_with_a_later_position()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Status("TRANSFERRED_OUT").Position("JPT_PRATAMA", "2024-01-01").Updated("2025-09-01T00:00:00+07:00"),
            Obs.Of("BBB").Position("PENGAWAS", "2012-01-01"));

        Assert.Equal("BBB", profile.Summary.EmployingAgency);
        Assert.Equal("ACTIVE", profile.Summary.Status);
    }

    [Fact]
    public void With_no_active_observation_status_comes_from_the_latest_and_nobody_employs()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().Updated("2024-01-01T00:00:00+07:00"),
            Obs.Of("BBB").Status("RETIRED").NoPosition().Grade("IV/a").Updated("2025-01-01T00:00:00+07:00"));

        Assert.Null(profile.Summary.EmployingAgency);
        Assert.Null(profile.Summary.PositionLevel);
        Assert.Equal("RETIRED", profile.Summary.Status);
        Assert.Equal("IV/a", Obs.Content(profile).GetProperty("grade").GetString());
        Assert.Equal("LATEST", Obs.Provenance(profile, "status").GetProperty("rule").GetString());
        Assert.Equal("BBB", profile.DuplicateKeys.EmployingAgency);
    }

    [Fact]
    public void With_no_active_observation_a_status_tie_goes_to_the_lower_agency_code()
    {
        var profile = Obs.Build(Obs.Of("BBB").Status("RETIRED").NoPosition(), Obs.Of("AAA").Status("DECEASED").NoPosition());

        Assert.Equal("DECEASED", profile.Summary.Status);
    }

    [Fact]
    public void Only_the_latest_observation_of_an_agency_counts_by_source_updated_at_before_receipt()
    {
        var later = Obs.Of("AAA").Position("JPT_PRATAMA", "2021-01-01").Updated("2025-06-01T00:00:00+07:00").Received(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var earlier = Obs.Of("AAA").Status("RETIRED").Updated("2025-05-01T00:00:00+07:00").Received(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero));

        var profile = Obs.Build(earlier, later);

        Assert.Equal("ACTIVE", profile.Summary.Status);
        Assert.Equal(PositionLevel.JptPratama, profile.Summary.PositionLevel);
    }

    [Fact]
    public void Within_an_agency_a_source_updated_at_tie_goes_to_the_later_receipt_then_the_higher_record_index()
    {
        var first = Obs.Of("AAA").Grade("III/a").Received(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), index: 5);
        var second = Obs.Of("AAA").Grade("III/b").Received(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), index: 0);
        var third = Obs.Of("AAA").Grade("III/c").Received(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), index: 1);

        Assert.Equal("III/b", Obs.Content(Obs.Build(first, second)).GetProperty("grade").GetString());
        Assert.Equal("III/c", Obs.Content(Obs.Build(third, second, first)).GetProperty("grade").GetString());
    }

    [Fact]
    public void Identity_comes_from_the_employing_agency_not_the_latest()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Name("Siti Rahmawati").Position("ADMINISTRATOR", "2021-01-01").Updated("2024-01-01T00:00:00+07:00"),
            Obs.Of("BBB").Name("Siti R.").Status("TRANSFERRED_OUT").NoPosition().Updated("2025-06-01T00:00:00+07:00"));

        Assert.Equal("Siti Rahmawati", profile.Summary.Name);
        Assert.Equal("EMPLOYING_AGENCY", Obs.Provenance(profile, "name").GetProperty("rule").GetString());
    }

    [Fact]
    public void With_no_active_observation_identity_comes_from_the_latest_observation()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Status("RETIRED").BirthPlace("Malang").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("BBB").Status("RESIGNED").BirthPlace("Surabaya").Updated("2024-06-01T00:00:00+07:00"));

        Assert.Equal("Malang", Obs.Content(profile).GetProperty("identity").GetProperty("birthPlace").GetString());
    }

    [Fact]
    public void A_null_never_beats_a_non_null_identity_value()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Nik(null).BirthPlace(null).Position("ADMINISTRATOR", "2021-01-01"),
            Obs.Of("BBB").Status("TRANSFERRED_OUT").NoPosition().BirthPlace("Kediri"));

        var identity = Obs.Content(profile).GetProperty("identity");
        Assert.Equal("3578015503850002", identity.GetProperty("nik").GetString());
        Assert.Equal("Kediri", identity.GetProperty("birthPlace").GetString());
        Assert.Equal("BBB", Obs.Provenance(profile, "nik").GetProperty("agencyCode").GetString());
        Assert.Equal("LATEST_NON_NULL", Obs.Provenance(profile, "nik").GetProperty("rule").GetString());
        Assert.Equal("3578015503850002", profile.DuplicateKeys.Nik);
    }

    [Fact]
    public void Birth_date_and_gender_come_from_the_nip()
    {
        var profile = Obs.Build(Obs.Of("AAA").Set("birthDate", "1985-03-16").Set("gender", "M"));

        var identity = Obs.Content(profile).GetProperty("identity");
        Assert.Equal("1985-03-15", identity.GetProperty("birthDate").GetString());
        Assert.Equal("F", identity.GetProperty("gender").GetString());
        Assert.Equal(new DateOnly(1985, 3, 15), profile.DuplicateKeys.BirthDate);
        Assert.Equal("NIP", Obs.Provenance(profile, "birthDate").GetProperty("rule").GetString());
    }

    [Fact]
    public void Status_grade_and_employment_type_come_from_the_employing_agency()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Grade("IV/a").EmploymentType("PNS").Position("ADMINISTRATOR", "2021-01-01").Updated("2024-01-01T00:00:00+07:00"),
            Obs.Of("BBB").Grade("X").EmploymentType("PPPK").Position("PELAKSANA", "2019-01-01").Updated("2025-06-01T00:00:00+07:00"));

        var content = Obs.Content(profile);
        Assert.Equal("IV/a", content.GetProperty("grade").GetString());
        Assert.Equal("PNS", content.GetProperty("employmentType").GetString());
        Assert.Equal("EMPLOYING_AGENCY", Obs.Provenance(profile, "grade").GetProperty("rule").GetString());
    }

    [Fact]
    public void Previous_nips_are_the_union_without_the_own_nip()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").PreviousNip("198503152019212001").PreviousNip(Obs.Nip),
            Obs.Of("BBB").PreviousNip("198503152019212001").PreviousNip("198503152018222001"));

        Assert.Equal(["198503152018222001", "198503152019212001"], profile.PreviousNips);
    }

    [Fact]
    public void Duplicate_keys_hold_the_normalized_name()
    {
        var profile = Obs.Build(Obs.Of("AAA").Name("Dr. Hj.  SITI Rahmawati, S.E., M.Si."));

        Assert.Equal("siti rahmawati", profile.DuplicateKeys.NormalizedName);
        Assert.Equal("AAA", profile.DuplicateKeys.EmployingAgency);
    }

    [Fact]
    public void Position_history_is_the_union_attributed_to_agency_code_and_ordered_by_from()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01").History("PENGAWAS", "2015-01-01", "2019-12-31").History("PELAKSANA", "2010-01-01", "2014-12-31", agencyCode: "AAA"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition());

        var history = Obs.Content(profile).GetProperty("positionHistory").EnumerateArray().ToList();
        Assert.Equal(["AAA", "BBB", "BBB"], history.Select(h => h.GetProperty("agencyCode").GetString()));
        Assert.Equal(["2010-01-01", "2015-01-01", "2020-01-01"], history.Select(h => h.GetProperty("from").GetString()));
        Assert.True(history[2].GetProperty("current").GetBoolean());
        Assert.Equal("UNION", Obs.Provenance(profile, "positionHistory[0]").GetProperty("rule").GetString());
        Assert.Equal("BBB", Obs.Provenance(profile, "positionHistory[0]").GetProperty("agencyCode").GetString());
    }

    [Fact]
    public void A_history_entry_sent_by_its_own_agency_wins_over_a_later_copy()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01").History("PELAKSANA", "2010-01-01", "2019-12-31", agencyCode: "AAA", title: "Copy").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().History("PELAKSANA", "2010-01-01", "2019-12-30", title: "Own").Updated("2020-01-10T00:00:00+07:00"));

        var history = Obs.Content(profile).GetProperty("positionHistory").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("Own", history[0].GetProperty("title").GetString());
        Assert.Equal("AAA", Obs.Provenance(profile, "positionHistory[0]").GetProperty("agencyCode").GetString());
    }

    [Fact]
    public void Copies_of_a_third_agency_entry_go_to_the_latest_sender()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01").History("PELAKSANA", "2010-01-01", "2014-12-31", agencyCode: "ZZZ", title: "From B").Updated("2025-01-01T00:00:00+07:00"),
            Obs.Of("CCC").Position("PENGAWAS", "2015-01-01").History("PELAKSANA", "2010-01-01", "2014-12-31", agencyCode: "ZZZ", title: "From C").Updated("2025-06-01T00:00:00+07:00"));

        var entry = Obs.Content(profile).GetProperty("positionHistory").EnumerateArray().First();
        Assert.Equal("From C", entry.GetProperty("title").GetString());
        Assert.Equal("ZZZ", entry.GetProperty("agencyCode").GetString());
    }

    [Fact]
    public void Copies_with_equal_source_updated_at_go_to_the_lower_sender_code()
    {
        var profile = Obs.Build(
            Obs.Of("CCC").Position("PENGAWAS", "2015-01-01").History("PELAKSANA", "2010-01-01", "2014-12-31", agencyCode: "ZZZ", title: "From C"),
            Obs.Of("BBB").Position("ADMINISTRATOR", "2020-01-01").History("PELAKSANA", "2010-01-01", "2014-12-31", agencyCode: "ZZZ", title: "From B"));

        Assert.Equal("From B", Obs.Content(profile).GetProperty("positionHistory").EnumerateArray().First().GetProperty("title").GetString());
    }

    [Fact]
    public void Assessments_are_the_union_deduplicated_by_agency_and_id()
    {
        var profile = Obs.Build(
            Obs.Of("AAA").Assessment("X-1", "CACT", "2025-01-01", 3).Assessment("X-2", "CACT", "2025-02-01", 3),
            Obs.Of("BBB").Position("PENGAWAS", "2010-01-01").Assessment("X-1", "CACT", "2025-01-01", 2));

        var keys = Obs.Content(profile).GetProperty("assessments").EnumerateArray()
            .Select(a => a.GetProperty("agencyCode").GetString() + "/" + a.GetProperty("id").GetString()).ToList();
        Assert.Equal(["AAA/X-2", "AAA/X-1", "BBB/X-1"], keys);
    }
}
