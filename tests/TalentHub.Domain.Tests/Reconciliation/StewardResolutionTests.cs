using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

/// <summary>A steward's resolution overrides survivorship for its field while the chosen source still says what was decided on.</summary>
public class StewardResolutionTests
{
    private static readonly Obs[] TwoEmployers =
    [
        Obs.Of("AAA").Position("ADMINISTRATOR", "2019-01-01").Nik("3578015503850003").Rating(2024, "SANGAT_BAIK"),
        Obs.Of("BBB").Position("PENGAWAS", "2024-02-01").Rating(2024, "BAIK"),
    ];

    private static ConsolidatedProfile Build(IReadOnlyList<StewardResolution> resolutions, params Obs[] observations) =>
        ProfileBuilder.Build(Obs.Nip, [.. observations.Select(o => o.Observation())], Obs.Standard(), Obs.Evaluation, resolutions);

    /// <summary>A resolution of the conflict survivorship finds today, as the API records it.</summary>
    private static StewardResolution Resolve(ConsolidatedProfile profile, string kind, string? chosenAgency, string? chosenValue = null, string? field = null)
    {
        var conflict = profile.Conflicts.Single(c => c.Kind == kind && (field is null || c.Field == field));
        return new StewardResolution(
            Guid.NewGuid(), conflict.Kind, conflict.Field, conflict.Year, conflict.Scope, chosenAgency, chosenValue,
            StewardResolution.BasisOf(conflict, chosenAgency), "steward", DateTimeOffset.UnixEpoch, "checked");
    }

    [Fact]
    public void Without_resolutions_survivorship_picks_the_latest_position_and_finds_every_conflict_kind()
    {
        var profile = Build([], TwoEmployers);

        Assert.Equal("BBB", profile.Summary.EmployingAgency);
        Assert.Equal(
            [ConflictKinds.ConcurrentEmployment, ConflictKinds.IdentityMismatch, ConflictKinds.OverlappingPositions, ConflictKinds.PerformanceMismatch],
            profile.Conflicts.Select(c => c.Kind));
    }

    [Fact]
    public void Choosing_the_employer_makes_it_the_employing_agency_with_rule_steward_and_closes_the_conflict()
    {
        var resolution = Resolve(Build([], TwoEmployers), ConflictKinds.ConcurrentEmployment, "AAA");

        var profile = Build([resolution], TwoEmployers);

        Assert.Equal("AAA", profile.Summary.EmployingAgency);
        Assert.Equal("STEWARD", Obs.Provenance(profile, "employingAgency").GetProperty("rule").GetString());
        Assert.Equal(resolution.DecisionId.ToString(), Obs.Provenance(profile, "employingAgency").GetProperty("steward").GetProperty("decisionId").GetString());
        Assert.DoesNotContain(profile.Conflicts, c => c.Kind == ConflictKinds.ConcurrentEmployment);
        Assert.Empty(profile.LapsedResolutions);
    }

