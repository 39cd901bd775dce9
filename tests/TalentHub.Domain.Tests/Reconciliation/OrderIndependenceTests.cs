using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

/// <summary>
/// The key guarantee of reconciliation (docs/domain/reconciliation.md): the same observations give byte-identical
/// content whatever their order. Scenarios are drawn from a seed with many deliberate ties (equal sourceUpdatedAt,
/// since, assessedAt, scores, history keys), then FsCheck shuffles them.
/// </summary>
public class OrderIndependenceTests
{
    private static readonly string[] Agencies = ["AAA", "BBB", "CCC", "KAB-3501", "PROV-35"];
    private static readonly string[] Statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "TRANSFERRED_OUT", "RETIRED"];
    private static readonly string[] Levels = ["ADMINISTRATOR", "PENGAWAS", "JPT_PRATAMA", "PELAKSANA"];
    private static readonly string[] Dates = ["2019-01-02", "2020-03-01", "2020-03-01", "2024-02-29"];
    private static readonly string[] Updates = ["2025-01-10T08:00:00+07:00", "2025-01-10T01:00:00Z", "2025-03-01T00:00:00+07:00"];
    private static readonly string[] Methods = ["ASSESSMENT_CENTER", "CACT", "MULTI_RATER", "SELF_ASSESSMENT"];
    private static readonly string[] AssessedAt = ["2023-11-01", "2024-02-29", "2025-01-01", "2025-01-01"];
    private static readonly string[] Ratings = ["SANGAT_BAIK", "BAIK", "KURANG"];
    private static readonly string[] Names = ["Siti Rahmawati", "Dr. Siti Rahmawati, S.E.", "Siti Rachmawati"];

    internal static Observation[] Scenario(int seed)
    {
        var random = new Random(seed);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        var observations = new List<Observation>();
        foreach (var agency in Agencies.Take(2 + random.Next(Agencies.Length - 1)))
        {
            for (var n = 1 + random.Next(3); n > 0; n--)
            {
                var obs = Obs.Of(agency).Status(Pick(Statuses)).Updated(Pick(Updates)).Name(Pick(Names))
                    .Received(new DateTimeOffset(2025, 2, 1 + random.Next(2), 0, 0, 0, TimeSpan.Zero), random.Next(2))
                    .Position(Pick(Levels), Pick(Dates), province: random.Next(2) == 0 ? "35" : "31");
                if (random.Next(4) == 0)
                {
                    obs.Nik("3578015503850003").BirthPlace(null);
                }

                for (var h = random.Next(3); h > 0; h--)
                {
                    obs.History(Pick(Levels), Pick(["2010-01-01", "2015-01-01"]), Pick(["2016-12-31", "2018-12-31"]), agencyCode: random.Next(2) == 0 ? null : Pick(Agencies), title: Pick(["A", "B"]));
                }

                for (var a = random.Next(3); a > 0; a--)
                {
                    var level = 1 + random.Next(5);
                    obs.Assessment(Pick(["X1", "X2", "X3"]), Pick(Methods), Pick(AssessedAt), level, level + Pick([0m, 0.25m]), [.. Obs.Codes.Where(_ => random.Next(5) > 0)]);
                    if (random.Next(3) == 0)
                    {
                        obs.Potential(Pick(["P1", "P2"]), Pick(Methods), Pick(AssessedAt), 1 + random.Next(5));
                    }
                }

                foreach (var year in new[] { 2022, 2023, 2024, 2025 }.Where(_ => random.Next(2) == 0))
                {
                    obs.Rating(year, Pick(Ratings));
                }

                if (random.Next(5) == 0)
                {
                    obs.PreviousNip("198503152019212001");
                }

                observations.Add(obs.Observation());
            }
        }

        return [.. observations];
    }

    [Fact]
    public void Every_permutation_gives_byte_identical_content()
    {
        var standard = Obs.Standard();
        var cases = Gen.Choose(0, 1_000_000).SelectMany(seed =>
        {
            var scenario = Scenario(seed);
            return Gen.Shuffle(scenario).Select(shuffled => (Seed: seed, Original: scenario, Shuffled: shuffled));
        });

        Prop.ForAll(Arb.From(cases), c =>
            {
                var expected = ProfileBuilder.Build(Obs.Nip, c.Original, standard, Obs.Evaluation);
                var actual = ProfileBuilder.Build(Obs.Nip, c.Shuffled, standard, Obs.Evaluation);
                return string.Equals(expected.ContentJson, actual.ContentJson, StringComparison.Ordinal)
                    && string.Equals(expected.ProvenanceJson, actual.ProvenanceJson, StringComparison.Ordinal)
                    && expected.Summary == actual.Summary
                    && expected.DuplicateKeys == actual.DuplicateKeys
                    && expected.Conflicts.Count == actual.Conflicts.Count
                    && expected.Conflicts.Zip(actual.Conflicts).All(p => p.First.Kind == p.Second.Kind && p.First.Candidates.SequenceEqual(p.Second.Candidates));
            })
            .Label("content is the same for every order")
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_rotation_of_a_tie_heavy_scenario_gives_identical_content()
    {
        var standard = Obs.Standard();
        for (var seed = 0; seed < 40; seed++)
        {
            var scenario = Scenario(seed);
            var expected = ProfileBuilder.Build(Obs.Nip, scenario, standard, Obs.Evaluation).ContentJson;
            for (var shift = 1; shift < scenario.Length; shift++)
            {
                var rotated = scenario.Skip(shift).Concat(scenario.Take(shift)).ToArray();
                Assert.Equal(expected, ProfileBuilder.Build(Obs.Nip, rotated, standard, Obs.Evaluation).ContentJson);
            }

            Assert.Equal(expected, ProfileBuilder.Build(Obs.Nip, [.. scenario.Reverse()], standard, Obs.Evaluation).ContentJson);
        }
    }

    [Fact]
    public void Content_excludes_submission_ids_record_indexes_and_receipt_times()
    {
        var standard = Obs.Standard();
        var first = Obs.Of("AAA").Assessment("C", "CACT", "2025-01-01", 3).Rating(2025, "BAIK").Received(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 3, Guid.Parse("11111111-1111-1111-1111-111111111111"));
        var again = Obs.Of("AAA").Assessment("C", "CACT", "2025-01-01", 3).Rating(2025, "BAIK").Received(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), 7, Guid.Parse("22222222-2222-2222-2222-222222222222"));

        var a = ProfileBuilder.Build(Obs.Nip, [first.Observation()], standard, Obs.Evaluation);
        var b = ProfileBuilder.Build(Obs.Nip, [again.Observation()], standard, Obs.Evaluation);

        Assert.Equal(a.ContentJson, b.ContentJson);
        Assert.NotEqual(a.ProvenanceJson, b.ProvenanceJson);
        Assert.DoesNotContain("11111111", a.ContentJson, StringComparison.Ordinal);
        Assert.Contains("22222222-2222-2222-2222-222222222222", b.ProvenanceJson, StringComparison.Ordinal);
        Assert.Contains("\"receivedAt\":\"2025-05-01T00:00:00.0000000+00:00\"", b.ProvenanceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_does_not_move_with_the_calendar_when_nothing_meaningful_changes()
    {
        var standard = Obs.Standard();
        var observations = new[] { Obs.Of("AAA").Assessment("C", "CACT", "2025-01-01", 3).Rating(2025, "BAIK").Observation() };

        var monday = ProfileBuilder.Build(Obs.Nip, observations, standard, new DateOnly(2026, 11, 2));
        var tuesday = ProfileBuilder.Build(Obs.Nip, observations, standard, new DateOnly(2026, 11, 3));

        Assert.Equal(monday.ContentJson, tuesday.ContentJson);
    }

    [Fact]
    public void No_observation_gives_an_empty_profile_not_an_exception()
    {
        var profile = ProfileBuilder.Build(Obs.Nip, [], Obs.Standard(), Obs.Evaluation);

        Assert.Equal(ProfileBuilder.NoStatus, profile.Summary.Status);
        Assert.Null(profile.Summary.EmployingAgency);
        Assert.Empty(profile.Conflicts);
        Assert.Equal(new DateOnly(1985, 3, 15), profile.DuplicateKeys.BirthDate);
        Assert.Equal(string.Empty, profile.Summary.Name);
        Assert.StartsWith("{\"nip\":\"198503152010012002\"", profile.ContentJson, StringComparison.Ordinal);
    }
}