    [Fact]
    public void An_identity_resolution_takes_the_chosen_agencys_value_or_the_typed_one()
    {
        var unresolved = Build([], TwoEmployers);
        var byAgency = Build([Resolve(unresolved, ConflictKinds.IdentityMismatch, "AAA")], TwoEmployers);
        var typed = Build([Resolve(unresolved, ConflictKinds.IdentityMismatch, null, "3578015503850009")], TwoEmployers);

        Assert.Equal("3578015503850002", Obs.Content(unresolved).GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("3578015503850003", Obs.Content(byAgency).GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("3578015503850009", Obs.Content(typed).GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("3578015503850009", typed.DuplicateKeys.Nik);
        Assert.False(Obs.Provenance(typed, "nik").TryGetProperty("agencyCode", out _));
        Assert.DoesNotContain(typed.Conflicts, c => c.Kind == ConflictKinds.IdentityMismatch);
    }

    [Fact]
    public void A_performance_resolution_takes_the_chosen_agencys_predikat()
    {
        var resolution = Resolve(Build([], TwoEmployers), ConflictKinds.PerformanceMismatch, "BBB");

        var profile = Build([resolution], TwoEmployers);

        Assert.Equal(TalentHub.Domain.Normalization.Predikat.Baik, profile.Analytics.PredikatByYear[2024]);
        Assert.Equal("STEWARD", Obs.Provenance(profile, "performance.2024").GetProperty("rule").GetString());
    }

    [Fact]
    public void An_overlap_resolved_for_one_agency_drops_the_others_overlapping_entries_and_BOTH_keeps_them()
    {
        var unresolved = Build([], TwoEmployers);
        var overlapForA = Resolve(unresolved, ConflictKinds.OverlappingPositions, "AAA");
        var forA = Build([Resolve(unresolved, ConflictKinds.ConcurrentEmployment, "AAA"), overlapForA], TwoEmployers);
        var employerKept = Build([overlapForA], TwoEmployers);
        var both = Build([Resolve(unresolved, ConflictKinds.OverlappingPositions, null, StewardResolution.Both)], TwoEmployers);

        string[] Agencies(ConsolidatedProfile p) =>
            [.. Obs.Content(p).GetProperty("positionHistory").EnumerateArray().Select(e => e.GetProperty("agencyCode").GetString()!).Distinct().Order()];
        Assert.Equal(["AAA"], Agencies(forA));
        // BBB still employs the person: its current position stays in the history beside the current position.
        Assert.Equal("BBB", employerKept.Summary.EmployingAgency);
        Assert.Equal(["AAA", "BBB"], Agencies(employerKept));
        Assert.Equal(["AAA", "BBB"], Agencies(both));
        Assert.DoesNotContain(both.Conflicts, c => c.Kind == ConflictKinds.OverlappingPositions);
    }

    [Fact]
    public void A_change_by_the_chosen_source_lapses_the_resolution_and_reopens_the_conflict_but_another_agencys_change_does_not()
    {
        var resolution = Resolve(Build([], TwoEmployers), ConflictKinds.IdentityMismatch, "AAA");

        var otherChanged = Build([resolution], TwoEmployers[0], Obs.Of("BBB").Position("PENGAWAS", "2024-02-01").Rating(2024, "BAIK").Nik("3578015503850007"));
        var chosenChanged = Build([resolution], Obs.Of("AAA").Position("ADMINISTRATOR", "2019-01-01").Nik("3578015503850004").Rating(2024, "SANGAT_BAIK"), TwoEmployers[1]);

        Assert.Empty(otherChanged.LapsedResolutions);
        Assert.Equal("3578015503850003", Obs.Content(otherChanged).GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal([resolution.DecisionId], chosenChanged.LapsedResolutions);
        Assert.Contains(chosenChanged.Conflicts, c => c.Kind == ConflictKinds.IdentityMismatch && c.Candidates.Any(v => v.Value == "3578015503850004"));
        Assert.Equal("3578015503850002", Obs.Content(chosenChanged).GetProperty("identity").GetProperty("nik").GetString());
    }

    [Fact]
    public void A_resolution_whose_conflict_is_gone_stays_in_force_and_answers_the_conflict_when_it_comes_back_unchanged()
    {
        var resolution = Resolve(Build([], TwoEmployers), ConflictKinds.IdentityMismatch, "AAA");

        var agreeing = Build([resolution], TwoEmployers[0], Obs.Of("BBB").Position("PENGAWAS", "2024-02-01").Rating(2024, "BAIK").Nik("3578015503850003"));
        var back = Build([resolution], TwoEmployers);

        Assert.Empty(agreeing.LapsedResolutions);
        Assert.DoesNotContain(agreeing.Conflicts, c => c.Kind == ConflictKinds.IdentityMismatch);
        Assert.Empty(back.LapsedResolutions);
        Assert.Equal("3578015503850003", Obs.Content(back).GetProperty("identity").GetProperty("nik").GetString());
    }

    [Fact]
    public void The_content_does_not_depend_on_the_order_of_observations_or_resolutions()
    {
        var unresolved = Build([], TwoEmployers);
        StewardResolution[] resolutions =
        [
            Resolve(unresolved, ConflictKinds.IdentityMismatch, "AAA"),
            Resolve(unresolved, ConflictKinds.PerformanceMismatch, "BBB"),
            Resolve(unresolved, ConflictKinds.OverlappingPositions, null, StewardResolution.Both),
        ];

        var forward = Build(resolutions, TwoEmployers);
        var backward = Build([.. resolutions.Reverse()], [.. TwoEmployers.Reverse()]);

        Assert.Equal(forward.ContentJson, backward.ContentJson);
        Assert.Equal(forward.ProvenanceJson, backward.ProvenanceJson);
    }
}
